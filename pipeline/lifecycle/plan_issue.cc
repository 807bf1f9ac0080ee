#include "lifecycle/plan_issue.h"

#include <algorithm>

namespace ehcp {
namespace {

std::string Folded(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

bool ItemExists(const Plan& plan, const std::string& id) {
  return plan.SectionOf(id).has_value();
}

// Section I names the one placement. A placement the draft already proposed keeps its
// type, URN and attendance; otherwise the request gives the type.
bool NamePlacement(Plan& plan, const IssueRequest& request, DiagnosticList& diagnostics) {
  for (const auto& p : plan.i.placements) {
    if (Folded(p.name) != Folded(request.placement_name)) continue;
    Placement named = p;
    if (!request.placement_type.empty()) named.type = request.placement_type;
    plan.i.placements = {named};
    plan.i.none.reset();
    return true;
  }
  if (request.placement_type.empty()) {
    diagnostics.Error(
        "issue.placement",
        "the draft does not name \"" + request.placement_name +
            "\" in Section I; give the type of school or institution with --placement-type",
        plan.i.location);
    return false;
  }
  Placement named;
  named.name = request.placement_name;
  named.type = request.placement_type;
  named.location = plan.i.location;
  plan.i.placements = {named};
  plan.i.none.reset();
  return true;
}

void RecordIssue(Plan& plan, const IssueRequest& request) {
  PlanMeta& meta = plan.meta;
  auto& issues = meta.history.issues;
  // A history that starts here would lose the draft's date: record it first.
  bool has_draft = std::any_of(issues.begin(), issues.end(),
                               [](const PlanIssue& i) { return i.kind == IssueKind::kDraft; });
  if (!has_draft && meta.dates.draft_issued) {
    PlanIssue draft;
    draft.kind = IssueKind::kDraft;
    draft.version = meta.version;
    draft.issued = *meta.dates.draft_issued;
    issues.insert(issues.begin(), draft);
  }
  PlanIssue final_issue;
  final_issue.kind = IssueKind::kFinal;
  final_issue.version = meta.version;
  final_issue.issued = request.issued;
  issues.push_back(final_issue);
  meta.status = PlanStatus::kFinal;
  meta.dates.final_issued = request.issued;
  meta.sign_off = SignOff{request.signatory, request.signatory_role, request.issued};
}

}  // namespace

std::optional<Acceptance> ParseAcceptance(const std::string& text) {
  auto valid = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '-' || c == '.' || c == '_';
    });
  };
  size_t slash = text.find('/');
  Acceptance a{text.substr(0, slash),
               slash == std::string::npos ? std::string() : text.substr(slash + 1)};
  if (!valid(a.rule_id) || (slash != std::string::npos && !valid(a.item_id))) return std::nullopt;
  return a;
}

IssueResult IssuePlan(Plan draft, const IssueRequest& request, const Linter& linter) {
  IssueResult result;
  Plan& plan = draft;
  if (plan.meta.status != PlanStatus::kDraft) {
    result.diagnostics.Error(
        "issue.not-draft",
        "this plan has status " + std::string(Token(plan.meta.status)) +
            ": only a draft is issued as a final plan (a change to an issued plan is an "
            "amendment)",
        plan.location);
    return result;
  }
  if (plan.meta.dates.draft_issued && request.issued < *plan.meta.dates.draft_issued) {
    result.diagnostics.Error("issue.date",
                             "the issue date " + request.issued.ToLongEnglish() +
                                 " is before the draft was issued (" +
                                 plan.meta.dates.draft_issued->ToLongEnglish() + ")",
                             plan.location);
  }
  if (request.signatory.empty() || request.signatory_role.empty()) {
    result.diagnostics.Error("issue.signatory",
                             "a final plan is signed: give the signatory's name and role",
                             plan.location);
  }
  for (const auto& a : request.accept) {
    if (!a.item_id.empty() && !ItemExists(plan, a.item_id)) {
      result.diagnostics.Error(
          "issue.accept",
          "--accept " + a.rule_id + "/" + a.item_id + ": the plan has no item " + a.item_id,
          plan.location);
    }
  }
  if (!NamePlacement(plan, request, result.diagnostics) || result.diagnostics.HasErrors())
    return result;

  RecordIssue(plan, request);
  for (const auto& a : request.accept) {
    AcceptedFinding accepted;
    accepted.rule_id = a.rule_id;
    accepted.item_id = a.item_id;
    accepted.by = request.signatory;
    accepted.date = request.issued;
    accepted.reason.value = request.accept_reason.empty()
                                ? "Accepted when the final plan was issued."
                                : request.accept_reason;
    plan.accepted.push_back(std::move(accepted));
  }

  std::vector<Diagnostic> findings = linter.Lint(plan);
  MarkAccepted(plan, findings);
  for (auto& f : findings) {
    if (f.accepted_reason) {
      result.accepted.push_back(f);
    } else if (f.severity == Severity::kError) {
      result.blocking.push_back(f);
    }
  }
  if (!result.blocking.empty()) return result;

  result.renumbered = RenumberItems(plan);
  result.plan = std::move(plan);
  return result;
}

}  // namespace ehcp
