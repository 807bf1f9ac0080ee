#include "policy/statutory_timescales.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "loader/data_file.h"

namespace ehcp {

Date StatutoryTimescales::DecisionToAssessDue(const Date& request) const {
  return request.AddDays(7 * int64_t{decision_to_assess_weeks});
}

Date StatutoryTimescales::FinalPlanDue(const Date& request) const {
  return request.AddDays(7 * int64_t{final_plan_weeks});
}

Date StatutoryTimescales::CommentsDue(const Date& sent) const {
  return sent.AddDays(family_comment_days);
}

Date StatutoryTimescales::AmendedPlanDue(const Date& proposals) const {
  return proposals.AddDays(7 * int64_t{amended_plan_weeks});
}

Date StatutoryTimescales::ReviewDecisionDue(const Date& meeting) const {
  return meeting.AddDays(7 * int64_t{review_decision_weeks});
}

int StatutoryTimescales::ReviewMonths(const Date& birth, const Date& from) const {
  return AgeInYears(birth, from) < 5 ? under_five_review_months : review_months;
}

Date StatutoryTimescales::ReviewDue(const Date& birth, const Date& from) const {
  return from.AddMonths(ReviewMonths(birth, from));
}

Date StatutoryTimescales::PlannedFinalIssue(const Date& request, const Date& draft) const {
  return std::max(FinalPlanDue(request), CommentsDue(draft));
}

Date StatutoryTimescales::PhaseTransferDeadline(int transfer_year, bool post16) const {
  const MonthDay& d = post16 ? phase_transfer_post16 : phase_transfer_school;
  return Date{transfer_year, d.month, d.day};
}

std::filesystem::path StatutoryTimescalesFile(const std::filesystem::path& quality_dir) {
  return quality_dir / "timescales.xml";
}

void RegisterTimescalesSchema(SchemaRegistry& schemas) {
  schemas.Register("timescales", "ehcp-timescales-1.xsd");
}

namespace {

// The schema has checked that each number is a positive integer and each MM-DD has the
// right shape; only a day the month does not have (02-30) is left to refuse here.
int Number(const XmlElement& e, std::string_view attribute) {
  return std::atoi(e.AttributeOr(attribute).c_str());
}

std::optional<MonthDay> ReadMonthDay(const XmlElement& e, std::string_view attribute,
                                     DiagnosticList& diagnostics) {
  std::string text = e.AttributeOr(attribute);
  MonthDay out{std::atoi(text.substr(0, 2).c_str()), std::atoi(text.substr(3).c_str())};
  // 2000 is a leap year, so 29 February is allowed: the deadline is a day of any year.
  if (!IsValidDate(2000, out.month, out.day)) {
    diagnostics.Error(
        "timescales.invalid",
        "<" + e.name + " " + std::string(attribute) + "=\"" + text + "\">: no such day of the year",
        e.location);
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<StatutoryTimescales> LoadStatutoryTimescales(const std::filesystem::path& file,
                                                           const SchemaRegistry& schemas,
                                                           DiagnosticList& diagnostics) {
  std::optional<XmlElement> root =
      ReadDataFile(file.string(), schemas, "timescales", "timescales.root", diagnostics);
  if (!root) return std::nullopt;
  return ReadStatutoryTimescales(*root, diagnostics);
}

std::optional<StatutoryTimescales> ReadStatutoryTimescales(const XmlElement& root,
                                                           DiagnosticList& diagnostics) {
  // Validated: every element below is present, once, in this order.
  for (const char* name : {"decisionToAssess", "finalPlan", "familyComments", "amendedPlan",
                           "review", "reviewDecision", "phaseTransfer", "adviceGiven"})
    if (root.Child(name) == nullptr) {
      diagnostics.Error("timescales.invalid", std::string("no <") + name + "> timescale",
                        root.location);
      return std::nullopt;
    }
  StatutoryTimescales t;
  t.location = root.location;
  t.decision_to_assess_weeks = Number(*root.Child("decisionToAssess"), "weeks");
  t.advice_weeks = Number(*root.Child("adviceGiven"), "weeks");
  t.final_plan_weeks = Number(*root.Child("finalPlan"), "weeks");
  t.family_comment_days = Number(*root.Child("familyComments"), "days");
  t.amended_plan_weeks = Number(*root.Child("amendedPlan"), "weeks");
  const XmlElement& review = *root.Child("review");
  t.review_months = Number(review, "months");
  t.under_five_review_months = Number(review, "underFiveMonths");
  t.review_decision_weeks = Number(*root.Child("reviewDecision"), "weeks");
  // Timescales that count from one request must fall in order: the decision to assess and
  // the advice come before the final plan, and a child under 5 is reviewed no less often.
  bool ordered = true;
  auto refuse_order = [&](const char* name, const char* attribute, const std::string& rule) {
    const XmlElement& e = *root.Child(name);
    diagnostics.Error(
        "timescales.invalid",
        "<" + e.name + " " + attribute + "=\"" + e.AttributeOr(attribute) + "\">: " + rule,
        e.location);
    ordered = false;
  };
  if (t.decision_to_assess_weeks > t.final_plan_weeks)
    refuse_order("decisionToAssess", "weeks",
                 "the decision to assess cannot be due after the final plan (<finalPlan weeks=\"" +
                     std::to_string(t.final_plan_weeks) + "\">)");
  if (t.advice_weeks > t.final_plan_weeks)
    refuse_order("adviceGiven", "weeks",
                 "advice cannot be due after the final plan (<finalPlan weeks=\"" +
                     std::to_string(t.final_plan_weeks) + "\">)");
  if (t.under_five_review_months > t.review_months)
    refuse_order("review", "underFiveMonths",
                 "a child under 5 is reviewed at least as often as others (months=\"" +
                     std::to_string(t.review_months) + "\")");
  if (!ordered) return std::nullopt;
  const XmlElement& transfer = *root.Child("phaseTransfer");
  auto school = ReadMonthDay(transfer, "school", diagnostics);
  auto post16 = ReadMonthDay(transfer, "post16", diagnostics);
  if (!school || !post16) return std::nullopt;
  t.phase_transfer_school = *school;
  t.phase_transfer_post16 = *post16;
  return t;
}

std::optional<StatutoryTimescales> LoadStatutoryTimescales(const std::filesystem::path& quality_dir,
                                                           const std::filesystem::path& schema_dir,
                                                           DiagnosticList& diagnostics) {
  SchemaRegistry schemas(schema_dir);
  RegisterTimescalesSchema(schemas);
  return LoadStatutoryTimescales(StatutoryTimescalesFile(quality_dir), schemas, diagnostics);
}

}  // namespace ehcp
