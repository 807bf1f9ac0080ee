// Screenshots for docs/ (not a test): the web page with a weak plan's findings, the
// reviewer's HTML report of the same fictional sample, and the sample tribunal bundle
// built on the page from its manifest and PDFs. Usage:
//   node tests/web/screenshots.mjs build/ehcp samples docs/images
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import puppeteer from "puppeteer-core";

// Absolute, since the report is opened as a file:// URL.
const [ehcp, samples, out] = process.argv.slice(2).map((p) => resolve(p));
const child = spawn(ehcp, ["serve", "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "ignore"] });
const url = await new Promise((resolve) => {
  child.stdout.setEncoding("utf8");
  child.stdout.once("data", (line) => resolve(line.match(/(http:\/\/127\.0\.0\.1:\d+\/)/)[1]));
});
const browser = await puppeteer.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 1300 });
  await page.goto(url, { waitUntil: "networkidle0" });
  await (await page.$("#plan-file")).uploadFile(join(samples, "weak-plan", "plan.xml"));
  await page.waitForSelector("#results:not([hidden])");
  await page.screenshot({ path: join(out, "web-page-findings.png") });
  const html = await (await fetch(url + "v1/lint?format=html&exit=header", {
    method: "POST",
    headers: { "Content-Type": "application/xml" },
    body: readFileSync(join(samples, "weak-plan", "plan.xml")),
  })).text();
  const file = join(out, ".report.html");
  writeFileSync(file, html);
  await page.goto("file://" + file, { waitUntil: "load" });
  await page.screenshot({ path: join(out, "lint-report.png") });
  rmSync(file);
  await page.goto(url, { waitUntil: "networkidle0" });
  const evidence = join(samples, "bundle", "evidence");
  await (await page.$("#bundle-manifest")).uploadFile(join(samples, "bundle", "manifest.xml"));
  await (await page.$("#bundle-documents")).uploadFile(
    ...readdirSync(evidence).map((f) => join(evidence, f)), join(samples, "ks3-autism-anxiety", "plan.xml"));
  await page.click("#build-bundle");
  await page.waitForSelector("#bundle:not([hidden])", { timeout: 60000 });
  await page.$eval("#bundle-form", (e) => e.scrollIntoView());
  await page.screenshot({ path: join(out, "web-page-bundle.png") });
} finally {
  await browser.close();
  child.kill("SIGTERM");
}
