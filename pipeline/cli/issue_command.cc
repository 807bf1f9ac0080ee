// `ehcp issue DRAFT.xml --placement NAME --issued DATE --signatory NAME --role ROLE
// -o FINAL.xml [--pdf F.pdf] [--docx F.docx] [--letter L.pdf|L.docx] [--accept RULE[/ITEM]]...`:
// issues the final plan from a draft (pipeline/lifecycle/). Refused, with each finding,
// while the quality framework finds errors nobody accepted.

#include <iostream>

#include "cli/command.h"
#include "lifecycle/issue_run.h"
#include "policy/wording.h"

namespace ehcp {
namespace {

struct IssueOptions {
  IssueFiles files;
  std::string placement;
  std::string placement_type;
  std::string issued;
  std::string signatory;
  std::string role;
  std::vector<std::string> accept;
  std::string accept_reason;
};

int Issue(const IssueOptions& options, const CommandContext& context) {
  IssueRequest request;
  std::optional<Date> issued = Date::FromIso(options.issued);
  if (!issued) {
    std::cerr << "ehcp issue: --issued takes a date as YYYY-MM-DD, not \"" << options.issued
              << "\"\n";
    return kExitUsage;
  }
  request.issued = *issued;
  request.placement_name = options.placement;
  request.placement_type = options.placement_type;
  request.signatory = options.signatory;
  request.signatory_role = options.role;
  request.accept_reason = options.accept_reason;
  for (const auto& text : options.accept) {
    std::optional<Acceptance> a = ParseAcceptance(text);
    if (!a) {
      std::cerr
          << "ehcp issue: --accept takes RULE or RULE/ITEM (provision-vague-wording/F2), not \""
          << text << "\"\n";
      return kExitUsage;
    }
    request.accept.push_back(*a);
  }

  IssueRun run = RunIssue(options.files, request, context.resources);
  for (const auto& d : run.diagnostics) std::cout << FormatDiagnostic(d) << "\n";
  for (const auto& d : run.result.diagnostics) std::cout << FormatDiagnostic(d) << "\n";
  const IssueResult& r = run.result;
  if (!r.blocking.empty()) {
    for (const auto& d : r.blocking) std::cout << FormatDiagnostic(d) << "\n";
    std::cout << "not issued: " << r.blocking.size()
              << (r.blocking.size() == 1 ? " error" : " errors")
              << " of the quality framework not accepted; fix the draft, or accept a finding with "
                 "--accept "
                 "RULE/ITEM and --accept-reason\n";
    return run.exit_code;
  }
  if (!r.Ok()) {
    std::cout << "not issued: nothing written\n";
    return run.exit_code;
  }
  for (const auto& d : r.accepted)
    std::cout << "accepted: " << d.code << (d.item_id.empty() ? "" : "/" + d.item_id) << ": "
              << d.message << "\n";
  for (const auto& change : r.renumbered)
    std::cout << "renumbered " << change.from << " -> " << change.to << "\n";
  if (run.exit_code != kExitOk) {
    std::cout << "not issued: nothing written\n";
    return run.exit_code;
  }
  std::cout << "issued " << r.plan->meta.plan_id << " version " << r.plan->meta.version << " on "
            << request.issued.ToLongEnglish() << "; "
            << Counted(static_cast<long long>(r.renumbered.size()), "id", "ids") << " renumbered, "
            << Counted(static_cast<long long>(r.accepted.size()), "finding", "findings")
            << " accepted; wrote";
  for (size_t i = 0; i < run.written.size(); ++i) std::cout << (i ? ", " : " ") << run.written[i];
  std::cout << "\n";
  return kExitOk;
}

}  // namespace

void AddIssueCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<IssueOptions>();
  CLI::App* cmd = app.add_subcommand(
      "issue", "Issue the final plan from a draft, with its documents and decision letter");
  cmd->add_option("draft", options->files.draft, "The draft plan XML")->required();
  cmd->add_option("--placement", options->placement,
                  "The school or other institution named in Section I")
      ->required();
  cmd->add_option("--placement-type", options->placement_type,
                  "Its type, when the draft does not already propose it");
  cmd->add_option("--issued", options->issued, "The date of issue, YYYY-MM-DD")->required();
  cmd->add_option("--signatory", options->signatory, "Who signs the plan for the council")
      ->required();
  cmd->add_option("--role", options->role, "The signatory's role")->required();
  cmd->add_option(
      "--accept", options->accept,
      "Accept a finding of the quality framework: RULE or RULE/ITEM (recorded on the plan)");
  cmd->add_option("--accept-reason", options->accept_reason,
                  "Why the findings given with --accept are accepted");
  cmd->add_option("-o,--output", options->files.output, "Where to write the final plan XML")
      ->required();
  cmd->add_option("--pdf", options->files.pdf, "Write the final plan as PDF");
  cmd->add_option("--docx", options->files.docx, "Write the final plan as DOCX");
  cmd->add_option("--letter", options->files.letter, "Write the decision letter (.pdf or .docx)");
  cmd->add_option("--appendices", options->files.appendices,
                  "With --pdf: append the advice K marks appended, one PDF each from DIR (as "
                  "render --appendices)");
  cmd->add_option("--template", options->files.template_name,
                  "Template set: a name under templates/ (default: default) or a folder path");
  cmd->callback([options, &context] { context.exit_code = Issue(*options, context); });
}

}  // namespace ehcp
