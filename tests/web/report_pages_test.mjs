// The HTML reports ehcp writes to files, opened in real headless Chromium (Debian's, driven
// by puppeteer-core): the amendment diff of the annual-review sample, the lint report of
// the weak plan and the caseload dashboard of the sample plans (as of 1 June 2027). Each must be self-contained (no request leaves the file), clean under
// axe-core, free of console errors, and the diff's marks must be words a screen reader
// reads ("inserted: ", "deleted: " in the accessibility tree) and lines that survive
// black-and-white printing (underline and strike-through in print media, not colour alone).
// Usage: node report_pages_test.mjs EHCP_BINARY SAMPLES_DIR
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [ehcp, samples] = process.argv.slice(2);
assert.ok(ehcp && samples, "usage: node report_pages_test.mjs EHCP_BINARY SAMPLES_DIR");

const out = mkdtempSync(join(tmpdir(), "ehcp-reports-"));
function write(args, expectedExit, options = {}) {
  const run = spawnSync(ehcp, args, { encoding: "utf8", ...options });
  assert.equal(run.status, expectedExit, `${args.join(" ")}: ${run.stderr}`);
}
const diffHtml = join(out, "diff.html");
const lintHtml = join(out, "lint.html");
write(["diff", join(samples, "annual-review", "current-plan.xml"), join(samples, "annual-review", "amended-plan.xml"),
  "--format", "html", "-o", diffHtml], 1);
write(["lint", join(samples, "weak-plan", "plan.xml"), "--format", "html", "-o", lintHtml], 1);
// The dashboard as of a fixed day, on which the early-years plan's review is overdue.
const caseloadHtml = join(out, "caseload.html");
const samplePlans = ["early-years-hearing", "ks3-autism-anxiety", "weak-plan", "year10-pfa"].map(
  (name) => join(samples, name, "plan.xml"));
write(["lint", ...samplePlans, "--format", "html", "-o", caseloadHtml], 1,
  { env: { ...process.env, SOURCE_DATE_EPOCH: "1811808000" } });

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

const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  // Opens a report; returns the page, its console errors and every URL it asked for.
  async function open(file) {
    const page = await browser.newPage();
    const consoleErrors = [];
    const requests = [];
    page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`file://${file}`, { waitUntil: "load" });
    return { page, consoleErrors, requests };
  }
  async function axeClean(page) {
    await page.evaluate(axeSource);
    const { violations } = await page.evaluate(() => window.axe.run(document));
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.help}`), []);
  }

  for (const [name, file] of [["the amendment diff", diffHtml], ["the lint report", lintHtml],
    ["the caseload dashboard", caseloadHtml]]) {
    await test(`${name}: self-contained, axe-core clean, no console errors`, async () => {
      const { page, consoleErrors, requests } = await open(file);
      assert.deepEqual(requests.filter((u) => u !== `file://${file}`), []);
      assert.ok((await page.$eval("h1", (e) => e.textContent)).trim().length > 0);
      await axeClean(page);
      assert.deepEqual(consoleErrors, []);
      await page.close();
    });
  }

  await test("the amendment diff: every mark is announced in words", async () => {
    const { page } = await open(diffHtml);
    const marks = await page.$$eval("ins, del", (nodes) =>
      nodes.map((n) => ({ tag: n.tagName, label: n.querySelector(".visually-hidden")?.textContent ?? "" })));
    assert.ok(marks.filter((m) => m.tag === "INS").length >= 5, "the sample has insertions");
    assert.ok(marks.filter((m) => m.tag === "DEL").length >= 5, "the sample has deletions");
    for (const m of marks) assert.equal(m.label, m.tag === "INS" ? "inserted: " : "deleted: ");
    // What a screen reader gets: insertion and deletion roles whose first text is the label.
    const tree = await page.accessibility.snapshot({ interestingOnly: false });
    const found = { insertion: [], deletion: [] };
    const textOf = (node) => (node.role === "StaticText" ? node.name : (node.children ?? []).map(textOf).join(""));
    (function walk(node) {
      if (node.role in found) found[node.role].push(textOf(node));
      for (const child of node.children ?? []) walk(child);
    })(tree);
    assert.equal(found.insertion.length, marks.filter((m) => m.tag === "INS").length);
    assert.equal(found.deletion.length, marks.filter((m) => m.tag === "DEL").length);
    for (const text of found.insertion) assert.match(text, /^inserted:/);
    for (const text of found.deletion) assert.match(text, /^deleted:/);
    // The frequency cut in F4 is there in words.
    assert.match(await page.$eval("body", (b) => b.innerText), /three/);
    await page.close();
  });

  await test("the caseload dashboard: a real table of stage and next date, overdue in words, every link lands", async () => {
    const { page } = await open(caseloadHtml);
    const table = await page.$eval("#plans", (h) => {
      const t = h.closest("section").querySelector("table");
      return {
        columns: [...t.querySelectorAll("thead th")].map((th) => [th.textContent.trim(), th.getAttribute("scope")]),
        rows: [...t.querySelectorAll("tbody tr")].map((tr) => ({
          header: tr.querySelector("th")?.getAttribute("scope"),
          link: tr.querySelector("th a")?.getAttribute("href"),
          stage: tr.querySelectorAll("td")[0]?.innerText,
          next: tr.querySelectorAll("td")[1]?.innerText,
        })),
      };
    });
    assert.deepEqual(table.columns.slice(0, 3), [["Plan", "col"], ["Stage", "col"], ["Next statutory date", "col"]]);
    assert.equal(table.rows.length, 4);
    for (const row of table.rows) assert.equal(row.header, "row");
    assert.deepEqual(table.rows.map((r) => r.stage), ["final (issued)", "final (issued)", "final (issued)", "amended"]);
    // Overdue is read out as a word, not only shown in red.
    const overdue = table.rows.filter((r) => r.next.startsWith("Overdue:"));
    assert.equal(overdue.length, 1);
    assert.match(overdue[0].next, /^Overdue: annual review due 25 March 2027 \(68 days ago\)/);
    // Each plan's link goes to a heading with that plan's findings on the same page.
    const links = await page.$$eval("a[href^='#']", (as) => as.map((a) => [a.getAttribute("href"), a.textContent]));
    assert.ok(links.length >= 5);
    for (const [href, text] of links) {
      const heading = await page.$eval(href, (h) => [h.tagName, h.textContent]);
      assert.equal(heading[0], "H3");
      assert.ok(heading[1].startsWith(text), `${href}: ${heading[1]}`);
    }
    const body = await page.$eval("body", (b) => b.innerText);
    assert.match(body, /Statutory dates as of 1 June 2027/);
    assert.match(body, /67%\s*of new plans issued within 20 weeks \(2 of 3\)/);
    await page.close();
  });

  await test("the amendment diff: marks survive black-and-white printing", async () => {
    const { page } = await open(diffHtml);
    await page.emulateMediaType("print");
    const styles = await page.evaluate(() => ["ins", "del"].map((tag) => {
      const s = getComputedStyle(document.querySelector(tag));
      return { tag, line: s.textDecorationLine, colour: s.color };
    }));
    assert.deepEqual(styles.map((s) => [s.tag, s.line]), [["ins", "underline"], ["del", "line-through"]]);
    for (const s of styles) assert.equal(s.colour, "rgb(0, 0, 0)");
    const pdf = await page.pdf({ format: "A4" });
    assert.equal(Buffer.from(pdf).subarray(0, 5).toString(), "%PDF-");
    await page.close();
  });
} finally {
  await browser.close();
  rmSync(out, { recursive: true, force: true });
}
const failed = results.filter(([, ok]) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
