// The web page of `ehcp serve`: sends a plan to /v1/lint and shows the findings, and
// fetches its PDF and DOCX from /v1/render. The plan stays in this page's memory only.
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

  function headers() {
    const h = { "Content-Type": "application/xml" };
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
      const where = [f.section ? "Section " + f.section : "", f.item ? "item " + f.item : "",
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

  async function assemble() {
    const files = Array.from(caseInput.files);
    if (files.length === 0) {
      say("Choose the case file and the advice first.", true);
      caseInput.focus();
      return;
    }
    const body = new FormData();
    files.forEach((f) => body.append("document", f, f.name));
    const h = {};
    if (tokenInput.value.trim() !== "") h.Authorization = "Bearer " + tokenInput.value.trim();
    busy(true);
    say("Drafting the plan from " + files.length + " files…");
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
  document.getElementById("check-draft").addEventListener("click", () => {
    if (!draft) return;
    plan = { name: "draft.xml", bytes: new TextEncoder().encode(draft) };
    check();
  });

  const caseloadInput = document.getElementById("caseload-files");
  const caseloadBox = document.getElementById("caseload");

  function caseloadBody() {
    const body = new FormData();
    Array.from(caseloadInput.files).forEach((f) => body.append("plan", f, f.name));
    return body;
  }

  function tokenHeaders() {
    const h = {};
    if (tokenInput.value.trim() !== "") h.Authorization = "Bearer " + tokenInput.value.trim();
    return h;
  }

  async function checkCaseload() {
    const count = caseloadInput.files.length;
    if (count < 2) {
      say("Choose two or more plan files (one plan is checked above).", true);
      caseloadInput.focus();
      return;
    }
    busy(true);
    say("Checking " + count + " plans…");
    try {
      const response = await fetch("/v1/lint?format=json&exit=header",
        { method: "POST", headers: tokenHeaders(), body: caseloadBody(), cache: "no-store" });
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
      say("Checked " + count + " plans.");
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
      const response = await fetch("/v1/lint?format=html&exit=header",
        { method: "POST", headers: tokenHeaders(), body: caseloadBody(), cache: "no-store" });
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
  document.getElementById("download-report").addEventListener("click", () => download("report", "html", "/v1/lint?format=html&exit=header"));
})();
