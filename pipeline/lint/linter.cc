#include "lint/linter.h"

#include <algorithm>
#include <set>

#include "lint/plan_text.h"

namespace ehcp {

std::optional<int> YearGroup(const Plan& plan) {
  if (plan.child.ncy) return plan.child.ncy;
  const PlanDates& d = plan.meta.dates;
  std::optional<Date> on;
  for (const auto& date : {d.draft_issued, d.final_issued, d.amended_issued, d.last_review})
    if (date && (!on || *date > *on)) on = date;
  if (!on) on = d.next_review;
  if (!on || plan.child.date_of_birth.year == 0) return std::nullopt;
  return NationalCurriculumYear(plan.child.date_of_birth, *on);
}

void MarkAccepted(const Plan& plan, std::vector<Diagnostic>& findings) {
  for (auto& finding : findings) {
    for (const auto& accepted : plan.accepted) {
      if (accepted.rule_id != finding.code) continue;
      if (!accepted.item_id.empty() && accepted.item_id != finding.item_id) continue;
      finding.accepted_reason = accepted.reason.value + " (accepted by " + accepted.by + " on " +
                                accepted.date.ToLongEnglish() + ")";
      break;
    }
  }
}

bool ReachesLevel(const std::vector<Diagnostic>& findings, Severity threshold) {
  return std::any_of(findings.begin(), findings.end(), [&](const Diagnostic& d) {
    return !d.accepted_reason && AtLeast(d.severity, threshold);
  });
}

namespace {

// At most ~140 characters of `text`, cut at a word.
std::string Excerpt(const std::string& text) {
  constexpr size_t kMax = 140;
  if (text.size() <= kMax) return text;
  size_t cut = text.rfind(' ', kMax);
  if (cut == std::string::npos || cut < kMax / 2) cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;  // not inside a character
  return text.substr(0, cut) + "…";
}

// The words of the item a finding is about, for findings that did not quote any.
std::string ItemWords(const Plan& plan, const std::string& id) {
  if (id.empty()) return {};
  if (const Need* need = plan.FindNeed(id))
    return need->description.empty() ? need->title : need->description.front().value;
  if (const Outcome* outcome = plan.FindOutcome(id)) return outcome->text.value;
  if (const ProvisionItem* item = plan.FindProvision(id)) return item->description.value;
  for (const auto& entry : plan.a.entries)
    if (entry.id == id && !entry.text.empty()) return entry.text.front().value;
  if (const AdviceItem* advice = plan.FindAdvice(id)) return advice->title;
  return {};
}

}  // namespace

std::vector<Diagnostic> Linter::Lint(const Plan& plan,
                                     const std::vector<StructureProblem>& structure) const {
  std::vector<PlanTextField> text = CollectPlanText(plan);
  TextTerms terms(rules_.Index(), text);
  LintInput input{plan, text, YearGroup(plan), structure, &terms};
  std::set<std::string> absent;
  for (const auto& problem : structure)
    if (problem.SectionAbsent()) absent.insert(problem.section);
  FindingSink sink(std::move(absent));
  for (const auto& rule : rules_.Rules()) {
    if (rule->Spec().AppliesTo(plan.meta.status)) rule->Check(input, sink);
  }
  std::vector<Diagnostic> findings = std::move(sink.Findings());
  for (auto& finding : findings)
    if (finding.quote.empty()) finding.quote = Excerpt(ItemWords(plan, finding.item_id));
  MarkAccepted(plan, findings);
  std::stable_sort(findings.begin(), findings.end(), [](const Diagnostic& a, const Diagnostic& b) {
    // `order` is 0 in XML, so plans read from XML sort by line and column as before.
    return std::tie(a.location.line, a.location.order, a.location.column, a.code) <
           std::tie(b.location.line, b.location.order, b.location.column, b.code);
  });
  return findings;
}

}  // namespace ehcp
