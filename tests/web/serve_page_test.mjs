// The web page of `ehcp serve` in real headless Chromium (Debian's, driven by
// puppeteer-core): a plan uploaded and its findings shown, the PDF and DOCX downloads
// valid, a case folder, a caseload and a bundle's folder sent as ZIPs and a bundle built
// from a manifest and its PDFs (the bundle PDF opened with pdfinfo), every control reachable and usable with the keyboard alone, axe-core with no
// violations, and no console errors. Usage: node serve_page_test.mjs EHCP_BINARY SAMPLES_DIR
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [ehcp, samples] = process.argv.slice(2);
assert.ok(ehcp && samples, "usage: node serve_page_test.mjs EHCP_BINARY SAMPLES_DIR");
const weakPlan = join(samples, "weak-plan", "plan.xml");
const goodPlan = join(samples, "ks3-autism-anxiety", "plan.xml");
const councilDocx = join(samples, "..", "tests", "council", "tables.docx");

// tests/e2e/make_zip.py OUT NAME=@PATH...: a folder as one ZIP, written by Python's zipfile.
const makeZip = fileURLToPath(new URL("../e2e/make_zip.py", import.meta.url));
function zipOf(out, entries) {
  const run = spawnSync("/usr/bin/python3", [makeZip, out, ...entries.map(([name, path]) => `${name}=@${path}`)]);
  assert.equal(run.status, 0, String(run.stderr));
  return out;
}

async function axeClean(page) {
  await page.evaluate(axeSource);
  const { violations } = await page.evaluate(() => window.axe.run(document));
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help}`), []);
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(ehcp, ["serve", "--listen", "127.0.0.1:0", "--workers", "2"], { stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.setEncoding("utf8");
    child.stdout.once("data", (line) => {
      const match = line.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      match ? resolve({ child, url: `http://127.0.0.1:${match[1]}/` }) : reject(new Error(line));
    });
    child.once("exit", (code) => reject(new Error(`ehcp serve exited with ${code}`)));
  });
}

async function waitForFile(folder, suffix) {
  for (let i = 0; i < 200; i++) {
    const done = readdirSync(folder).find((f) => f.endsWith(suffix));
    if (done) return join(folder, done);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${suffix} downloaded`);
}

const results = [];
async function test(name, body) {
  try {
    await body();
    results.push([name, true]);
    console.log(`ok - ${name}`);
  } catch (e) {
    results.push([name, false]);
    console.log(`not ok - ${name}\n  ${e.stack}`);
  }
}

const { child, url } = await startServer();
const downloads = mkdtempSync(join(tmpdir(), "ehcp-web-"));
const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  const cdp = await page.createCDPSession();
  await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });

  await test("the page loads with its security headers and no external assets", async () => {
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    const response = await page.goto(url, { waitUntil: "networkidle0" });
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-security-policy"], /default-src 'none'/);
    assert.equal(response.headers()["cache-control"], "no-store");
    assert.ok(requests.every((r) => r.startsWith(url)), `external request: ${requests}`);
    assert.equal(await page.title(), "ehcp: check and render an EHC plan");
  });

  await test("axe-core finds no violations on the empty page", async () => {
    await page.evaluate(axeSource);
    const { violations } = await page.evaluate(() => window.axe.run(document));
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.help}`), []);
  });

  await test("uploading a weak plan shows its findings", async () => {
    const input = await page.$("#plan-file");
    await input.uploadFile(weakPlan);
    await page.waitForSelector("#results:not([hidden])", { timeout: 30000 });
    const summary = await page.$eval("#summary", (e) => e.textContent);
    assert.match(summary, /plan\.xml: \d+ errors, \d+ warnings/);
    assert.match(summary, /Inadequate/);
    const findings = await page.$$eval(".finding", (items) => items.length);
    assert.ok(findings >= 20, `${findings} findings shown`);
    const status = await page.$eval("#status", (e) => e.textContent);
    assert.equal(status, "Checked plan.xml.");
    // Focus moves to the findings for keyboard and screen-reader users.
    assert.equal(await page.evaluate(() => document.activeElement.id), "results-heading");
  });

  await test("axe-core finds no violations with the findings shown", async () => {
    const { violations } = await page.evaluate(() => window.axe.run(document));
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.help}`), []);
  });

  await test("the PDF and DOCX downloads are valid files", async () => {
    await page.click("#download-pdf");
    const pdf = await waitForFile(downloads, ".pdf");
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
    assert.equal(spawnSync("pdfinfo", [pdf]).status, 0);
    await page.click("#download-docx");
    const docx = await waitForFile(downloads, ".docx");
    const bytes = readFileSync(docx);
    assert.equal(bytes.subarray(0, 4).toString("binary"), "PK\x03\x04");
    assert.ok(bytes.includes(Buffer.from("word/document.xml")));
    await page.click("#download-html");
    const html = await waitForFile(downloads, "plan.html");
    const text = readFileSync(html, "utf8");
    assert.match(text, /^<!DOCTYPE html>/);
    assert.match(text, /<main id="main">/);
  });

  // Issue #16: a council's own Word plan in the plan box is checked with places in the
  // document; it is not rendered, so the render downloads give way to a note.
  await test("a council's Word plan (.docx) is checked, with each finding's place", async () => {
    await page.goto(url, { waitUntil: "networkidle0" });
    const accept = await page.$eval("#plan-file", (e) => e.accept);
    assert.match(accept, /\.docx/);
    await (await page.$("#plan-file")).uploadFile(councilDocx);
    await page.waitForFunction(() => document.getElementById("status").textContent === "Checked tables.docx.",
      { timeout: 30000 });
    assert.match(await page.$eval("#summary", (e) => e.textContent), /tables\.docx: [1-9]\d* errors/);
    assert.match(await page.$eval("#findings", (e) => e.textContent),
      /Where: Section F, table 5, row 3, column 'Provision'/);
    assert.equal(await page.$eval("#download-pdf", (e) => e.hidden), true);
    assert.equal(await page.$eval("#download-docx", (e) => e.hidden), true);
    assert.equal(await page.$eval("#word-plan-note", (e) => e.hidden), false);
    await page.click("#download-report");
    const report = await waitForFile(downloads, "tables-report.html");
    assert.match(readFileSync(report, "utf8"), /vague/i);
    await axeClean(page);
  });

  await test("keyboard alone: every control in order, and a plan checked with Enter", async () => {
    await page.goto(url, { waitUntil: "networkidle0" });
    const order = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
    }
    assert.deepEqual(order, ["skip", "plan-file", "token", "check"]);
    // A file chosen (file pickers are the browser's own), then the form sent from the keyboard.
    const input = await page.$("#plan-file");
    await input.uploadFile(goodPlan);
    await page.waitForSelector("#results:not([hidden])", { timeout: 30000 });
    await page.focus("#check");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.getElementById("status").textContent === "Checked plan.xml.");
    assert.match(await page.$eval("#findings", (e) => e.textContent), /No findings/);
    // The download buttons follow the findings heading in tab order.
    await page.focus("#results-heading");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "download-pdf");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "download-docx");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "download-html");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "download-report");
  });

  await test("a case's files give a draft, which downloads and is checked on the page", async () => {
    await page.goto(url, { waitUntil: "networkidle0" });
    const folder = join(samples, "ks3-autism-anxiety");
    const files = [join(folder, "case.xml"),
      ...readdirSync(join(folder, "contributions")).map((f) => join(folder, "contributions", f))];
    await (await page.$("#case-files")).uploadFile(...files);
    await page.click("#assemble");
    await page.waitForSelector("#draft:not([hidden])", { timeout: 30000 });
    assert.match(await page.$eval("#draft-summary", (e) => e.textContent), /from 7 pieces of advice: \d+ merged, 1 conflict to resolve/);
    assert.match(await page.$eval("#draft-notes", (e) => e.textContent), /Conflict: Speech and language therapy/);
    assert.equal(await page.evaluate(() => document.activeElement.id), "draft-heading");
    await page.click("#download-draft");
    const draft = await waitForFile(downloads, "draft.xml");
    assert.match(readFileSync(draft, "utf8"), /<plan /);
    await page.click("#check-draft");
    await page.waitForFunction(() => document.getElementById("status").textContent === "Checked draft.xml.");
    await page.evaluate(axeSource);
    const { violations } = await page.evaluate(() => window.axe.run(document));
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.help}`), []);
  });

  await test("a caseload is checked and its dashboard downloads", async () => {
    await page.goto(url, { waitUntil: "networkidle0" });
    const plans = readdirSync(samples).map((d) => join(samples, d, "plan.xml")).filter((f) => existsSync(f));
    await (await page.$("#caseload-files")).uploadFile(...plans);
    await page.click("#check-caseload");
    await page.waitForSelector("#caseload:not([hidden])", { timeout: 30000 });
    const summary = await page.$eval("#caseload-summary", (e) => e.textContent);
    assert.match(summary, new RegExp(`^${plans.length} plans: .*1 Inadequate`));
    assert.equal(await page.$$eval("#caseload-table tbody tr", (rows) => rows.length), plans.length);
    assert.equal(await page.evaluate(() => document.activeElement.id), "caseload-results-heading");
    await page.evaluate(axeSource);
    const { violations } = await page.evaluate(() => window.axe.run(document));
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.help}`), []);
    await page.click("#download-dashboard");
    const dashboard = await waitForFile(downloads, "caseload-dashboard.html");
    assert.match(readFileSync(dashboard, "utf8"), /<table/);
  });

  const folder = join(samples, "ks3-autism-anxiety");
  const advice = readdirSync(join(folder, "contributions")).map((f) => join(folder, "contributions", f));

  await test("a case folder as a ZIP gives the draft and its assembly report", async () => {
    await page.goto(url, { waitUntil: "networkidle0" });
    const zip = zipOf(join(downloads, "..", basename(downloads) + "-case.zip"), [
      ["ks3/case.xml", join(folder, "case.xml")], ["ks3/plan.xml", join(folder, "plan.xml")],
      ...advice.map((f) => ["ks3/contributions/" + basename(f), f])]);
    try {
      await (await page.$("#case-files")).uploadFile(zip);
      await page.click("#assemble");
      await page.waitForSelector("#draft:not([hidden])", { timeout: 30000 });
    } finally {
      rmSync(zip, { force: true });
    }
    assert.match(await page.$eval("#draft-summary", (e) => e.textContent), /from 7 pieces of advice: \d+ merged, 1 conflict to resolve/);
    assert.equal(await page.evaluate(() => document.activeElement.id), "draft-heading");
    await page.click("#download-assembly-report");
    const report = JSON.parse(readFileSync(await waitForFile(downloads, "assembly-report.json"), "utf8"));
    assert.equal(report.conflicts.length, 1);
    assert.equal(report.summary.contributions, 7);
    await axeClean(page);
  });

  await test("a caseload folder as a ZIP is checked, skipping case files, and its dashboard downloads", async () => {
    await page.goto(url, { waitUntil: "networkidle0" });
    for (const f of readdirSync(downloads)) if (f.endsWith(".html")) rmSync(join(downloads, f));
    const plans = readdirSync(samples).filter((d) => existsSync(join(samples, d, "plan.xml")));
    const zip = zipOf(join(downloads, "..", basename(downloads) + "-caseload.zip"), [
      ...plans.map((d) => [`caseload/${d}/plan.xml`, join(samples, d, "plan.xml")]),
      ["caseload/ks3-autism-anxiety/case.xml", join(folder, "case.xml")]]);
    try {
      await (await page.$("#caseload-files")).uploadFile(zip);
      await page.click("#check-caseload");
      await page.waitForSelector("#caseload:not([hidden])", { timeout: 30000 });
      assert.match(await page.$eval("#caseload-summary", (e) => e.textContent), new RegExp(`^${plans.length} plans: .*1 Inadequate`));
      assert.equal(await page.$$eval("#caseload-table tbody tr", (rows) => rows.length), plans.length);
      assert.equal(await page.$eval("#status", (e) => e.textContent), `Checked ${plans.length} plans (1 other file skipped).`);
      await page.click("#download-dashboard");
      assert.match(readFileSync(await waitForFile(downloads, "caseload-dashboard.html"), "utf8"), /<table/);
    } finally {
      rmSync(zip, { force: true });
    }
    await axeClean(page);
  });

  await test("a bundle from its manifest and PDFs shows its page map and downloads a valid PDF", async () => {
    await page.goto(url, { waitUntil: "networkidle0" });
    const evidence = readdirSync(join(samples, "bundle", "evidence")).map((f) => join(samples, "bundle", "evidence", f));
    await (await page.$("#bundle-manifest")).uploadFile(join(samples, "bundle", "manifest.xml"));
    await (await page.$("#bundle-documents")).uploadFile(...evidence, join(folder, "plan.xml"));
    await page.click("#build-bundle");
    await page.waitForSelector("#bundle:not([hidden])", { timeout: 60000 });
    const summary = await page.$eval("#bundle-summary", (e) => e.textContent);
    assert.match(summary, /^Built the bundle for .*: \d+ pages, 6 documents\. SHA-256 [0-9a-f]{64}\.$/);
    assert.equal(await page.$$eval("#bundle-table tbody tr", (rows) => rows.length), 6);
    assert.equal(await page.evaluate(() => document.activeElement.id), "bundle-results-heading");
    await axeClean(page);
    await page.click("#download-bundle");
    const pdf = await waitForFile(downloads, "bundle.pdf");
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" });
    assert.equal(info.status, 0, info.stderr);
    const pages = Number(info.stdout.match(/Pages:\s+(\d+)/)[1]);
    assert.ok(summary.includes(`: ${pages} pages`), `${summary} / ${pages} pages`);
    rmSync(pdf);
  });

  await test("a bundle's folder as a ZIP is built; a manifest without its documents is refused with its reasons", async () => {
    await page.goto(url, { waitUntil: "networkidle0" });
    const zip = zipOf(join(downloads, "..", basename(downloads) + "-bundle.zip"), [
      ["bundle/manifest.xml", join(samples, "bundle", "manifest.xml")], ["ks3-autism-anxiety/plan.xml", join(folder, "plan.xml")],
      ...readdirSync(join(samples, "bundle", "evidence")).map((f) => [`bundle/evidence/${f}`, join(samples, "bundle", "evidence", f)])]);
    try {
      await (await page.$("#bundle-manifest")).uploadFile(zip);
      await page.click("#build-bundle");
      await page.waitForFunction(() => document.getElementById("status").textContent === "Built the bundle.", { timeout: 60000 });
    } finally {
      rmSync(zip, { force: true });
    }
    await page.goto(url, { waitUntil: "networkidle0" });
    await (await page.$("#bundle-manifest")).uploadFile(join(samples, "bundle", "manifest.xml"));
    await page.click("#build-bundle");
    await page.waitForFunction(() => document.getElementById("status").textContent === "The bundle was not built.", { timeout: 60000 });
    assert.match(await page.$eval("#bundle-notes", (e) => e.textContent), /is not in the upload/);
    assert.equal(await page.$eval("#download-bundle", (e) => e.hidden), true);
    await axeClean(page);
  });

  await test("no console errors", async () => {
    assert.deepEqual(consoleErrors, []);
  });
} finally {
  await browser.close();
  child.kill("SIGTERM");
  rmSync(downloads, { recursive: true, force: true });
}
const failed = results.filter(([, ok]) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
