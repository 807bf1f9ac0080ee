#include "report/html_report.h"

#include <cstdio>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <map>
#include <set>
#include <sstream>

#include "document/mustache_depth.h"
#include "lint/golden_thread.h"
#include "output/input_file.h"

namespace ehcp {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

struct HtmlReporter::Templates {
  std::unique_ptr<mustache> plan;
  std::unique_ptr<mustache> caseload;
};

HtmlReporter::HtmlReporter() : templates_(std::make_unique<Templates>()) {}
HtmlReporter::~HtmlReporter() = default;

namespace {

constexpr size_t kMaxHtmlTemplateBytes = 1024 * 1024;

std::unique_ptr<mustache> LoadTemplate(const std::filesystem::path& path,
                                       DiagnosticList& diagnostics) {
  InputFile in = ReadInputFile(path.string(), kMaxHtmlTemplateBytes);
  if (!in.Ok()) {
    diagnostics.Error("template.missing", "cannot read the HTML template: " + in.problem,
                      FileLocation(path.string()));
    return nullptr;
  }
  if (int depth = MustacheSectionDepth(in.bytes); depth > kMaxMustacheSectionDepth) {
    diagnostics.Error("template.invalid",
                      "HTML template nests sections " + std::to_string(depth) +
                          " deep; the limit is " + std::to_string(kMaxMustacheSectionDepth),
                      FileLocation(path.string()));
    return nullptr;
  }
  auto tpl = std::make_unique<mustache>(in.bytes);
  if (!tpl->is_valid()) {
    diagnostics.Error("template.invalid", "HTML template does not parse: " + tpl->error_message(),
                      FileLocation(path.string()));
    return nullptr;
  }
  return tpl;
}

data List() {
  return data{data::type::list};
}

std::string Percent(double share) {
  char out[16];
  std::snprintf(out, sizeof out, "%.0f%%", share * 100);
  return out;
}

// Plain text may hold control characters the HTML escaper passes through; drop them.
std::string Clean(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
  return out;
}

std::string Excerpt(const std::string& text, size_t limit = 160) {
  if (text.size() <= limit) return Clean(text);
  size_t cut = text.rfind(' ', limit);
  if (cut == std::string::npos) cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;  // not inside a UTF-8 sequence
  return Clean(text.substr(0, cut)) + " …";
}

data FindingData(const Diagnostic& d, const RuleSet& rules) {
  data f;
  f.set("severity", std::string(SeverityName(d.severity)));
  f.set("rule", d.code);
  const RuleSpec* spec = rules.Find(d.code);
  f.set("title", spec ? spec->title : d.code);
  f.set("message", Clean(d.message));
  // Optional fields are set only when present: kainjow treats an empty string as true.
  if (!d.hint.empty()) f.set("hint", Clean(d.hint));
  if (!d.quote.empty()) f.set("quote", Clean(d.quote));
  if (!d.source.empty()) f.set("source", Clean(d.source));
  if (d.location.line > 0)
    f.set("location", "line " + std::to_string(d.location.line) + ", column " +
                          std::to_string(d.location.column));
  else
    f.set("location",
          d.location.place.empty() ? std::string("whole plan") : Clean(d.location.place));
  if (!d.item_id.empty()) f.set("item", d.item_id);
  if (d.accepted_reason) f.set("accepted", Clean(*d.accepted_reason));
  return f;
}

}  // namespace

std::vector<std::string> HtmlReporter::TemplateFiles(const std::filesystem::path& template_dir) {
  return {(template_dir / "report.html").string(), (template_dir / "caseload.html").string()};
}

std::unique_ptr<HtmlReporter> HtmlReporter::Load(const std::filesystem::path& template_dir,
                                                 DiagnosticList& diagnostics) {
  std::unique_ptr<HtmlReporter> reporter(new HtmlReporter());
  const std::vector<std::string> files = TemplateFiles(template_dir);
  reporter->templates_->plan = LoadTemplate(files[0], diagnostics);
  reporter->templates_->caseload = LoadTemplate(files[1], diagnostics);
  if (!reporter->templates_->plan || !reporter->templates_->caseload) return nullptr;
  return reporter;
}

std::string HtmlReporter::RenderPlan(const Plan& plan, const PlanFindings& result,
                                     const RuleSet& rules) const {
  data root;
  root.set("file", result.file);
  root.set("planId", plan.meta.plan_id);
  root.set("child", plan.child.legal_name.Full());
  root.set("status", std::string(Label(plan.meta.status)));
  root.set("authority", plan.meta.local_authority.name);
  if (!rules.ProfileName().empty()) root.set("profile", rules.ProfileName());
  root.set("errors", std::to_string(result.Count(Severity::kError)));
  root.set("warnings", std::to_string(result.Count(Severity::kWarning)));
  root.set("infos", std::to_string(result.Count(Severity::kInfo)));
  if (result.grade) {
    root.set("grade", std::string(GradeName(result.grade->overall)));
    root.set("gradeToken", std::string(GradeToken(result.grade->overall)));
    root.set("score", Percent(result.grade->score));
    data sections = List();
    for (const auto& s : result.grade->sections) {
      data row;
      row.set("title", SectionTitle(s.section));
      row.set("grade", std::string(GradeName(s.grade)));
      row.set("gradeToken", std::string(GradeToken(s.grade)));
      row.set("score", Percent(s.score));
      row.set("met", std::to_string(s.met) + " of " + std::to_string(s.criteria));
      data unmet = List();
      for (const auto& id : s.unmet) {
        const RuleSpec* spec = rules.Find(id);
        data u;
        u.set("rule", id);
        u.set("title", spec ? spec->title : id);
        unmet << u;
      }
      row.set("unmet", unmet);
      sections << row;
    }
    root.set("sections", sections);
  }
  if (result.provision_items > 0) {
    root.set("quantified", std::to_string(result.provision_quantified) + " of " +
                               std::to_string(result.provision_items));
  }

  // The golden thread, need by need.
  GoldenThreadTable table = BuildGoldenThread(plan);
  data rows = List();
  for (const auto& row : table.rows) {
    data r;
    r.set("section", row.section);
    r.set("needId", row.need->id);
    r.set("needTitle",
          Clean(row.need->title.empty() ? std::string(Label(row.need->area)) : row.need->title));
    data outcomes = List();
    for (const Outcome* o : row.outcomes) {
      data od;
      od.set("id", o->id);
      od.set("text", Excerpt(o->text.value));
      outcomes << od;
    }
    r.set("outcomes", outcomes);
    if (row.outcomes.empty()) r.set("noOutcome", true);
    data provision = List();
    for (const auto& p : row.provision) {
      data pd;
      pd.set("id", p.item->id);
      pd.set("section", p.section);
      pd.set("text", Excerpt(p.item->description.value, 120));
      if (!p.expected_section) pd.set("otherSection", true);
      provision << pd;
    }
    r.set("provision", provision);
    if (!row.has_expected_provision) {
      r.set("noProvision", true);
      r.set("expected", row.section == "B" ? "F" : row.section == "C" ? "G" : "H1 or H2");
    }
    if (row.need->sources.empty()) r.set("noAdvice", true);
    std::string advice;
    for (const auto& s : row.need->sources) advice += (advice.empty() ? "" : ", ") + s.advice_id;
    if (!advice.empty()) r.set("advice", advice);
    if (!row.has_expected_provision || row.outcomes.empty()) r.set("gap", true);
    rows << r;
  }
  root.set("thread", rows);
  data orphans = List();
  for (const auto& p : table.orphan_provision) {
    data pd;
    pd.set("id", p.item->id);
    pd.set("section", p.section);
    pd.set("text", Excerpt(p.item->description.value, 120));
    orphans << pd;
  }
  if (!table.orphan_provision.empty()) root.set("orphans", orphans);
  data unserved = List();
  for (const Outcome* o : table.outcomes_without_provision) {
    data od;
    od.set("id", o->id);
    od.set("text", Excerpt(o->text.value));
    unserved << od;
  }
  if (!table.outcomes_without_provision.empty()) root.set("unserved", unserved);

  // Findings grouped by section, in plan order.
  std::map<std::string, data> groups;
  std::vector<std::string> order;
  data accepted = List();
  bool any_accepted = false;
  for (const auto& d : result.findings) {
    if (d.accepted_reason) {
      accepted << FindingData(d, rules);
      any_accepted = true;
      continue;
    }
    auto [it, added] = groups.try_emplace(d.section, List());
    if (added) order.push_back(d.section);
    it->second << FindingData(d, rules);
  }
  data findings = List();
  for (const auto& name : ReportSections()) {
    auto it = groups.find(name);
    if (it == groups.end()) continue;
    data g;
    g.set("title", SectionTitle(name));
    g.set("findings", it->second);
    findings << g;
  }
  root.set("findingGroups", findings);
  if (order.empty()) root.set("noFindings", true);
  if (any_accepted) root.set("accepted", accepted);
  return templates_->plan->render(root);
}

std::string HtmlReporter::RenderCaseload(const CaseloadSummary& summary,
                                         const RuleSet& rules) const {
  data root;
  root.set("plans", std::to_string(summary.Plans()));
  root.set("invalid", std::to_string(summary.Invalid()));
  if (!rules.ProfileName().empty()) root.set("profile", rules.ProfileName());
  data grades = List();
  int linted = summary.Plans() - summary.Invalid();
  for (Grade g :
       {Grade::kOutstanding, Grade::kGood, Grade::kRequiresImprovement, Grade::kInadequate}) {
    data row;
    row.set("grade", std::string(GradeName(g)));
    row.set("gradeToken", std::string(GradeToken(g)));
    row.set("count", std::to_string(summary.ByGrade(g)));
    row.set("share", linted > 0 ? Percent(double(summary.ByGrade(g)) / linted) : std::string("0%"));
    grades << row;
  }
  root.set("grades", grades);
  root.set("provisionItems", std::to_string(summary.ProvisionItems()));
  root.set("provisionQuantified", std::to_string(summary.ProvisionQuantified()));
  root.set("provisionShare",
           summary.ProvisionItems() > 0
               ? Percent(double(summary.ProvisionQuantified()) / summary.ProvisionItems())
               : std::string("n/a"));
  data frequent = List();
  for (const auto& r : summary.MostFrequent(15)) {
    data row;
    const RuleSpec* spec = rules.Find(r.rule);
    row.set("rule", r.rule);
    row.set("title", spec ? spec->title : r.rule);
    row.set("severity", spec ? std::string(SeverityName(spec->severity)) : std::string("error"));
    row.set("plans", std::to_string(r.plans));
    row.set("findings", std::to_string(r.findings));
    frequent << row;
  }
  root.set("frequent", frequent);
  if (summary.AsOf()) {
    root.set("asOf", true);
    root.set("asOfDate", summary.AsOf()->ToLongEnglish());
    root.set("overdueCount", std::to_string(summary.Overdue()));
    const TwentyWeekShare& t = summary.TwentyWeeks();
    root.set("twentyWeeks", std::to_string(t.weeks));
    root.set("twentyOneWeek", t.weeks == 1);  // "1 week" in the template's words
    root.set("twentyFrom", t.from.ToLongEnglish());
    root.set("twentyTo", t.to.ToLongEnglish());
    root.set("twentyWithin", std::to_string(t.within));
    root.set("twentyLate", std::to_string(t.late));
    root.set("twentyMeasured", std::to_string(t.within + t.late));
    root.set("twentyException", std::to_string(t.exception));
    root.set("twentyUnknown", std::to_string(t.unknown));
    root.set("twentyShare", SharePercent(t.within, t.within + t.late));
    data stages = List();
    for (CaseStage stage : {CaseStage::kDraft, CaseStage::kFinal, CaseStage::kProposedAmendment,
                            CaseStage::kAmended}) {
      data row;
      row.set("stage", std::string(CaseStageName(stage)));
      row.set("count", std::to_string(summary.ByStage(stage)));
      stages << row;
    }
    root.set("stages", stages);
  }
  // The anchor of each plan's findings, which its row and the overdue list link to.
  auto anchor = [](size_t index) { return "plan-" + std::to_string(index + 1); };
  auto label = [](const CaseloadRow& r) { return r.plan_id.empty() ? r.file : r.plan_id; };
  data overdue = List();
  for (size_t i = 0; i < summary.Rows().size(); ++i) {
    const CaseloadRow& r = summary.Rows()[i];
    if (!r.overdue) continue;
    data row;
    row.set("anchor", anchor(i));
    row.set("label", label(r));
    row.set("nextWhat", std::string(NextDateName(r.status->next)));
    row.set("nextDate", r.status->next_date->ToLongEnglish());
    row.set("overdueDays", std::to_string(r.overdue_days));
    row.set("overdueOneDay", r.overdue_days == 1);
    overdue << row;
  }
  root.set("overdueRows", overdue);
  data rows = List();
  for (size_t i = 0; i < summary.Rows().size(); ++i) {
    const CaseloadRow& r = summary.Rows()[i];
    data row;
    row.set("file", r.file);
    row.set("planId", r.plan_id);
    row.set("label", label(r));
    row.set("anchor", anchor(i));
    if (r.status) {
      const CaseStatus& status = *r.status;
      row.set("stage", std::string(CaseStageName(status.stage)));
      row.set("nextWhat", std::string(NextDateName(status.next)));
      row.set("nextDate",
              status.next_date ? status.next_date->ToLongEnglish() : std::string("not known"));
      row.set("nextFrom", (status.next_date ? "from " : "") + status.next_basis +
                              (status.under_five ? " (the child was under 5)" : ""));
    }
    // Set on every row, so Mustache never finds an outer value for a row that has none.
    row.set("overdue", r.overdue);
    row.set("overdueDays", std::to_string(r.overdue_days));
    row.set("overdueOneDay", r.overdue_days == 1);
    data findings = List();
    for (const auto& f : r.findings) {
      data item;
      item.set("severity", std::string(SeverityName(f.severity)));
      item.set("message", Clean(f.message));
      item.set("code", f.code);
      if (!f.where.empty()) item.set("where", Clean(f.where));
      findings << item;
    }
    row.set("findings", findings);
    if (r.loaded) {
      row.set("grade", r.grade);
      row.set("gradeToken", r.grade_token);
      row.set("errors", std::to_string(r.errors));
      row.set("warnings", std::to_string(r.warnings));
      row.set("infos", std::to_string(r.infos));
      row.set("accepted", std::to_string(r.accepted));
      row.set("quantified",
              std::to_string(r.provision_quantified) + " of " + std::to_string(r.provision_items));
    } else {
      row.set("notValid", true);
    }
    rows << row;
  }
  root.set("rows", rows);
  return templates_->caseload->render(root);
}

}  // namespace ehcp
