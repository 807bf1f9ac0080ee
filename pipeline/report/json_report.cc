#include "report/json_report.h"

#include <nlohmann/json.hpp>

#include "diagnostics/diagnostic_json.h"

namespace ehcp {
namespace {

nlohmann::json CaseStatusJson(const CaseStatus& status, const std::optional<Date>& as_of) {
  nlohmann::json j;
  j["stage"] = std::string(CaseStageToken(status.stage));
  nlohmann::json next;
  next["kind"] = std::string(NextDateToken(status.next));
  next["date"] = status.next_date ? nlohmann::json(status.next_date->ToIso()) : nlohmann::json();
  next["from"] = status.next_basis;
  if (status.under_five) next["underFive"] = true;
  if (as_of) next["overdue"] = status.OverdueOn(*as_of);
  j["next"] = std::move(next);
  nlohmann::json first;
  first["timeliness"] = std::string(FirstFinalToken(status.first_final));
  if (status.request_received) first["requestReceived"] = status.request_received->ToIso();
  if (status.first_final_issued) first["issued"] = status.first_final_issued->ToIso();
  if (status.weeks_days) first["days"] = *status.weeks_days;
  j["firstFinal"] = std::move(first);
  return j;
}

}  // namespace

JsonReportWriter::JsonReportWriter(std::ostream& out) : out_(out) {
  out_ << "{\n\"plans\": [";
}

void JsonReportWriter::Add(const PlanFindings& plan) {
  nlohmann::json j;
  j["file"] = plan.file;
  j["valid"] = plan.loaded;
  if (plan.loaded) {
    j["plan"] = plan.plan_id;
    if (plan.status) j["status"] = std::string(Token(*plan.status));
  }
  j["findings"] = nlohmann::json::array();
  j["accepted"] = nlohmann::json::array();
  for (const auto& d : plan.loaded ? plan.findings : plan.load_problems)
    j[d.accepted_reason ? "accepted" : "findings"].push_back(DiagnosticToJson(d));
  j["counts"] = {{"error", plan.Count(Severity::kError)},
                 {"warning", plan.Count(Severity::kWarning)},
                 {"info", plan.Count(Severity::kInfo)}};
  if (plan.grade) {
    j["grade"] = std::string(GradeName(plan.grade->overall));
    j["score"] = plan.grade->score;
    nlohmann::json sections = nlohmann::json::array();
    for (const auto& s : plan.grade->sections)
      sections.push_back({{"section", s.section},
                          {"grade", std::string(GradeName(s.grade))},
                          {"score", s.score},
                          {"criteria", s.criteria},
                          {"met", s.met},
                          {"unmet", s.unmet}});
    j["sections"] = std::move(sections);
    j["provision"] = {{"items", plan.provision_items},
                      {"fullyQuantified", plan.provision_quantified}};
  }
  if (plan.case_status) j["caseStatus"] = CaseStatusJson(*plan.case_status, as_of_);
  out_ << (first_ ? "\n" : ",\n") << DumpJson(j, 2);
  first_ = false;
}

void JsonReportWriter::Finish(const CaseloadSummary& summary) {
  nlohmann::json s;
  s["plans"] = summary.Plans();
  s["invalid"] = summary.Invalid();
  s["skipped"] = summary.Skipped();
  nlohmann::json grades;
  for (Grade g :
       {Grade::kOutstanding, Grade::kGood, Grade::kRequiresImprovement, Grade::kInadequate})
    grades[std::string(GradeName(g))] = summary.ByGrade(g);
  s["byGrade"] = grades;
  s["provision"] = {{"items", summary.ProvisionItems()},
                    {"fullyQuantified", summary.ProvisionQuantified()}};
  nlohmann::json frequent = nlohmann::json::array();
  for (const auto& r : summary.MostFrequent(10))
    frequent.push_back({{"rule", r.rule}, {"plans", r.plans}, {"findings", r.findings}});
  s["mostFrequent"] = frequent;
  if (summary.AsOf()) {
    s["asOf"] = summary.AsOf()->ToIso();
    nlohmann::json stages;
    for (CaseStage stage :
         {CaseStage::kDraft, CaseStage::kFinal, CaseStage::kProposedAmendment, CaseStage::kAmended})
      stages[std::string(CaseStageToken(stage))] = summary.ByStage(stage);
    s["byStage"] = stages;
    nlohmann::json overdue = nlohmann::json::array();
    for (const auto& row : summary.Rows())
      if (row.overdue)
        overdue.push_back({{"file", row.file},
                           {"plan", row.plan_id},
                           {"next", std::string(NextDateToken(row.status->next))},
                           {"date", row.status->next_date->ToIso()},
                           {"daysOverdue", row.overdue_days}});
    s["overdue"] = overdue;
    const TwentyWeekShare& t = summary.TwentyWeeks();
    s["twentyWeeks"] = {{"from", t.from.ToIso()},
                        {"to", t.to.ToIso()},
                        {"weeks", t.weeks},
                        {"issued", t.issued},
                        {"within", t.within},
                        {"late", t.late},
                        {"exception", t.exception},
                        {"unknown", t.unknown},
                        {"share", SharePercent(t.within, t.within + t.late)}};
  }
  out_ << "\n],\n\"summary\": " << DumpJson(s, 2) << "\n}\n";
}

std::string PathToUri(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

std::string SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "error";
}

}  // namespace

SarifReportWriter::SarifReportWriter(std::ostream& out, const RuleSet& rules)
    : out_(out), rules_(rules) {
  nlohmann::json driver;
  driver["name"] = "ehcp-lint";
  driver["fullName"] = "ehcp lint: EHC plan quality-framework linter";
  driver["version"] = "0.1.0";
  driver["semanticVersion"] = "0.1.0";
  driver["rules"] = nlohmann::json::array();
  for (const auto& rule : rules_.Rules()) {
    const RuleSpec& spec = rule->Spec();
    nlohmann::json r;
    r["id"] = spec.id;
    r["shortDescription"] = {{"text", spec.title}};
    r["fullDescription"] = {{"text", spec.title + ". Source: " + spec.source}};
    if (!spec.hint.empty()) r["help"] = {{"text", spec.hint}};
    r["defaultConfiguration"] = {{"level", SarifLevel(spec.severity)}};
    r["properties"] = {
        {"kind", spec.kind}, {"source", spec.source}, {"sections", spec.scope.sections}};
    driver["rules"].push_back(std::move(r));
  }
  nlohmann::json run;
  run["tool"] = {{"driver", driver}};
  // Columns in ehcp locations count UTF-8 bytes; SARIF has no byte column kind, and for the
  // ASCII text where columns matter most, code points and bytes agree.
  run["columnKind"] = "unicodeCodePoints";
  std::string head = DumpJson(run, 2);
  head.resize(head.rfind('}'));  // leave the run object open for the results
  while (!head.empty() && (head.back() == '\n' || head.back() == ' ')) head.pop_back();
  out_ << "{\n\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n\"version\": "
          "\"2.1.0\",\n\"runs\": [\n"
       << head << ",\n\"results\": [";
}

void SarifReportWriter::Add(const PlanFindings& plan) {
  const auto& items = plan.loaded ? plan.findings : plan.load_problems;
  for (const auto& d : items) {
    nlohmann::json r;
    r["ruleId"] = d.code;
    for (size_t i = 0; i < rules_.Rules().size(); ++i)
      if (rules_.Rules()[i]->Spec().id == d.code) r["ruleIndex"] = i;
    r["level"] = SarifLevel(d.severity);
    std::string text = d.message;
    if (!d.hint.empty()) text += ". Hint: " + d.hint;
    r["message"] = {{"text", text}};
    nlohmann::json physical;
    physical["artifactLocation"] = {
        {"uri", PathToUri(d.location.FileName().empty() ? plan.file : d.location.FileName())}};
    if (d.location.line > 0) {
      nlohmann::json region{{"startLine", d.location.line}};
      if (d.location.column > 0) region["startColumn"] = d.location.column;
      physical["region"] = region;
    }
    nlohmann::json location{{"physicalLocation", physical}};
    // A Word or PDF plan has no lines: the place is said in words, as SARIF allows.
    if (!d.location.place.empty()) location["message"] = {{"text", d.location.place}};
    if (!d.section.empty()) {
      std::string name = d.section == "meta" ? "plan" : "section" + d.section;
      if (!d.item_id.empty()) name += "/" + d.item_id;
      location["logicalLocations"] =
          nlohmann::json::array({{{"fullyQualifiedName", name}, {"kind", "element"}}});
    }
    r["locations"] = nlohmann::json::array({location});
    if (d.accepted_reason)
      r["suppressions"] = nlohmann::json::array(
          {{{"kind", "external"}, {"status", "accepted"}, {"justification", *d.accepted_reason}}});
    if (!d.source.empty()) r["properties"] = {{"source", d.source}, {"planId", plan.plan_id}};
    out_ << (first_ ? "\n" : ",\n") << DumpJson(r);
    first_ = false;
  }
}

void SarifReportWriter::Finish() {
  out_ << "\n]\n}\n]\n}\n";
}

}  // namespace ehcp
