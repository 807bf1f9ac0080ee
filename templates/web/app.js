// The web page of `ehcp serve`: sends a plan to /v1/lint and shows the findings, and
// fetches its PDF and DOCX from /v1/render; drafts a plan from a case (/v1/assemble),
// checks a caseload (/v1/lint) and builds a tribunal bundle (/v1/bundle), each from files
// or one ZIP of the folder. What is chosen stays in this page's memory only.
"use strict";

(function () {
  const form = document.getElementById("plan-form");
  const fileInput = document.getElementById("plan-file");
  const dropZone = document.getElementById("drop-zone");
  const tokenInput = document.getElementById("token");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const resultsHeading = document.getElementById("results-heading");
  const summary = document.getElementById("summary");
  const findingsBox = document.getElementById("findings");
  const buttons = Array.from(document.querySelectorAll("button"));
  let plan = null; // { name, bytes }

  function say(message, problem) {
    status.textContent = message;
    status.classList.toggle("problem", Boolean(problem));
  }

  function busy(on) {
    buttons.forEach((b) => { b.disabled = on; });
  }

  // A council's Word plan is sent with Word's content type: the service reads it as one.
  const wordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  function isWordPlan() {
    return plan !== null && /\.docx$/i.test(plan.name);
  }

  function headers() {
    const h = { "Content-Type": isWordPlan() ? wordType : "application/xml" };
    if (tokenInput.value.trim() !== "") h.Authorization = "Bearer " + tokenInput.value.trim();
    return h;
  }

  async function post(path) {
    return fetch(path, { method: "POST", headers: headers(), body: plan.bytes, cache: "no-store" });
  }

  async function problemOf(response) {
    if (response.status === 401) return "The service needs an access token: enter the one your council's IT gave you.";
    if (response.status === 413) return "The file is too large for this service.";
    if (response.status === 503) return "The service is busy. Please try again in a moment.";
    try {
      const body = await response.json();
      if (body.error) return body.error.message;
      const first = (body.plans || body.files || [])[0];
      const diagnostics = first ? (first.findings || first.diagnostics || []) : [];
      if (diagnostics.length > 0) return "This file could not be used: " + diagnostics[0].message;
    } catch (e) { /* not JSON */ }
    return "The service could not handle this file (status " + response.status + ").";
  }

  // One .zip chosen: the folder, sent whole as the body.
  function zipOf(files) {
    return files.length === 1 && /\.zip$/i.test(files[0].name) ? files[0] : null;
  }

  function authOnly() {
    const h = {};
    if (tokenInput.value.trim() !== "") h.Authorization = "Bearer " + tokenInput.value.trim();
    return h;
  }

  function zipHeaders() {
    return Object.assign(authOnly(), { "Content-Type": "application/zip" });
  }

  function saveBlob(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    say("Downloaded " + name + ".");
  }

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showFindings(report) {
    const entry = report.plans[0];
    findingsBox.replaceChildren();
    const counts = entry.counts || { error: 0, warning: 0, info: 0 };
    const grade = entry.grade || "";
    summary.textContent = plan.name + ": " + counts.error + " errors, " + counts.warning + " warnings, " +
      counts.info + " notes" + (grade ? ". Overall grade: " + grade + "." : ".");
    if (entry.findings.length === 0) {
      findingsBox.append(element("p", "", "No findings: the plan meets every check."));
      return;
    }
    const list = element("ul", "plain");
    list.setAttribute("aria-label", "Findings");
    for (const f of entry.findings) {
      const item = element("li", "finding " + f.severity);
      const title = element("h3");
      title.append(element("span", "sev", f.severity + ": "), document.createTextNode(f.message));
      item.append(title);
      // A Word plan's findings have a place in the document instead of a line.
      const where = f.place ? f.place : [f.section ? "Section " + f.section : "", f.item ? "item " + f.item : "",
        f.line ? "line " + f.line : ""].filter(Boolean).join(", ");
      if (where) item.append(element("p", "", "Where: " + where));
      if (f.hint) item.append(element("p", "", "How to fix: " + f.hint));
      if (f.source) item.append(element("p", "", "Source: " + f.source));
      const rule = element("p");
      rule.append("Rule: ", element("code", "", f.code));
      item.append(rule);
      list.append(item);
    }
    findingsBox.append(list);
  }

  async function check() {
    if (!plan) {
      say("Choose a plan file first.", true);
      fileInput.focus();
      return;
    }
    busy(true);
    say("Checking " + plan.name + "…");
    try {
      // exit=header: findings are the answer, not a failed request (the exit code is in
      // the Ehcp-Exit-Code header), so the browser logs no error for a weak plan.
      const response = await post("/v1/lint?format=json&exit=header");
      if (response.status !== 200) {
        results.hidden = true;
        say(await problemOf(response), true);
        return;
      }
      const report = await response.json();
      if (!report.plans[0].valid) {
        results.hidden = true;
        const first = report.plans[0].findings[0];
        say("This file could not be checked as a plan" + (first ? ": " + first.message : "."), true);
        return;
      }
      showFindings(report);
      // Only a plan in XML is rendered; a Word plan is already a document.
      document.getElementById("download-pdf").hidden = isWordPlan();
      document.getElementById("download-docx").hidden = isWordPlan();
      document.getElementById("word-plan-note").hidden = !isWordPlan();
      results.hidden = false;
      say("Checked " + plan.name + ".");
      resultsHeading.focus();
    } catch (e) {
      say("The service could not be reached.", true);
    } finally {
      busy(false);
    }
  }

  async function download(format, extension, query) {
    if (!plan) return;
    busy(true);
    say("Preparing the " + extension.toUpperCase() + "…");
    try {
      const response = await post(query);
      if (response.status !== 200) {
        say(await problemOf(response), true);
        return;
      }
      const blob = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = plan.name.replace(/\.[^.]*$/, "") + (format === "report" ? "-report" : "") + "." + extension;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      say("Downloaded " + link.download + ".");
    } catch (e) {
      say("The service could not be reached.", true);
    } finally {
      busy(false);
    }
  }

  const caseForm = document.getElementById("case-form");
  const caseInput = document.getElementById("case-files");
  const draftBox = document.getElementById("draft");
  const draftSummary = document.getElementById("draft-summary");
  const draftNotes = document.getElementById("draft-notes");
  let draft = null; // the draft plan's XML
  let assemblyReport = null; // what went where: merges, conflicts, gaps

  async function assemble() {
    const files = Array.from(caseInput.files);
    if (files.length === 0) {
      say("Choose the case folder (ZIP), or the case file and the advice, first.", true);
      caseInput.focus();
      return;
    }
    const zip = zipOf(files);
    let body = zip;
    const h = zip ? zipHeaders() : authOnly();
    if (!zip) {
      body = new FormData();
      files.forEach((f) => body.append("document", f, f.name));
    }
    busy(true);
    say(zip ? "Drafting the plan from " + zip.name + "…" : "Drafting the plan from " + files.length + " files…");
    try {
      const response = await fetch("/v1/assemble?exit=header", { method: "POST", headers: h, body, cache: "no-store" });
      if (response.status !== 200) {
        draftBox.hidden = true;
        say(await problemOf(response), true);
        return;
      }
      const answer = await response.json();
      const report = answer.report;
      if (!answer.draft) {
        draftBox.hidden = true;
        const first = report.diagnostics.find((d) => d.severity === "error");
        say("No draft was made" + (first ? ": " + first.message : "."), true);
        return;
      }
      draft = answer.draft;
      assemblyReport = report;
      const s = report.summary;
      draftSummary.textContent = "Drafted " + (report.plan || "the plan") + " from " + s.contributions +
        " pieces of advice: " + s.merged + " merged, " + s.conflicts +
        (s.conflicts === 1 ? " conflict" : " conflicts") + " to resolve.";
      draftNotes.replaceChildren();
      for (const c of report.conflicts) {
        draftNotes.append(element("li", "", "Conflict: " + c.what + " (" + c.quantities.join(" or ") + ")"));
      }
      for (const m of report.missing) draftNotes.append(element("li", "", "Missing: " + m.message));
      draftBox.hidden = false;
      say("Drafted the plan.");
      document.getElementById("draft-heading").focus();
    } catch (e) {
      say("The service could not be reached.", true);
    } finally {
      busy(false);
    }
  }

  function downloadDraft() {
    if (!draft) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([draft], { type: "application/xml" }));
    link.download = "draft.xml";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    say("Downloaded draft.xml.");
  }

  caseForm.addEventListener("submit", (event) => {
    event.preventDefault();
    assemble();
  });
  document.getElementById("download-draft").addEventListener("click", downloadDraft);
  document.getElementById("download-assembly-report").addEventListener("click", () => {
    if (!assemblyReport) return;
    saveBlob(new Blob([JSON.stringify(assemblyReport, null, 2) + "\n"], { type: "application/json" }),
      "assembly-report.json");
  });
  document.getElementById("check-draft").addEventListener("click", () => {
    if (!draft) return;
    plan = { name: "draft.xml", bytes: new TextEncoder().encode(draft) };
    check();
  });

  const caseloadInput = document.getElementById("caseload-files");
  const caseloadBox = document.getElementById("caseload");

  // A ZIP of a folder as the body, or each plan as a part.
  function caseloadRequest() {
    const files = Array.from(caseloadInput.files);
    const zip = zipOf(files);
    if (zip) return { method: "POST", headers: zipHeaders(), body: zip, cache: "no-store" };
    const body = new FormData();
    files.forEach((f) => body.append("plan", f, f.name));
    return { method: "POST", headers: authOnly(), body, cache: "no-store" };
  }

  async function checkCaseload() {
    const zip = zipOf(Array.from(caseloadInput.files));
    if (caseloadInput.files.length < 2 && !zip) {
      say("Choose a caseload folder (ZIP), or two or more plan files (one plan is checked above).", true);
      caseloadInput.focus();
      return;
    }
    busy(true);
    say(zip ? "Checking the plans in " + zip.name + "…" : "Checking " + caseloadInput.files.length + " plans…");
    try {
      const response = await fetch("/v1/lint?format=json&exit=header", caseloadRequest());
      if (response.status !== 200) {
        caseloadBox.hidden = true;
        say(await problemOf(response), true);
        return;
      }
      const report = await response.json();
      const s = report.summary;
      const grades = Object.entries(s.byGrade).filter(([, n]) => n > 0).map(([g, n]) => n + " " + g);
      document.getElementById("caseload-summary").textContent = s.plans + " plans: " +
        (grades.join(", ") || "none graded") + (s.invalid ? "; " + s.invalid + " could not be read" : "") + ".";
      const rows = document.querySelector("#caseload-table tbody");
      rows.replaceChildren();
      for (const p of report.plans) {
        const row = document.createElement("tr");
        const counts = p.counts || { error: 0, warning: 0 };
        for (const text of [p.file, p.plan || "", p.valid ? p.grade : "not a readable plan", counts.error, counts.warning]) {
          row.append(element("td", "", String(text)));
        }
        rows.append(row);
      }
      caseloadBox.hidden = false;
      say("Checked " + s.plans + " plans" + (s.skipped ? " (" + s.skipped + (s.skipped === 1 ? " other file" : " other files") + " skipped)" : "") + ".");
      document.getElementById("caseload-results-heading").focus();
    } catch (e) {
      say("The service could not be reached.", true);
    } finally {
      busy(false);
    }
  }

  async function downloadDashboard() {
    busy(true);
    try {
      const response = await fetch("/v1/lint?format=html&exit=header", caseloadRequest());
      if (response.status !== 200) {
        say(await problemOf(response), true);
        return;
      }
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = "caseload-dashboard.html";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      say("Downloaded caseload-dashboard.html.");
    } catch (e) {
      say("The service could not be reached.", true);
    } finally {
      busy(false);
    }
  }

  document.getElementById("caseload-form").addEventListener("submit", (event) => {
    event.preventDefault();
    checkCaseload();
  });
  document.getElementById("download-dashboard").addEventListener("click", downloadDashboard);

  const bundleManifest = document.getElementById("bundle-manifest");
  const bundleDocuments = document.getElementById("bundle-documents");
  const bundleBox = document.getElementById("bundle");

  // "a/./b/../c" -> "a/c"; null when it climbs above the top.
  function normalise(path) {
    const parts = [];
    for (const part of path.split("/")) {
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (parts.length === 0) return null;
        parts.pop();
      } else {
        parts.push(part);
      }
    }
    return parts.join("/");
  }

  // The manifest and its documents as parts. The manifest goes in a folder of its own,
  // "bundle/", and each chosen file under the path its manifest entry gives (matched by
  // file name), so "../plan.xml" finds a chosen plan; the service still refuses any path
  // that leaves what was sent.
  async function bundleRequest(format) {
    const url = "/v1/bundle?format=" + format + "&exit=header";
    const manifest = bundleManifest.files[0];
    if (zipOf([manifest])) return [url, { method: "POST", headers: zipHeaders(), body: manifest, cache: "no-store" }];
    const xml = new DOMParser().parseFromString(await manifest.text(), "application/xml");
    const hrefs = ["pdf", "plan"].flatMap((tag) =>
      Array.from(xml.getElementsByTagNameNS("*", tag)).map((e) => e.getAttribute("href") || ""));
    const body = new FormData();
    body.append("manifest", manifest, "bundle/" + manifest.name);
    for (const file of Array.from(bundleDocuments.files)) {
      const href = hrefs.find((h) => h.split("/").pop() === file.name);
      const path = href ? normalise("bundle/" + href) : null;
      body.append("file", file, path || "bundle/" + file.name);
    }
    return [url, { method: "POST", headers: authOnly(), body, cache: "no-store" }];
  }

  function showBundle(report) {
    const notes = document.getElementById("bundle-notes");
    notes.replaceChildren();
    for (const d of report.diagnostics) {
      const where = d.line ? " (" + d.file + ", line " + d.line + ")" : "";
      notes.append(element("li", "", (d.severity === "error" ? "Error: " : "Warning: ") + d.message + where));
    }
    const rows = document.querySelector("#bundle-table tbody");
    rows.replaceChildren();
    const map = report.page_map;
    for (const doc of (map ? map.documents : [])) {
      const row = document.createElement("tr");
      const pages = doc.first_page === doc.last_page ? String(doc.first_page) : doc.first_page + "–" + doc.last_page;
      for (const text of [doc.tab, pages, doc.title, doc.date]) row.append(element("td", "", text));
      rows.append(row);
    }
    document.getElementById("bundle-table").hidden = !map;
    document.getElementById("download-bundle").hidden = !report.written;
    const errors = report.diagnostics.filter((d) => d.severity === "error").length;
    document.getElementById("bundle-summary").textContent = report.written
      ? "Built the bundle for " + map.tribunal_reference + ": " + map.total_pages + " pages, " +
        map.documents.length + " documents. SHA-256 " + map.sha256 + "."
      : "The bundle was not built: " + errors + (errors === 1 ? " problem" : " problems") + " to put right.";
  }

  async function buildBundle() {
    if (bundleManifest.files.length === 0) {
      say("Choose the bundle's manifest, or its folder as a ZIP, first.", true);
      bundleManifest.focus();
      return;
    }
    busy(true);
    say("Building the bundle…");
    try {
      const response = await fetch(...(await bundleRequest("json")));
      if (response.status !== 200) {
        bundleBox.hidden = true;
        say(await problemOf(response), true);
        return;
      }
      const report = await response.json();
      showBundle(report);
      bundleBox.hidden = false;
      say(report.written ? "Built the bundle." : "The bundle was not built.", !report.written);
      document.getElementById("bundle-results-heading").focus();
    } catch (e) {
      say("The service could not be reached.", true);
    } finally {
      busy(false);
    }
  }

  async function downloadBundle() {
    busy(true);
    say("Preparing the bundle PDF…");
    try {
      const response = await fetch(...(await bundleRequest("pdf")));
      if (response.status !== 200 || response.headers.get("Ehcp-Exit-Code") !== "0") {
        say(response.status !== 200 ? await problemOf(response) : "The bundle was not built.", true);
        return;
      }
      saveBlob(await response.blob(), "bundle.pdf");
    } catch (e) {
      say("The service could not be reached.", true);
    } finally {
      busy(false);
    }
  }

  document.getElementById("bundle-form").addEventListener("submit", (event) => {
    event.preventDefault();
    buildBundle();
  });
  document.getElementById("download-bundle").addEventListener("click", downloadBundle);

  // Files dropped on a form's box are that box's input's files.
  for (const zone of document.querySelectorAll("[data-drop]")) {
    const input = document.getElementById(zone.dataset.drop);
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("dragging");
      input.files = event.dataTransfer.files;
    });
  }

  async function choose(file) {
    if (!file) return;
    plan = { name: file.name, bytes: await file.arrayBuffer() };
    await check();
  }

  fileInput.addEventListener("change", () => choose(fileInput.files[0]));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    check();
  });
  dropZone.addEventListener("dragover", (event) => {
    event.preventDefault();
    dropZone.classList.add("dragging");
  });
  dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dragging"));
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropZone.classList.remove("dragging");
    choose(event.dataTransfer.files[0]);
  });
  document.getElementById("download-pdf").addEventListener("click", () => download("pdf", "pdf", "/v1/render?format=pdf"));
  document.getElementById("download-docx").addEventListener("click", () => download("docx", "docx", "/v1/render?format=docx"));
  document.getElementById("download-html").addEventListener("click", () => download("html", "html", "/v1/render?format=html"));
  document.getElementById("download-report").addEventListener("click", () => download("report", "html", "/v1/lint?format=html&exit=header"));
})();
