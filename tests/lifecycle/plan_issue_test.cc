// Issuing a final plan from a draft: refused while errors are not accepted (each named),
// acceptances recorded on the plan, placement, status, dates, sign-off and history set,
// and every other refusal with its code.

#include "lifecycle/plan_issue.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "lint/rule_set.h"
#include "loader/document_loader.h"
#include "support/file_text.h"

namespace ehcp {
namespace {

SchemaRegistry& Schemas() {
  static auto registry = [] {
    auto r = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
    RegisterRuleSchemas(*r);
    return r;
  }();
  return *registry;
}

const RuleSet& Rules() {
  static auto rules = [] {
    DiagnosticList diagnostics;
    auto r = RuleSet::Load(RuleSet::RuleFiles(std::filesystem::path(EHCP_SOURCE_DIR) / "quality"),
                           "", Schemas(), diagnostics);
    for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
    return r;
  }();
  return *rules;
}

void Replace(std::string& text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

// The ks3 sample as the draft it was before issue: status draft, no final date or sign-off,
// and one planted error (F1 without its frequency: [adult-support-hours-missing]), as
// the sample itself lints clean.
Plan Ks3Draft() {
  std::string xml = testing::ReadFileText(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml");
  Replace(xml, "status=\"final\"", "status=\"draft\"");
  Replace(xml, "<frequency count=\"2\" per=\"day\"/>", "");
  Replace(xml, " finalIssued=\"2026-09-11\"", "");
  Replace(xml,
          "<signOff name=\"Linda Carver\" role=\"Special Educational Needs Team Manager\" "
          "date=\"2026-09-11\"/>",
          "");
  LoadedDocument loaded = ParseDocument(xml, "draft.xml", Schemas());
  for (const auto& d : loaded.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  return loaded.plan ? *loaded.plan : Plan{};
}

IssueRequest Request() {
  IssueRequest r;
  r.placement_name = "Northmoor Park Academy";
  r.issued = *Date::FromIso("2026-09-11");
  r.signatory = "Linda Carver";
  r.signatory_role = "Special Educational Needs Team Manager";
  return r;
}

// Every error the framework finds in the draft as it would be issued, as acceptances.
std::vector<Acceptance> AcceptEveryError(const Plan& draft) {
  IssueResult refused = IssuePlan(draft, Request(), Linter(Rules()));
  std::vector<Acceptance> accept;
  for (const auto& d : refused.blocking) accept.push_back({d.code, d.item_id});
  return accept;
}

TEST(PlanIssue, RefusedWhileErrorsAreNotAcceptedAndSaysWhich) {
  Plan draft = Ks3Draft();
  Linter linter(Rules());
  IssueResult result = IssuePlan(draft, Request(), linter);
  ASSERT_EQ(result.blocking.size(), 1u);
  EXPECT_EQ(result.blocking[0].code, "adult-support-hours-missing");
  EXPECT_EQ(result.blocking[0].item_id, "F1");
  EXPECT_FALSE(result.Ok());
  for (const auto& d : result.blocking) {
    EXPECT_EQ(d.severity, Severity::kError);
    EXPECT_FALSE(d.code.empty());
    EXPECT_FALSE(d.accepted_reason.has_value());
  }
}

TEST(PlanIssue, IssuesOnceEveryErrorIsAcceptedAndRecordsIt) {
  Plan draft = Ks3Draft();
  IssueRequest request = Request();
  request.accept = AcceptEveryError(draft);
  request.accept_reason = "Agreed with the family at the draft meeting.";
  ASSERT_FALSE(request.accept.empty());
  IssueResult result = IssuePlan(draft, request, Linter(Rules()));
  ASSERT_TRUE(result.Ok());
  EXPECT_TRUE(result.blocking.empty());
  EXPECT_GE(result.accepted.size(), request.accept.size());
  const Plan& plan = *result.plan;
  EXPECT_EQ(plan.meta.status, PlanStatus::kFinal);
  EXPECT_EQ(plan.meta.dates.final_issued, request.issued);
  ASSERT_TRUE(plan.meta.sign_off.has_value());
  EXPECT_EQ(plan.meta.sign_off->name, "Linda Carver");
  EXPECT_EQ(plan.meta.sign_off->role, "Special Educational Needs Team Manager");
  EXPECT_EQ(plan.meta.sign_off->date, request.issued);
  ASSERT_EQ(plan.meta.history.issues.size(), 2u);  // the draft's date is kept
  EXPECT_EQ(plan.meta.history.issues[0].kind, IssueKind::kDraft);
  EXPECT_EQ(plan.meta.history.issues[0].issued, *Date::FromIso("2026-08-14"));
  EXPECT_EQ(plan.meta.history.issues[1].kind, IssueKind::kFinal);
  EXPECT_EQ(plan.meta.history.issues[1].issued, request.issued);
  ASSERT_EQ(plan.i.placements.size(), 1u);
  EXPECT_EQ(plan.i.placements[0].name, "Northmoor Park Academy");
  EXPECT_EQ(plan.i.placements[0].urn, "917548");  // the draft's details kept
  ASSERT_EQ(plan.accepted.size(), draft.accepted.size() + request.accept.size());
  const AcceptedFinding& recorded = plan.accepted.back();
  EXPECT_EQ(recorded.by, "Linda Carver");
  EXPECT_EQ(recorded.date, request.issued);
  EXPECT_EQ(recorded.reason.value, "Agreed with the family at the draft meeting.");
}

TEST(PlanIssue, NamesANewPlacementWithItsType) {
  Plan draft = Ks3Draft();
  IssueRequest request = Request();
  request.accept = AcceptEveryError(draft);
  request.placement_name = "Harbour View School";
  IssueResult missing_type = IssuePlan(draft, request, Linter(Rules()));
  EXPECT_FALSE(missing_type.Ok());
  ASSERT_FALSE(missing_type.diagnostics.Empty());
  EXPECT_EQ(missing_type.diagnostics.Items()[0].code, "issue.placement");
  EXPECT_NE(missing_type.diagnostics.Items()[0].message.find("Harbour View School"),
            std::string::npos);

  request.placement_type = "Special school for autistic pupils (ages 11 to 19)";
  IssueResult result = IssuePlan(draft, request, Linter(Rules()));
  ASSERT_TRUE(result.Ok()) << (result.blocking.empty() ? "" : FormatDiagnostic(result.blocking[0]));
  ASSERT_EQ(result.plan->i.placements.size(), 1u);
  EXPECT_EQ(result.plan->i.placements[0].name, "Harbour View School");
  EXPECT_EQ(result.plan->i.placements[0].type, request.placement_type);
  EXPECT_FALSE(result.plan->i.none.has_value());
}

TEST(PlanIssue, RefusesAPlanThatIsNotADraft) {
  Plan plan = Ks3Draft();
  plan.meta.status = PlanStatus::kFinal;
  IssueResult result = IssuePlan(plan, Request(), Linter(Rules()));
  EXPECT_FALSE(result.Ok());
  ASSERT_EQ(result.diagnostics.Size(), 1u);
  EXPECT_EQ(result.diagnostics.Items()[0].code, "issue.not-draft");
}

TEST(PlanIssue, RefusesAnIssueDateBeforeTheDraftAndAnUnknownAcceptedItem) {
  Plan draft = Ks3Draft();
  IssueRequest request = Request();
  request.issued = *Date::FromIso("2026-08-01");
  request.accept.push_back({"provision-vague-wording", "F99"});
  IssueResult result = IssuePlan(draft, request, Linter(Rules()));
  EXPECT_FALSE(result.Ok());
  std::vector<std::string> codes;
  for (const auto& d : result.diagnostics) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"issue.date", "issue.accept"}));
}

TEST(PlanIssue, RefusesWithoutASignatory) {
  IssueRequest request = Request();
  request.signatory_role.clear();
  IssueResult result = IssuePlan(Ks3Draft(), request, Linter(Rules()));
  EXPECT_FALSE(result.Ok());
  ASSERT_EQ(result.diagnostics.Size(), 1u);
  EXPECT_EQ(result.diagnostics.Items()[0].code, "issue.signatory");
}

TEST(PlanIssue, ParsesAcceptances) {
  auto whole = ParseAcceptance("plan-date-missing");
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->rule_id, "plan-date-missing");
  EXPECT_EQ(whole->item_id, "");
  auto item = ParseAcceptance("provision-vague-wording/H1.2");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->rule_id, "provision-vague-wording");
  EXPECT_EQ(item->item_id, "H1.2");
  EXPECT_FALSE(ParseAcceptance(""));
  EXPECT_FALSE(ParseAcceptance("rule/"));
  EXPECT_FALSE(ParseAcceptance("/F1"));
  EXPECT_FALSE(ParseAcceptance("rule with spaces"));
}

}  // namespace
}  // namespace ehcp
