// `ehcp amend CURRENT.xml PROPOSED.xml --pdf N.pdf --docx N.docx [--xml UPDATED.xml]
// [--date DATE]`: the reg 22 notice of proposed amendments (pipeline/amend/), as PDF and
// DOCX, and the proposed plan with the proposal recorded in its history. Exit 0 written,
// 1 the proposed plan changes nothing (nothing written), 2 trouble.

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <utility>

#include "amend/amendment_notice.h"
#include "assemble/plan_xml_writer.h"
#include "cli/command.h"
#include "cli/plan_pair.h"
#include "diagnostics/diagnostic_json.h"
#include "docx/docx_writer.h"
#include "loader/document_loader.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"
#include "pdf/pdf_writer.h"
#include "plan_diff/plan_diff.h"
#include "policy/assembly_policy.h"

namespace ehcp {
namespace {

struct AmendOptions {
  std::string current;
  std::string proposed;
  std::string pdf, docx, xml;
  std::string date;
};

int Fail(const DiagnosticList& problems, int code = kExitUsage) {
  for (const auto& d : problems) std::cerr << FormatDiagnostic(d) << "\n";
  return code;
}

// The notice date: --date, else $SOURCE_DATE_EPOCH's day (reproducible builds), else today (UTC).
std::optional<Date> NoticeDate(const std::string& option, DiagnosticList& problems) {
  if (!option.empty()) {
    std::optional<Date> date = Date::FromIso(option);
    if (!date)
      problems.Error("amend.date",
                     "--date must be a date written YYYY-MM-DD, not \"" + option + "\"", {});
    return date;
  }
  int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch)
    seconds = std::atoll(epoch);
  return Date::FromDays(seconds / 86400);
}

int RunAmend(const AmendOptions& options, const CommandContext& context) {
  DiagnosticList problems;
  if (options.pdf.empty() && options.docx.empty() && options.xml.empty()) {
    problems.Error("amend.usage", "nothing to write: give --pdf, --docx and/or --xml", {});
    return Fail(problems);
  }
  const std::filesystem::path wording_file = NoticeWordingFile(context.resources.Templates());
  OutputGuard guard;
  guard.AddInputs({options.current, options.proposed, wording_file.string()});
  guard.AddInputs(PlanPairPolicyFiles(context.resources));
  for (auto [out, kind] :
       {std::pair{&options.pdf, OutputKind::kPdf}, std::pair{&options.docx, OutputKind::kDocx},
        std::pair{&options.xml, OutputKind::kXml}})
    if (!out->empty() && !guard.ClaimOutput(*out, kind, problems)) return Fail(problems);
  std::optional<Date> notice = NoticeDate(options.date, problems);
  std::optional<NoticeWording> wording = LoadNoticeWording(wording_file, problems);
  // The timescales of the notice (quality/timescales.xml) and the stop words items are
  // paired by (quality/assembly.xml).
  PlanPair plans =
      ReadPlanPair(context.resources, options.current, options.proposed, "amend", problems);
  if (!notice || !wording || !plans.Ok()) return Fail(problems);
  const SchemaRegistry& schemas = *plans.schemas;
  const AssemblyPolicy& policy = *plans.policy;
  const Plan& current = *plans.old_plan;
  const Plan& proposed = *plans.new_plan;

  PlanDiff diff = DiffPlans(current, proposed, policy.stop_words);
  if (diff.Empty()) {
    problems.Error("amend.no-changes",
                   "the proposed plan changes nothing in sections A to K; no notice was written",
                   FileLocation(options.proposed));
    return Fail(problems, kExitFindings);
  }
  NoticeDates dates = ComputeNoticeDates(*notice, policy.timescales);

  // The updated plan is built and validated first, so a plan the schema rejects stops the
  // run before any notice is written.
  std::string xml;
  if (!options.xml.empty() &&
      !RenderValidPlanXml(
          RecordProposal(current, proposed, *notice), options.xml, schemas, "amend.invalid-plan",
          "the proposed plan with the proposal recorded does not validate; nothing was written",
          xml, problems))
    return Fail(problems);

  doc::Document notice_document = BuildAmendmentNotice(current, proposed, diff, dates, *wording);
  // The files are dated by the notice (unless $SOURCE_DATE_EPOCH says otherwise), so the
  // same plans and date give the same bytes, whenever the notice is made.
  std::optional<int64_t> stamp;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch == nullptr || *epoch == '\0')
    stamp = dates.notice.DaysSinceEpoch() * 86400;
  bool ok = true;
  if (!options.pdf.empty()) {
    PdfOptions pdf_options;
    pdf_options.asset_root = wording_file.parent_path();
    pdf_options.source_date_epoch = stamp;
    ok = WritePdf(notice_document, pdf_options, options.pdf, problems) && ok;
  }
  if (ok && !options.docx.empty()) {
    DocxOptions docx_options;
    docx_options.asset_root = wording_file.parent_path();
    docx_options.source_date_epoch = stamp;
    ok = WriteDocx(notice_document, docx_options, options.docx, problems) && ok;
  }
  if (ok && !options.xml.empty())
    ok = WriteFileAtomically(options.xml, xml, problems, Durability::kReproducible);
  for (const auto& d : problems) std::cerr << FormatDiagnostic(d) << "\n";
  if (!ok || problems.HasErrors()) return kExitUsage;
  std::cerr << "ehcp amend: notice dated " << dates.notice.ToLongEnglish() << "; comments by "
            << dates.comment_by.ToLongEnglish() << "; final amended plan by "
            << dates.final_by.ToLongEnglish() << "\n";
  return kExitOk;
}

}  // namespace

void AddAmendCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<AmendOptions>();
  CLI::App* cmd = app.add_subcommand("amend",
                                     "Write the notice of proposed amendments (reg 22) as PDF and "
                                     "DOCX, and record it in the plan");
  cmd->add_option("current", options->current, "The current plan (XML)")->required();
  cmd->add_option("proposed", options->proposed,
                  "The plan as the council proposes to amend it (XML)")
      ->required();
  cmd->add_option("--pdf", options->pdf, "Write the notice as an accessible PDF");
  cmd->add_option("--docx", options->docx, "Write the notice as a Word document");
  cmd->add_option("--xml", options->xml,
                  "Write the proposed plan with the proposal recorded in its history");
  cmd->add_option("--date", options->date, "The notice date, YYYY-MM-DD (default: today)");
  cmd->callback([options, &context] { context.exit_code = RunAmend(*options, context); });
}

}  // namespace ehcp
