#include "lint/rule_set.h"

#include <algorithm>
#include <cstdio>

#include "lint/rule_kinds.h"
#include "loader/xml_tree.h"
#include "policy/wording.h"

namespace ehcp {

void RegisterRuleSchemas(SchemaRegistry& schemas) {
  schemas.Register("rules", "ehcp-rules-1.xsd");
  schemas.Register("profile", "ehcp-rules-1.xsd");
  RegisterTimescalesSchema(schemas);
}

std::vector<std::string> RuleSet::RuleFiles(const std::filesystem::path& quality_dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(quality_dir / "rules", ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".xml")
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  // The shared timescales first: the statutory-date rules count with them.
  const std::filesystem::path timescales = StatutoryTimescalesFile(quality_dir);
  if (std::filesystem::exists(timescales, ec)) files.insert(files.begin(), timescales.string());
  return files;
}

const RuleSpec* RuleSet::Find(const std::string& id) const {
  for (const auto& spec : specs_)
    if (spec.id == id) return &spec;
  return nullptr;
}

// The MM-DD a parameter is written in.
std::string MonthDayText(const MonthDay& d) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d-%02d", d.month, d.day);
  return text;
}

// "02-15" -> "15 February"; anything else as it is.
std::string MonthDayWords(const std::string& value) {
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  int month = 0, day = 0;
  if (value.size() != 5 || std::sscanf(value.c_str(), "%2d-%2d", &month, &day) != 2 || month < 1 ||
      month > 12)
    return value;
  return std::to_string(day) + " " + kMonths[month - 1];
}

// `text` with each {name} of a parameter replaced by its value (MM-DD as "15 February");
// other {names} are left for the finding's own variables.
std::string WithParams(const std::string& text, const std::map<std::string, std::string>& params) {
  std::map<std::string, std::string> words;
  for (const auto& [name, value] : params) words.emplace(name, MonthDayWords(value));
  return FillWording(text, words);
}

class RuleSetLoader {
 public:
  RuleSetLoader(RuleSet& set, DiagnosticList& diagnostics) : set_(set), diagnostics_(diagnostics) {}

  void Error(const std::string& message, const SourceLocation& where) {
    diagnostics_.Error("rules.invalid", message, where);
  }

  static std::vector<std::string> Words(const XmlElement& e, std::string_view attribute) {
    const std::string* value = e.Attribute(attribute);
    return value ? SplitWords(*value) : std::vector<std::string>{};
  }

  WordListTerm ReadTerm(const XmlElement& t) {
    if (t.Attribute("text") == nullptr && t.Attribute("regex") == nullptr)
      Error("a term needs either text=\"...\" or regex=\"...\"", t.location);
    if (t.Attribute("text") != nullptr && t.Attribute("regex") != nullptr)
      Error("a term has either text=\"...\" or regex=\"...\", not both", t.location);
    return WordListTerm{t.AttributeOr("text"), t.AttributeOr("regex"), t.AttributeOr("suggest"),
                        t.AttributeOr("expansion"), t.location};
  }

  void ReadWordList(const XmlElement& e) {
    WordListSpec list;
    list.name = e.AttributeOr("name");
    list.case_sensitive = e.AttributeOr("caseSensitive") == "true";
    list.location = e.location;
    for (const XmlElement* t : e.Children("term")) list.terms.push_back(ReadTerm(*t));
    if (set_.lists_.count(list.name)) {
      Error("word list \"" + list.name + "\" is defined twice", e.location);
      return;
    }
    set_.lists_.emplace(list.name, std::move(list));
  }

  void ReadRule(const XmlElement& e) {
    RuleSpec spec;
    spec.id = e.AttributeOr("id");
    spec.kind = e.AttributeOr("kind");
    spec.location = e.location;
    spec.severity =
        ParseSeverity(e.AttributeOr("severity", "warning")).value_or(Severity::kWarning);
    spec.enabled = e.AttributeOr("enabled", "true") == "true";
    if (const std::string* w = e.Attribute("weight")) spec.weight = std::atof(w->c_str());
    if (e.Attribute("appliesTo")) {
      spec.applies_to.clear();
      for (const auto& token : Words(e, "appliesTo"))
        if (auto status = ParseToken<PlanStatus>(token)) spec.applies_to.push_back(*status);
    }
    spec.title = e.ChildText("title");
    spec.message = e.ChildText("message");
    spec.hint = e.ChildText("hint");
    spec.source = e.ChildText("source");
    if (const XmlElement* scope = e.Child("scope")) {
      spec.scope.sections = Words(*scope, "sections");
      spec.scope.fields = Words(*scope, "fields");
      spec.scope.exclude = Words(*scope, "exclude");
      spec.scope.entry_kinds = Words(*scope, "entryKinds");
      spec.scope.exclude_attributions = Words(*scope, "excludeAttributions");
    }
    for (const XmlElement* s : e.Children("severityIn")) {
      auto severity = ParseSeverity(s->AttributeOr("severity")).value_or(spec.severity);
      for (const auto& section : Words(*s, "sections")) spec.section_severity[section] = severity;
    }
    for (const XmlElement* p : e.Children("param"))
      spec.params[p->AttributeOr("name")] = p->AttributeOr("value");
    if (set_.Find(spec.id)) {
      Error("rule \"" + spec.id + "\" is defined twice", e.location);
      return;
    }
    set_.specs_.push_back(std::move(spec));
  }

  void ReadRules(const XmlElement& root) {
    for (const auto& child : root.children) {
      if (child.name == "wordList")
        ReadWordList(child);
      else if (child.name == "rule")
        ReadRule(child);
      else if (child.name == "grading") {
        set_.grading_.outstanding = std::atof(child.AttributeOr("outstanding", "0.95").c_str());
        set_.grading_.good = std::atof(child.AttributeOr("good", "0.8").c_str());
        set_.grading_.requires_improvement =
            std::atof(child.AttributeOr("requiresImprovement", "0.6").c_str());
        set_.grading_.error_cap = child.AttributeOr("errorCap", "requires-improvement");
        set_.grading_.inadequate_error_rules =
            std::atoi(child.AttributeOr("inadequateErrorRules", "3").c_str());
        CheckGradingOrder(child);
      }
    }
  }

  // Each grade's boundary is a share of the checks passed, so the boundaries must fall
  // strictly: out of order, a grade could never be given, and nothing would say so.
  void CheckGradingOrder(const XmlElement& grading) {
    const GradingThresholds& g = set_.grading_;
    auto refuse = [&](const char* higher, const char* lower) {
      Error("<grading> " + std::string(lower) + "=\"" + grading.AttributeOr(lower) +
                "\" is not below " + higher + "=\"" + grading.AttributeOr(higher) +
                "\": the boundaries must fall in order, outstanding > good > "
                "requiresImprovement",
            grading.location);
    };
    if (!(g.good < g.outstanding)) refuse("outstanding", "good");
    if (!(g.requires_improvement < g.good)) refuse("good", "requiresImprovement");
  }

  RuleSpec* FindSpec(const XmlElement& e) {
    std::string id = e.AttributeOr("rule");
    for (auto& spec : set_.specs_)
      if (spec.id == id) return &spec;
    Error("profile names an unknown rule \"" + id + "\"", e.location);
    return nullptr;
  }

  void ApplyProfile(const XmlElement& root) {
    set_.profile_name_ = root.AttributeOr("name");
    for (const auto& child : root.children) {
      if (child.name == "wordList") {
        ReadWordList(child);
      } else if (child.name == "terms") {
        std::string name = child.AttributeOr("list");
        auto it = set_.lists_.find(name);
        if (it == set_.lists_.end()) {
          Error("profile adds terms to an unknown word list \"" + name + "\"", child.location);
          continue;
        }
        for (const XmlElement* t : child.Children("term")) it->second.terms.push_back(ReadTerm(*t));
      } else if (RuleSpec* spec = FindSpec(child)) {
        if (child.name == "disable")
          spec->enabled = false;
        else if (child.name == "enable")
          spec->enabled = true;
        else if (child.name == "severity") {
          // A council's severity applies in every section the rule covers.
          spec->severity = ParseSeverity(child.AttributeOr("level")).value_or(spec->severity);
          spec->section_severity.clear();
        } else if (child.name == "param") {
          spec->params[child.AttributeOr("name")] = child.AttributeOr("value");
        }
      }
    }
  }

  void ReadTimescales(const XmlElement& root) {
    if (auto t = ReadStatutoryTimescales(root, diagnostics_)) set_.timescales_ = *t;
  }

  // A statutory-date rule (and the advice rule's timely check) counts with the shared
  // timescales unless its file or the council's profile gives the parameter itself, and
  // its title, message and hint say the numbers it counts with ({weeks}, {days}, {months},
  // {underFiveMonths}, and {school}, {post16} as "15 February"), so the wording cannot
  // disagree with the check.
  void ApplyTimescales() {
    const std::optional<StatutoryTimescales>& t = set_.timescales_;
    for (RuleSpec& spec : set_.specs_) {
      const std::string check = spec.Param("check");
      const bool advice_due = spec.kind == "advice" && check == "timely";
      if (spec.kind != "statutory-date" && !advice_due) continue;
      auto fill = [&](const std::string& name, const std::string& value) {
        spec.params.emplace(name, value);
      };
      if (t) {
        if (advice_due)
          fill("weeks", std::to_string(t->advice_weeks));
        else if (check == "final-within")
          fill("weeks", std::to_string(t->final_plan_weeks));
        else if (check == "decision-within")
          fill("weeks", std::to_string(t->decision_to_assess_weeks));
        else if (check == "after-draft")
          fill("days", std::to_string(t->family_comment_days));
        else if (check == "amended-within")
          fill("weeks", std::to_string(t->amended_plan_weeks));
        else if (check == "review-decision-within")
          fill("weeks", std::to_string(t->review_decision_weeks));
        else if (check == "review-within") {
          fill("months", std::to_string(t->review_months));
          fill("underFiveMonths", std::to_string(t->under_five_review_months));
        } else if (check == "phase-transfer") {
          fill("school", MonthDayText(t->phase_transfer_school));
          fill("post16", MonthDayText(t->phase_transfer_post16));
        }
      }
      for (std::string* text : {&spec.title, &spec.message, &spec.hint})
        *text = WithParams(*text, spec.params);
    }
  }

  void Build() {
    for (const auto& [name, list] : set_.lists_)
      set_.compiled_[name] = TermMatcher::Compile(list, diagnostics_);
    RuleBuildContext context(set_.compiled_, diagnostics_,
                             set_.timescales_ ? &*set_.timescales_ : nullptr, &set_.patterns_);
    for (auto& spec : set_.specs_) {
      spec.scope.Compile();  // after the profile: the scopes are final here
      if (!spec.enabled) continue;
      if (spec.message.empty()) Error("rule \"" + spec.id + "\" has no message", spec.location);
      if (auto rule = CreateRule(spec, context)) set_.rules_.push_back(std::move(rule));
    }
    // Every list and pattern behind one prefilter, built from what the files say.
    std::vector<TermMatcher*> lists;
    for (const auto& [name, matcher] : set_.compiled_) lists.push_back(matcher.get());
    for (const auto& pattern : set_.patterns_) lists.push_back(pattern.get());
    set_.index_ = std::make_unique<TermIndex>(lists);
  }

 private:
  RuleSet& set_;
  DiagnosticList& diagnostics_;
};

std::unique_ptr<RuleSet> RuleSet::Load(const std::vector<std::string>& rule_files,
                                       const std::string& profile_file,
                                       const SchemaRegistry& schemas, DiagnosticList& diagnostics) {
  std::unique_ptr<RuleSet> set(new RuleSet());
  RuleSetLoader loader(*set, diagnostics);
  size_t errors_before = static_cast<size_t>(diagnostics.Count(Severity::kError));
  if (rule_files.empty())
    diagnostics.Error("rules.missing", "no rule files found (quality/rules/*.xml)", {});
  auto parse = [&](const std::string& file, const char* root_name) -> std::optional<XmlElement> {
    ParsedXml parsed = ReadXmlFile(file, schemas);
    diagnostics.Append(parsed.diagnostics);
    if (parsed.root && parsed.root->name != root_name) {
      diagnostics.Error("rules.invalid", std::string("expected a <") + root_name + "> file",
                        parsed.root->location);
      return std::nullopt;
    }
    return std::move(parsed.root);
  };
  for (const auto& file : rule_files) {
    // The shared timescales come with the rule files (RuleFiles lists them first).
    ParsedXml parsed = ReadXmlFile(file, schemas);
    diagnostics.Append(parsed.diagnostics);
    if (!parsed.root) continue;
    if (parsed.root->name == "timescales")
      loader.ReadTimescales(*parsed.root);
    else if (parsed.root->name == "rules")
      loader.ReadRules(*parsed.root);
    else
      diagnostics.Error("rules.invalid", "expected a <rules> file", parsed.root->location);
  }
  if (!profile_file.empty()) {
    if (auto root = parse(profile_file, "profile")) loader.ApplyProfile(*root);
  }
  if (static_cast<size_t>(diagnostics.Count(Severity::kError)) == errors_before) {
    loader.ApplyTimescales();
    loader.Build();
  }
  if (static_cast<size_t>(diagnostics.Count(Severity::kError)) != errors_before) return nullptr;
  return set;
}

DiagnosticList RuleSet::MatchTimeOuts() const {
  DiagnosticList out;
  for (const auto& [name, matcher] : compiled_) {
    if (!matcher) continue;
    if (const WordListTerm* term = matcher->TimedOutTerm())
      out.Error("lint.regex-timeout",
                "the term \"" + term->Display() + "\" in word list \"" + name +
                    "\" took longer than the time limit to match a plan's text and was stopped, so "
                    "findings "
                    "from this list may be missing; simplify it (nested repetition such as (a|aa)+ "
                    "backtracks "
                    "without end)",
                term->location);
  }
  return out;
}

}  // namespace ehcp
