// The plan as a web page (`ehcp render --html`) in real headless Chromium (Debian's, driven
// by puppeteer-core): a sample with the default template (a mother's words in Arabic) and
// two with Exampleshire's (its logo and its "about me" first page; a father's words in
// Polish). Each page must be self-contained (no request leaves the file), clean under
// axe-core, free of console errors, with header/main/footer landmarks and headings; on a
// phone-sized viewport the tables stack and nothing scrolls sideways; print gives A4 pages.
// Usage: node plan_page_test.mjs EHCP_BINARY SAMPLES_DIR [SCREENSHOT_DIR]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [ehcp, samples, shots] = process.argv.slice(2);
assert.ok(ehcp && samples, "usage: node plan_page_test.mjs EHCP_BINARY SAMPLES_DIR [SCREENSHOT_DIR]");

// Fictional samples only; the folder goes when the test ends.
const out = mkdtempSync(join(tmpdir(), "ehcp-plan-pages-"));
const pages = [
  ["ks3-autism-anxiety", "default"],
  ["year10-pfa", "exampleshire"],
  ["early-years-hearing", "exampleshire"],
].map(([sample, template]) => {
  const file = join(out, `${sample}-${template}.html`);
  const run = spawnSync(ehcp, ["render", join(samples, sample, "plan.xml"), "--template", template, "--html", file],
    { encoding: "utf8" });
  assert.equal(run.status, 0, `render ${sample}: ${run.stderr}`);
  return { name: `${sample} (${template})`, file, sample, template };
});

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
  async function open(file, viewport = { width: 1100, height: 1300 }) {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    const consoleErrors = [];
    const requests = [];
    page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`file://${file}`, { waitUntil: "load" });
    return { page, consoleErrors, requests };
  }

  for (const p of pages) {
    await test(`${p.name}: self-contained, axe-core clean, no console errors, landmarks and headings`, async () => {
      const { page, consoleErrors, requests } = await open(p.file);
      // The logo is a data: URL inside the page; anything else would leave the file.
      assert.deepEqual(requests.filter((u) => u !== `file://${p.file}` && !u.startsWith("data:image/")), []);
      await page.evaluate(axeSource);
      const { violations } = await page.evaluate(() => window.axe.run(document));
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(" ")})`), []);
      assert.deepEqual(consoleErrors, []);
      const structure = await page.evaluate(() => ({
        banner: document.querySelectorAll("body > header").length,
        main: document.querySelectorAll("main").length,
        footer: document.querySelectorAll("body > footer").length,
        h1: [...document.querySelectorAll("h1")].map((h) => h.textContent.trim()),
        h2: document.querySelectorAll("main h2").length,
        scripts: document.querySelectorAll("script").length,
        tablesWithoutHeaders: [...document.querySelectorAll("table")].filter((t) => !t.querySelector("th[scope]")).length,
        lang: document.documentElement.lang,
      }));
      assert.equal(structure.banner, 1);
      assert.equal(structure.main, 1);
      assert.equal(structure.footer, 1);
      assert.equal(structure.h1.length, 1, `one h1: ${structure.h1}`);
      assert.ok(structure.h2 >= 8, "a heading for each section");
      assert.equal(structure.scripts, 0);
      assert.equal(structure.tablesWithoutHeaders, 0);
      assert.equal(structure.lang, "en-GB");
      if (shots) await page.screenshot({ path: join(shots, `plan-page-${p.sample}-${p.template}.png`) });
      await page.close();
    });

    await test(`${p.name}: on a phone the tables stack and nothing scrolls sideways`, async () => {
      const { page } = await open(p.file, { width: 360, height: 740, isMobile: true, deviceScaleFactor: 1 });
      const layout = await page.evaluate(() => {
        const td = document.querySelector("td[data-label]");
        return {
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          widest: Math.max(...[...document.querySelectorAll("main *")].map((e) => e.getBoundingClientRect().right)),
          cellDisplay: td ? getComputedStyle(td).display : "none found",
          label: td ? getComputedStyle(td, "::before").content : "",
        };
      });
      assert.ok(layout.scrollWidth <= layout.clientWidth, `scrolls sideways: ${layout.scrollWidth} > ${layout.clientWidth}`);
      assert.ok(layout.widest <= layout.clientWidth + 0.5, `an element reaches ${layout.widest}px`);
      assert.equal(layout.cellDisplay, "block");
      assert.notEqual(layout.label, "none");
      if (shots) {
        // The first table, stacked, as a person sees it.
        await page.evaluate(() => document.querySelector("table").scrollIntoView());
        await page.screenshot({ path: join(shots, `plan-page-${p.sample}-${p.template}-phone.png`) });
      }
      await page.close();
    });
  }

  await test("the about-me page opens the Exampleshire plan, and only that one", async () => {
    for (const p of pages) {
      const { page } = await open(p.file);
      const first = await page.$eval("main h2", (h) => h.textContent);
      if (p.template === "exampleshire") assert.match(first, /^All about /);
      else assert.doesNotMatch(first, /^All about /);
      await page.close();
    }
  });

  await test("text in other languages carries lang, and right-to-left text dir", async () => {
    const { page } = await open(pages[0].file);
    const tagged = await page.evaluate(() => ({
      rtl: [...document.querySelectorAll("main [dir=rtl]")].map((e) => e.textContent).filter((t) => t.trim()),
      langs: [...new Set([...document.querySelectorAll("main [lang]")].map((e) => e.lang))],
    }));
    assert.ok(tagged.rtl.length > 0, "some right-to-left text");
    assert.ok(tagged.langs.includes("ar"), `languages tagged: ${tagged.langs}`);
    await page.close();
  });

  await test("print: A4 pages, the skip link hidden", async () => {
    const { page } = await open(pages[1].file);
    await page.emulateMediaType("print");
    assert.equal(await page.$eval(".skip", (e) => getComputedStyle(e).display), "none");
    const pdf = Buffer.from(await page.pdf({ format: "A4", printBackground: false }));
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    const count = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(count >= 5, `${count} printed pages`);
    await page.close();
  });
} finally {
  await browser.close();
  rmSync(out, { recursive: true, force: true });
}
const failed = results.filter(([, ok]) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
