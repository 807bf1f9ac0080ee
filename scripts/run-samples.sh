#!/usr/bin/env bash
# The main job over the bundled samples: sets up, builds, then runs the pipeline on every
# sample case and writes the results to out/ (or the folder given as $1).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out}"

scripts/setup.sh
scripts/build.sh build
mkdir -p "$out"
ehcp=build/ehcp
status=0

echo "== validate: every sample plan and contribution"
"$ehcp" validate samples/*/plan.xml samples/*/contributions/*.xml | tee "$out/validation.txt" || status=$?
"$ehcp" validate --format json samples/*/plan.xml samples/*/contributions/*.xml > "$out/validation.json" || true

echo "== validate: the bad inputs in samples/invalid are refused (expected to fail)"
if "$ehcp" validate samples/invalid/*.xml > "$out/invalid-inputs.txt"; then
  echo "error: an invalid sample was accepted" >&2
  status=1
else
  grep -c ": error: " "$out/invalid-inputs.txt" | xargs -I{} echo "{} errors reported, see $out/invalid-inputs.txt"
fi

echo "== assemble: a draft plan from each sample case's contributions, then validate it"
for case_dir in samples/*/; do
  [ -f "$case_dir/case.xml" ] || continue
  name=$(basename "$case_dir")
  mkdir -p "$out/$name"
  # Exit 0 means a draft was written; conflicts and gaps are in the report, not failures.
  if "$ehcp" assemble "$case_dir" -o "$out/$name/draft.xml" --report "$out/$name/assembly-report.txt"; then
    "$ehcp" assemble "$case_dir" -o "$out/$name/draft.xml" --report "$out/$name/assembly-report.json" \
      --format json > /dev/null
    "$ehcp" validate "$out/$name/draft.xml" || status=$?
    # The officer's next steps on the draft: a QA report (a fresh draft has findings to
    # work through, so they don't fail the job) and the DRAFT-watermarked PDF and DOCX.
    "$ehcp" lint "$out/$name/draft.xml" --format html -o "$out/$name/draft-lint.html" || true
    "$ehcp" render "$out/$name/draft.xml" --pdf "$out/$name/draft.pdf" --docx "$out/$name/draft.docx" || status=$?
  else
    status=1
  fi
done

echo "== render: every sample plan as PDF, DOCX and an HTML page (out/<case>.pdf, .docx, .html), and one with a council's branding"
"$ehcp" render samples/*/plan.xml -o "$out" --formats pdf,docx,html || status=$?
# Exampleshire's template opens the plan with its one-page "about me" summary.
"$ehcp" render samples/early-years-hearing/plan.xml --template exampleshire \
  --pdf "$out/early-years-hearing-exampleshire.pdf" --docx "$out/early-years-hearing-exampleshire.docx" \
  --html "$out/early-years-hearing-exampleshire.html" || status=$?

echo "== render: the ks3 plan with the advice K marks appended (out/ks3-autism-anxiety-with-advice.pdf)"
"$ehcp" render samples/ks3-autism-anxiety/plan.xml --pdf "$out/ks3-autism-anxiety-with-advice.pdf" \
  --appendices samples/ks3-autism-anxiety/advice || status=$?

echo "== issue: the ks3 plan as the draft it was, issued as the final plan (out/issue/)"
# The draft: status draft, no final date, not signed, and F1 without its frequency (the
# sample lints clean, so one error is planted). Issue is refused (exit 1) while its lint
# errors are not accepted; the second run accepts each rule it listed, with a reason.
mkdir -p "$out/issue"
sed -e '0,/status="final"/s//status="draft"/' -e 's/ finalIssued="[0-9-]*"//' -e '/<signOff /d' \
  -e '0,/<frequency count="2" per="day"\/>/{/<frequency count="2" per="day"\/>/d}' \
  samples/ks3-autism-anxiety/plan.xml > "$out/issue/draft.xml"
issue_args=("$out/issue/draft.xml" --placement "Northmoor Park Academy" --issued 2026-09-11
  --signatory "Linda Carver" --role "Special Educational Needs Team Manager" -o "$out/issue/final.xml")
rc=0
"$ehcp" issue "${issue_args[@]}" > "$out/issue/refused.txt" || rc=$?
[ "$rc" -eq 1 ] || { echo "error: ehcp issue of a draft with errors exited $rc" >&2; status=1; }
tail -n 1 "$out/issue/refused.txt"
accepts=()
for rule in $(grep -o ': error: .*\[[a-z0-9.-]*\]$' "$out/issue/refused.txt" | sed 's/.*\[\(.*\)\]$/\1/' | sort -u); do
  accepts+=(--accept "$rule")
done
"$ehcp" issue "${issue_args[@]}" "${accepts[@]}" --accept-reason "Agreed with the family at the draft meeting." \
  --pdf "$out/issue/final.pdf" --docx "$out/issue/final.docx" --letter "$out/issue/letter.pdf" \
  | tee "$out/issue/issue.txt" || status=$?
"$ehcp" validate "$out/issue/final.xml" || status=$?

echo "== import: the ks3 plan's DOCX edited as an officer would in Word (python-docx), read back"
# A sentence changed, a provision row typed in words, an outcome deleted; the import
# reports each change and writes the plan they make (out/import/).
mkdir -p "$out/import"
/usr/bin/python3 tests/e2e/import_edit_docx.py "$out/ks3-autism-anxiety.docx" "$out/import/edited.docx"
"$ehcp" import "$out/import/edited.docx" --base samples/ks3-autism-anxiety/plan.xml \
  -o "$out/import/plan.xml" --report "$out/import/report.txt" || status=$?
cat "$out/import/report.txt" | head -n 30

echo "== form: an educational advice form written, filled as a teacher would in Word (python-docx), read back"
# The contribution it gives is assembled with the ks3 case's own advice (out/form/).
mkdir -p "$out/form"
"$ehcp" form contribution --from education -o "$out/form/education-form.docx" || status=$?
/usr/bin/python3 tests/e2e/fill_form.py "$out/form/education-form.docx" "$out/form/education-filled.docx"
"$ehcp" import "$out/form/education-filled.docx" -o "$out/form/contribution.xml" \
  --report "$out/form/import.txt" || status=$?
cat "$out/form/import.txt"
"$ehcp" assemble samples/ks3-autism-anxiety/case.xml samples/ks3-autism-anxiety/contributions/*.xml \
  "$out/form/contribution.xml" -o "$out/form/draft.xml" --report "$out/form/assembly.txt" || status=$?

echo "== diff: what the amendment proposed after an annual review changes (out/annual-review/)"
# Exit 1 means "the plans differ", which is expected here; 2 is trouble.
mkdir -p "$out/annual-review"
for format in text json html; do
  ext=$format; [ "$format" = text ] && ext=txt
  rc=0
  "$ehcp" diff samples/annual-review/current-plan.xml samples/annual-review/amended-plan.xml \
    --format "$format" -o "$out/annual-review/diff.$ext" || rc=$?
  [ "$rc" -eq 1 ] || { echo "error: ehcp diff exited $rc" >&2; status=1; }
done
head -n 30 "$out/annual-review/diff.txt"

echo "== amend: the notice of proposed amendments (reg 22) as PDF and DOCX, and the proposal recorded (out/annual-review/)"
"$ehcp" amend samples/annual-review/current-plan.xml samples/annual-review/amended-plan.xml \
  --pdf "$out/annual-review/notice.pdf" --docx "$out/annual-review/notice.docx" \
  --xml "$out/annual-review/amended-plan-recorded.xml" --date 2027-07-26 || status=$?

echo "== working-document: the tribunal working document for that plan from the parties' proposals"
# A DOCX in the tribunal's key (agreed underlined, the parent's bold, the council's
# italic), evidence as footnotes; it prints the page estimate against the 25-page limit.
"$ehcp" working-document samples/annual-review/current-plan.xml samples/annual-review/proposals.xml \
  -o "$out/annual-review/working-document.docx" || status=$?

# The bundle files it as a PDF: LibreOffice (installed by setup.sh) lays it out as a tagged
# PDF (so the bundle keeps its structure), with its profile kept under out/ so nothing is
# left in the home folder or /tmp.
working_pdf=""
if [ -f "$out/annual-review/working-document.docx" ] && command -v soffice > /dev/null; then
  rm -rf "$out/annual-review/.lo-profile"
  if soffice --headless --norestore \
      "-env:UserInstallation=file://$(realpath "$out")/annual-review/.lo-profile" \
      --convert-to 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}' --outdir "$out/annual-review" "$out/annual-review/working-document.docx" > /dev/null; then
    working_pdf="$out/annual-review/working-document.pdf"
  else
    echo "error: LibreOffice could not convert the working document to PDF" >&2
    status=1
  fi
  rm -rf "$out/annual-review/.lo-profile"
fi

echo "== bundle: the tribunal hearing bundle for samples/ks3-autism-anxiety (plan rendered on the fly)"
mkdir -p "$out/bundle"
if [ -n "$working_pdf" ]; then
  # samples/bundle/manifest.xml with the working document filed in its own section: the
  # manifest, its evidence and the plan are copied beside the PDF (no symlinks: the bundle
  # refuses paths that lead out of the evidence root), and the copy is what is bundled.
  case_root="$out/bundle/case"
  rm -rf "$case_root"
  mkdir -p "$case_root/bundle/evidence" "$case_root/ks3-autism-anxiety"
  cp samples/bundle/evidence/*.pdf "$case_root/bundle/evidence/"
  cp samples/ks3-autism-anxiety/plan.xml "$case_root/ks3-autism-anxiety/"
  cp "$working_pdf" "$case_root/bundle/working-document.pdf"
  sed 's|^</bundle>$|  <section ref="working-document">\
    <document party="joint">\
      <title>Working document</title>\
      <date>2026-12-01</date>\
      <author>Northmoor Borough Council and Mariam Haddad</author>\
      <pdf href="working-document.pdf"/>\
    </document>\
  </section>\
</bundle>|' samples/bundle/manifest.xml > "$case_root/bundle/manifest.xml"
  grep -q 'ref="working-document"' "$case_root/bundle/manifest.xml" \
    || { echo "error: the working document was not added to the manifest" >&2; status=1; }
  manifest="$case_root/bundle/manifest.xml"
  evidence_root="$case_root"
else
  echo "note: no working document PDF (LibreOffice missing or the document not written): bundled without it"
  manifest=samples/bundle/manifest.xml
  evidence_root=samples
fi
# The evidence root is the folder above the manifest's, because the manifest reaches the
# plan in a sibling folder.
"$ehcp" bundle "$manifest" --evidence-root "$evidence_root" \
  -o "$out/bundle/EH998-26-00042-bundle.pdf" --page-map "$out/bundle/EH998-26-00042-page-map.json" \
  | tee "$out/bundle/EH998-26-00042-page-map.txt" || status=$?

echo "== lint: every sample plan against the quality framework (HTML report per plan, out/lint/)"
mkdir -p "$out/lint"
for plan in samples/*/plan.xml; do
  case_name="$(basename "$(dirname "$plan")")"
  if [ "$case_name" = weak-plan ]; then
    # The weak plan is meant to fail: its planted defects are listed in samples/weak-plan/EXPECTED.md.
    "$ehcp" lint --format html -o "$out/lint/$case_name.html" "$plan" || true
    "$ehcp" lint "$plan" > "$out/lint/$case_name.txt" || true
  else
    "$ehcp" lint --fail-on error --format html -o "$out/lint/$case_name.html" "$plan" || status=$?
    "$ehcp" lint --fail-on error "$plan" > "$out/lint/$case_name.txt" || status=$?
  fi
done
# A plan with ordinary structural gaps (Section J left out, a placement with no type, a view
# with no attribution): validate refuses it, lint reads it and reports each gap once.
echo "-- an imperfect plan: validate refuses it; lint reports its gaps in words and checks the rest"
"$ehcp" validate samples/invalid/imperfect-plan.xml 2>&1 | head -n 3 || true
"$ehcp" lint samples/invalid/imperfect-plan.xml | tee "$out/lint/imperfect-plan.txt" | grep -E 'error|warning|grade' || true
"$ehcp" lint --format html -o "$out/lint/imperfect-plan.html" samples/invalid/imperfect-plan.xml || true
# A council's own plan, written in Word from its template (not by ehcp): lint finds its
# sections and tables and says where each finding is in the document.
echo "-- a council's own Word plan (tests/council/tables.docx): findings with their place in the document"
"$ehcp" lint tests/council/tables.docx | tee "$out/lint/council-plan-docx.txt" | grep -E 'error|warning|grade' | head -n 8 || true
"$ehcp" lint --format html -o "$out/lint/council-plan-docx.html" tests/council/tables.docx || true
"$ehcp" lint --format html -o "$out/lint/caseload.html" samples/*/plan.xml || true
"$ehcp" lint --format sarif -o "$out/lint/samples.sarif" samples/*/plan.xml || true
"$ehcp" lint samples/*/plan.xml | tail -n 25 | tee "$out/lint/caseload.txt" || true

echo "Results in $out/"
exit "$status"
