// Reporters and grading over real linter output for the minimal plan and its variants.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "diagnostics/diagnostic_json.h"
#include "lint/lint_test_support.h"
#include "report/case_status.h"
#include "report/caseload_summary.h"
#include "report/grading.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/text_report.h"

namespace ehcp {
namespace {

using testing::DefaultRules;
using testing::LintXml;
using testing::Mutated;

const std::string kF1Text =
    "Direct speech and language therapy to teach Alex strategies for remembering instructions.";

// The minimal plan with its one F-section gap (the unexplained "HCPC") fixed, plus `edits`.
std::string CleanF(std::vector<std::pair<std::string, std::string>> edits = {}) {
  edits.insert(edits.begin(),
               {R"(qualification="HCPC-registered")",
                R"(qualification="Registered with the Health and Care Professions Council")"});
  return Mutated(edits);
}

PlanFindings Findings(const std::string& xml) {
  PlanFindings p;
  p.file = "plan.xml";
  p.plan_id = "TEST-0001";
  p.loaded = true;
  p.status = PlanStatus::kFinal;
  p.findings = LintXml(xml);
  p.grade = GradePlan(p.findings, DefaultRules(), PlanStatus::kFinal);
  p.provision_items = 1;
  p.provision_quantified = 1;
  return p;
}

const SectionGrade* Section(const PlanGrade& grade, const std::string& name) {
  for (const auto& s : grade.sections)
    if (s.section == name) return &s;
  return nullptr;
}

TEST(Grading, SectionWithAnErrorIsAtMostRequiresImprovement) {
  PlanFindings clean = Findings(CleanF());
  const SectionGrade* f = Section(*clean.grade, "F");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kOutstanding);
  EXPECT_EQ(f->met, f->criteria);

  PlanFindings vague = Findings(CleanF({{kF1Text, "Access to therapy as required."}}));
  f = Section(*vague.grade, "F");
  ASSERT_NE(f, nullptr);
  EXPECT_GE(static_cast<int>(f->grade), static_cast<int>(Grade::kRequiresImprovement));
  EXPECT_EQ(f->unmet, std::vector<std::string>{"provision-vague-wording"});
  EXPECT_LT(f->score, 1.0);
  EXPECT_GE(static_cast<int>(vague.grade->overall), static_cast<int>(Grade::kRequiresImprovement));
}

TEST(Grading, ManyErrorsMakeThePlanInadequate) {
  PlanFindings weak = Findings(CleanF(
      {{kF1Text, "Access to therapy as required."},
       {R"(<frequency count="1" per="week"/>)", ""},
       {R"( qualification="Registered with the Health and Care Professions Council")", ""}}));
  EXPECT_EQ(weak.grade->overall, Grade::kInadequate);
}

// The rule set with 00-framework.xml's <grading> replaced by `grading`.
std::unique_ptr<RuleSet> RulesWithGrading(const std::string& grading, DiagnosticList& diagnostics) {
  namespace fs = std::filesystem;
  fs::path folder = fs::temp_directory_path() / ("ehcp-grading-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::vector<std::string> files = testing::DefaultRuleFiles();
  for (auto& file : files) {
    if (fs::path(file).filename() != "00-framework.xml") continue;
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t start = text.find("<grading ");
    text.replace(start, text.find("/>", start) + 2 - start, grading);
    file = (folder / "00-framework.xml").string();
    std::ofstream(file) << text;
  }
  auto rules = RuleSet::Load(files, "", testing::LintSchemas(), diagnostics);
  fs::remove_all(folder);
  return rules;
}

// The caps are data: a council may let a section with one error still be Good, and call a
// plan Inadequate at its first error.
TEST(Grading, CapsAreTheRuleSetsData) {
  DiagnosticList diagnostics;
  auto rules = RulesWithGrading(
      R"(<grading outstanding="0.95" good="0.50" requiresImprovement="0.30" errorCap="good")"
      R"( inadequateErrorRules="1"/>)",
      diagnostics);
  ASSERT_TRUE(rules) << (diagnostics.Empty() ? "" : FormatDiagnostic(diagnostics.Items()[0]));
  EXPECT_EQ(rules->Grading().error_cap, "good");
  EXPECT_EQ(rules->Grading().inadequate_error_rules, 1);
  auto findings = LintXml(CleanF({{kF1Text, "Access to therapy as required."}}));
  PlanGrade shipped = GradePlan(findings, DefaultRules(), PlanStatus::kFinal);
  PlanGrade own = GradePlan(findings, *rules, PlanStatus::kFinal);
  const SectionGrade* shipped_f = Section(shipped, "F");
  const SectionGrade* own_f = Section(own, "F");
  ASSERT_TRUE(shipped_f && own_f);
  EXPECT_EQ(shipped_f->grade, Grade::kRequiresImprovement);
  EXPECT_EQ(own_f->grade, Grade::kGood);  // capped at Good, not Requires improvement
  EXPECT_EQ(shipped.overall, Grade::kRequiresImprovement);
  EXPECT_EQ(own.overall, Grade::kInadequate);  // one error rule is enough
}

TEST(Grading, AnUnknownCapIsRefusedWhereItIsWritten) {
  DiagnosticList diagnostics;
  auto rules = RulesWithGrading(
      R"(<grading outstanding="0.95" good="0.80" requiresImprovement="0.60" errorCap="poor"/>)",
      diagnostics);
  EXPECT_FALSE(rules);
  ASSERT_FALSE(diagnostics.Empty());
  const Diagnostic& d = diagnostics.Items()[0];
  EXPECT_NE(d.message.find("errorCap"), std::string::npos) << d.message;
  ASSERT_TRUE(d.location.file);
  EXPECT_NE(d.location.file->find("00-framework.xml"), std::string::npos);
  EXPECT_GT(d.location.line, 0);
}

// Boundaries out of order would make a grade unreachable without a word: refused at the
// <grading> element, as the other policy checks are.
TEST(Grading, BoundariesOutOfOrderAreRefusedWhereTheyAreWritten) {
  DiagnosticList diagnostics;
  auto rules = RulesWithGrading(
      R"(<grading outstanding="0.80" good="0.95" requiresImprovement="0.60" errorCap="good"/>)",
      diagnostics);
  EXPECT_FALSE(rules);
  ASSERT_EQ(diagnostics.Count(Severity::kError), 1);
  const Diagnostic& d = diagnostics.Items()[0];
  EXPECT_EQ(d.code, "rules.invalid");
  EXPECT_EQ(d.message,
            "<grading> good=\"0.95\" is not below outstanding=\"0.80\": the boundaries must fall "
            "in order, outstanding > good > requiresImprovement");
  ASSERT_TRUE(d.location.file);
  EXPECT_NE(d.location.file->find("00-framework.xml"), std::string::npos);
  EXPECT_EQ(d.location.line, 11);
  EXPECT_EQ(d.location.column, 3);
  DiagnosticList equal;
  EXPECT_FALSE(RulesWithGrading(
      R"(<grading outstanding="0.95" good="0.60" requiresImprovement="0.60" errorCap="good"/>)",
      equal));
  ASSERT_FALSE(equal.Empty());
  EXPECT_NE(equal.Items()[0].message.find("requiresImprovement=\"0.60\" is not below good"),
            std::string::npos)
      << equal.Items()[0].message;
}

TEST(Grading, AcceptedFindingsDoNotCount) {
  PlanFindings accepted = Findings(CleanF(
      {{kF1Text, "Access to therapy."},
       {"</plan>",
        R"(<review><accepted rule="provision-vague-wording" item="F1" by="QA" date="2026-06-01">Agreed at tribunal.</accepted></review></plan>)"}}));
  EXPECT_EQ(Section(*accepted.grade, "F")->grade, Grade::kOutstanding);
}

TEST(TextReport, CompilerStyleLinesWithHintAndSource) {
  PlanFindings p = Findings(Mutated({{kF1Text, "Therapy as required."}}));
  std::ostringstream out;
  WriteTextReport(p, out, false);
  std::string text = out.str();
  EXPECT_NE(text.find("plan.xml:"), std::string::npos);
  EXPECT_NE(
      text.find(": error: vague provision wording \"as required\" in F1 [provision-vague-wording]"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("    hint: Instead, state the amount"), std::string::npos) << text;
  EXPECT_NE(text.find("    source: CFA 2014 s.37"), std::string::npos) << text;
  EXPECT_EQ(text.find("\033["), std::string::npos) << "no colour unless asked";
  std::ostringstream coloured;
  WriteTextReport(p, coloured, true);
  EXPECT_NE(coloured.str().find("\033[1;31merror\033[0m"), std::string::npos);
}

TEST(TextReport, AcceptedFindingsAreListedSeparately) {
  PlanFindings p = Findings(Mutated(
      {{kF1Text, "Access to therapy."},
       {"</plan>",
        R"(<review><accepted rule="provision-vague-wording" item="F1" by="QA" date="2026-06-01">Agreed at tribunal.</accepted></review></plan>)"}}));
  std::ostringstream out;
  WriteTextReport(p, out, false);
  std::string text = out.str();
  size_t header = text.find("1 accepted finding (reported, not counted):");
  ASSERT_NE(header, std::string::npos) << text;
  EXPECT_GT(text.find("[provision-vague-wording]"), header)
      << "accepted finding printed only after the header";
  EXPECT_NE(text.find("accepted: Agreed at tribunal."), std::string::npos);
}

TEST(JsonReport, IsValidJsonWithFindingsAndSummary) {
  PlanFindings p = Findings(Mutated({{kF1Text, "Therapy as required."}}));
  CaseloadSummary summary;
  summary.Add(p);
  std::ostringstream out;
  JsonReportWriter writer(out);
  writer.Add(p);
  writer.Finish(summary);
  auto j = nlohmann::json::parse(out.str());
  ASSERT_EQ(j["plans"].size(), 1u);
  const auto& plan = j["plans"][0];
  EXPECT_EQ(plan["plan"], "TEST-0001");
  bool found = false;
  for (const auto& f : plan["findings"]) {
    if (f["code"] == "provision-vague-wording") {
      found = true;
      EXPECT_EQ(f["section"], "F");
      EXPECT_EQ(f["item"], "F1");
      EXPECT_GT(f["line"].get<int>(), 0);
      EXPECT_FALSE(f["hint"].get<std::string>().empty());
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(j["summary"]["plans"], 1);
  EXPECT_EQ(j["summary"]["provision"]["items"], 1);
}

// The report as JsonReportWriter wrote it with nlohmann objects before it wrote JSON
// directly; the bytes must not change.
std::string NlohmannReport(const std::vector<PlanFindings>& plans, const Date& as_of) {
  std::string out = "{\n\"plans\": [";
  bool first = true;
  for (const PlanFindings& plan : plans) {
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
    if (plan.case_status) {
      const CaseStatus& status = *plan.case_status;
      nlohmann::json c;
      c["stage"] = std::string(CaseStageToken(status.stage));
      nlohmann::json next;
      next["kind"] = std::string(NextDateToken(status.next));
      next["date"] =
          status.next_date ? nlohmann::json(status.next_date->ToIso()) : nlohmann::json();
      next["from"] = status.next_basis;
      if (status.under_five) next["underFive"] = true;
      next["overdue"] = status.OverdueOn(as_of);
      c["next"] = std::move(next);
      nlohmann::json first_final;
      first_final["timeliness"] = std::string(FirstFinalToken(status.first_final));
      if (status.request_received)
        first_final["requestReceived"] = status.request_received->ToIso();
      if (status.first_final_issued) first_final["issued"] = status.first_final_issued->ToIso();
      if (status.weeks_days) first_final["days"] = *status.weeks_days;
      c["firstFinal"] = std::move(first_final);
      j["caseStatus"] = std::move(c);
    }
    out += (first ? "\n" : ",\n") + DumpJson(j, 2);
    first = false;
  }
  return out;
}

// The summary as JsonReportWriter::Finish wrote it with nlohmann objects.
std::string NlohmannSummary(const CaseloadSummary& summary) {
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
  return "\n],\n\"summary\": " + DumpJson(s, 2) + "\n}\n";
}

TEST(JsonReport, WritesTheBytesNlohmannWrote) {
  // Every escape nlohmann makes, and bytes that are not UTF-8 (overlong, surrogate,
  // truncated, out of range), which it replaces with U+FFFD.
  const std::string odd =
      "tab\there \"quoted\" back\\slash \x01\x1f\x7f \b\f\r\n \u201Ccurly\u201D caf\u00e9 "
      "\u4e2d\u6587 \xf0\x9f\x98\x80";
  const std::vector<std::string> broken = {"\xc0\xaf",         "\xed\xa0\x80", "\xe2\x82",
                                           "\xf4\x90\x80\x80", "\xff",         "ok\x80tail",
                                           "\xe0\x80\x80"};
  PlanFindings plan;
  plan.file = "plans/odd \"name\".xml";
  plan.plan_id = "EHCP-\\1";
  plan.status = PlanStatus::kFinal;
  plan.loaded = true;
  auto location = std::make_shared<const std::string>("plans/odd \"name\".xml");
  for (size_t i = 0; i < broken.size(); ++i) {
    Diagnostic d;
    d.severity = i % 3 == 0 ? Severity::kError : i % 3 == 1 ? Severity::kWarning : Severity::kInfo;
    d.code = "rule-" + std::to_string(i);
    d.message = odd + broken[i];
    d.location = SourceLocation(location, static_cast<int>(i) + 1, static_cast<int>(i) * 7);
    if (i % 2 == 0) d.location.place = "table 2, row " + std::to_string(i);
    if (i % 2 == 1) d.element_path = "/plan/sectionF/provision[" + std::to_string(i) + "]";
    d.section = i == 0 ? "" : "F";
    d.item_id = i % 3 == 0 ? "" : "F" + std::to_string(i);
    d.hint = i == 2 ? "" : "Say how often" + broken[i];
    d.source = i == 3 ? "" : "SEND Code of Practice 9.69";
    d.quote = i % 2 == 0 ? broken[i] : "";
    d.detail = i == 4 ? odd : "";
    if (i == 1 || i == 5) d.accepted_reason = "agreed at review " + broken[i];
    plan.findings.push_back(d);
  }
  PlanGrade grade;
  grade.overall = Grade::kRequiresImprovement;
  grade.score = 5.0 / 6.0;
  grade.sections.push_back({"meta", Grade::kGood, 1.0, 3, 3, {}});
  grade.sections.push_back({"F", Grade::kInadequate, 0.1 + 0.2, 7, 2, {"rule-1", "rule-\"2\""}});
  plan.grade = grade;
  plan.provision_items = 12;
  plan.provision_quantified = 9;
  CaseStatus status;
  status.stage = CaseStage::kFinal;
  status.next = NextDate::kAnnualReview;
  status.next_date = Date{2026, 3, 1};
  status.next_basis = "issued 1 March 2025";
  status.under_five = true;
  status.first_final = FirstFinal::kLate;
  status.first_final_issued = Date{2025, 3, 1};
  status.request_received = Date{2024, 9, 2};
  status.weeks_days = 180;
  plan.case_status = status;

  PlanFindings sparse = plan;  // no dates, grade or accepted findings
  sparse.case_status->next_date.reset();
  sparse.case_status->under_five = false;
  sparse.case_status->first_final_issued.reset();
  sparse.case_status->request_received.reset();
  sparse.case_status->weeks_days.reset();
  sparse.grade.reset();
  sparse.status.reset();
  sparse.findings.resize(1);

  PlanFindings unloaded;  // a file that did not load: its problems, no plan id
  unloaded.file = "broken\xff.xml";
  unloaded.plan_id = "not written";
  unloaded.load_problems = {plan.findings[0], plan.findings[6]};

  PlanFindings empty;
  empty.file = "empty.xml";

  const std::vector<PlanFindings> plans = {plan, sparse, unloaded, empty};
  const Date as_of{2026, 6, 1};
  std::ostringstream out;
  JsonReportWriter writer(out);
  writer.SetAsOf(as_of);
  for (const auto& p : plans) writer.Add(p);
  EXPECT_EQ(out.str(), NlohmannReport(plans, as_of));

  // The summary, without and with case status (an overdue plan, the 20-week share).
  for (bool with_status : {false, true}) {
    CaseloadSummary summary;
    if (with_status) summary.TrackStatus(as_of, CaseTimescales{});
    summary.AddSkipped();
    for (const auto& p : plans) summary.Add(p);
    std::ostringstream finished;
    JsonReportWriter(finished).Finish(summary);
    const std::string expected = NlohmannSummary(summary);
    EXPECT_EQ(finished.str().substr(finished.str().size() - expected.size()), expected);
    EXPECT_EQ(finished.str().find("\"daysOverdue\"") != std::string::npos, with_status);
  }
  EXPECT_NE(out.str().find("\\u001f"), std::string::npos);
  EXPECT_NE(out.str().find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD for the bad bytes
}

TEST(SarifReport, HasTheRequiredStructure) {
  PlanFindings p = Findings(Mutated(
      {{kF1Text, "Therapy as required."},
       {"</plan>",
        R"(<review><accepted rule="outcome-count" by="QA" date="2026-06-01">Small plan.</accepted></review></plan>)"}}));
  std::ostringstream out;
  SarifReportWriter writer(out, DefaultRules());
  writer.Add(p);
  writer.Finish();
  auto j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["version"], "2.1.0");
  ASSERT_EQ(j["runs"].size(), 1u);
  const auto& run = j["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "ehcp-lint");
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), DefaultRules().Rules().size());
  bool vague = false, suppressed = false;
  for (const auto& r : run["results"]) {
    int index = r["ruleIndex"];
    EXPECT_EQ(run["tool"]["driver"]["rules"][index]["id"], r["ruleId"]);
    EXPECT_TRUE(r["level"] == "error" || r["level"] == "warning" || r["level"] == "note");
    EXPECT_EQ(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "plan.xml");
    if (r["ruleId"] == "provision-vague-wording") {
      vague = true;
      EXPECT_EQ(r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], "sectionF/F1");
      EXPECT_GT(r["locations"][0]["physicalLocation"]["region"]["startColumn"].get<int>(), 0);
    }
    if (r["ruleId"] == "outcome-count") {
      suppressed = true;
      EXPECT_EQ(r["suppressions"][0]["kind"], "external");
    }
  }
  EXPECT_TRUE(vague);
  EXPECT_TRUE(suppressed);
}

TEST(SarifReport, PathsBecomeUriReferences) {
  EXPECT_EQ(PathToUri("samples/weak plan/plan.xml"), "samples/weak%20plan/plan.xml");
  EXPECT_EQ(PathToUri("/tmp/a.xml"), "file:///tmp/a.xml");
}

TEST(HtmlReport, RendersGradesGoldenThreadAndFindings) {
  DiagnosticList diagnostics;
  auto html = HtmlReporter::Load(EHCP_SOURCE_DIR "/templates/lint", diagnostics);
  ASSERT_TRUE(html) << testing::Describe(diagnostics.Items());
  // Plan text with markup characters must come out escaped.
  std::string xml = Mutated({{kF1Text, "Therapy as required &amp; &lt;more&gt;."}});
  LoadedDocument doc = ParseDocument(xml, "plan.xml", testing::LintSchemas());
  ASSERT_TRUE(doc.plan);
  PlanFindings p = Findings(xml);
  std::string page = html->RenderPlan(*doc.plan, p, DefaultRules());
  EXPECT_NE(page.find("<html lang=\"en-GB\">"), std::string::npos);
  EXPECT_NE(page.find("Golden thread"), std::string::npos);
  EXPECT_NE(page.find("<th scope=\"row\">B1"), std::string::npos) << "need row";
  EXPECT_NE(page.find("<strong>E1</strong>"), std::string::npos);
  EXPECT_NE(page.find("<strong>F1</strong>"), std::string::npos);
  EXPECT_NE(page.find("F: Special educational provision"), std::string::npos);
  EXPECT_NE(page.find("provision-vague-wording"), std::string::npos);
  EXPECT_NE(page.find("&amp; &lt;more&gt;"), std::string::npos) << "plan text is escaped";
  EXPECT_EQ(page.find("<more>"), std::string::npos);
  EXPECT_EQ(page.find("{{"), std::string::npos);
  EXPECT_EQ(page.find("http"), std::string::npos) << "no external assets";
}

TEST(HtmlReport, DashboardSummarisesTheCaseload) {
  DiagnosticList diagnostics;
  auto html = HtmlReporter::Load(EHCP_SOURCE_DIR "/templates/lint", diagnostics);
  ASSERT_TRUE(html);
  CaseloadSummary summary;
  summary.Add(Findings(testing::MinimalPlan()));
  summary.Add(Findings(Mutated({{kF1Text, "Access to therapy as required."}})));
  PlanFindings invalid;
  invalid.file = "broken.xml";
  summary.Add(invalid);
  EXPECT_EQ(summary.Plans(), 3);
  EXPECT_EQ(summary.Invalid(), 1);
  auto frequent = summary.MostFrequent(3);
  ASSERT_FALSE(frequent.empty());
  EXPECT_EQ(frequent[0].plans, 2);  // minimal-plan gaps appear in both valid plans
  std::string page = html->RenderCaseload(summary, DefaultRules());
  EXPECT_NE(page.find("3 plans checked"), std::string::npos);
  EXPECT_NE(page.find("broken.xml"), std::string::npos);
  EXPECT_NE(page.find("Not a valid plan"), std::string::npos);
  EXPECT_EQ(page.find("{{"), std::string::npos);
}

// Found by review after fuzz_template_set's deep strings: the report pages are Mustache
// templates a council may edit, and the engine's memory grows with the square of the
// sections' depth, so they are measured before they are parsed, as template strings are.
TEST(HtmlReport, SectionsNestedTooDeeplyAreInvalid) {
  std::string dir = (std::filesystem::temp_directory_path() / "ehcp-report-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  std::string deep;
  for (int i = 0; i < 17; ++i) deep += "{{#a}}";
  for (int i = 0; i < 17; ++i) deep += "{{/a}}";
  std::ofstream(dir + "/report.html") << "<p>" << deep << "</p>";
  std::ofstream(dir + "/caseload.html") << "<p>{{#a}}{{/a}}</p>";
  DiagnosticList diagnostics;
  EXPECT_FALSE(HtmlReporter::Load(dir, diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "template.invalid");
  EXPECT_EQ(diagnostics.Items()[0].location.FileName(), dir + "/report.html");
  EXPECT_NE(diagnostics.Items()[0].message.find("17 deep; the limit is 16"), std::string::npos)
      << diagnostics.Items()[0].message;
  std::filesystem::remove_all(dir);
}

TEST(HtmlReport, MissingTemplateIsReported) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(HtmlReporter::Load("/no/such/folder", diagnostics));
  ASSERT_FALSE(diagnostics.Empty());
  EXPECT_EQ(diagnostics.Items()[0].code, "template.missing");
}

}  // namespace
}  // namespace ehcp
