#pragma once

// The interface every generic rule kind implements. A rule instance is built once from
// its RuleSpec (data), then checked against many plans, from many threads at once:
// Check is const and keeps no state between plans.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "lint/plan_text.h"
#include "lint/rule_spec.h"
#include "lint/term_index.h"
#include "lint/term_matcher.h"
#include "model/plan.h"
#include "model/structure_problem.h"
#include "policy/statutory_timescales.h"

namespace ehcp {

// One plan, prepared once for all rules.
struct LintInput {
  const Plan& plan;
  const std::vector<PlanTextField>& text;
  // National curriculum year: as stated, else derived from the date of birth on the
  // plan's latest issue date. Empty when neither is known.
  std::optional<int> year_group;
  // The plan's structural gaps as its reader found them (empty for a valid plan).
  const std::vector<StructureProblem>& structure;
  // The text fields scanned once for every word list (term_index.h); null: each list
  // scans for itself.
  const TextTerms* terms = nullptr;

  // The section ("A".."K", "H1", "H2") is missing or blank: other rules say nothing
  // about it, so one gap is one finding, not a cascade.
  bool SectionAbsent(std::string_view section) const;
  // `field`, an element of `text`, for a word list to match with the one scan.
  ScannedField Scanned(const PlanTextField& field) const {
    if (terms == nullptr || &field < text.data() || &field >= text.data() + text.size()) return {};
    return ScannedField{terms, static_cast<size_t>(&field - text.data())};
  }
};

// Collects findings as Diagnostics, filling in what comes from the rule's data.
class FindingSink {
 public:
  using Vars = std::map<std::string, std::string>;
  FindingSink() = default;
  // Findings about a section in `absent` are dropped unless they come from a structure
  // rule, which is what reports the section's absence.
  explicit FindingSink(std::set<std::string> absent) : absent_(std::move(absent)) {}
  void Report(const RuleSpec& rule, const std::string& section, const std::string& item_id,
              const SourceLocation& location, const Vars& vars = {});
  std::vector<Diagnostic>& Findings() { return findings_; }

 private:
  std::vector<Diagnostic> findings_;
  std::set<std::string> absent_;
};

// Replaces {name} in `text` with vars[name]; unknown names are left as written.
std::string ExpandMessage(const std::string& text, const FindingSink::Vars& vars);

class Rule {
 public:
  explicit Rule(const RuleSpec& spec) : spec_(spec) {}
  virtual ~Rule() = default;
  virtual void Check(const LintInput& input, FindingSink& sink) const = 0;
  const RuleSpec& Spec() const { return spec_; }

 protected:
  void Report(FindingSink& sink, const std::string& section, const std::string& item_id,
              const SourceLocation& location, const FindingSink::Vars& vars = {}) const {
    sink.Report(spec_, section, item_id, location, vars);
  }
  const RuleSpec& spec_;
};

// What a rule kind may use while it is built: the compiled word lists, the statutory
// timescales (quality/timescales.xml; null when the rule files did not include it), and
// somewhere to report configuration errors (a missing parameter, an unknown list).
class RuleBuildContext {
 public:
  RuleBuildContext(const std::map<std::string, std::unique_ptr<TermMatcher>>& lists,
                   DiagnosticList& diagnostics, const StatutoryTimescales* timescales = nullptr,
                   std::vector<std::unique_ptr<TermMatcher>>* patterns = nullptr)
      : lists_(lists), diagnostics_(diagnostics), timescales_(timescales), patterns_(patterns) {}
  // The compiled list named by parameter `param` of `spec`; reports and returns nullptr
  // when the parameter is missing (and `required`) or names no list.
  const TermMatcher* List(const RuleSpec& spec, const std::string& param,
                          bool required = true) const;
  // An integer parameter, with a fallback; a value that is not a number is reported.
  int Int(const RuleSpec& spec, const std::string& param, int fallback) const;
  double Number(const RuleSpec& spec, const std::string& param, double fallback) const;
  // A required text parameter.
  std::string Required(const RuleSpec& spec, const std::string& param) const;
  void Error(const RuleSpec& spec, const std::string& message) const;
  DiagnosticList& Diagnostics() const { return diagnostics_; }
  const StatutoryTimescales* Timescales() const { return timescales_; }
  // A pattern a rule compiled for itself (an acronym's expansion), kept by the rule set so
  // that it joins the rule set's index and a plan's fields are scanned for it in the same
  // pass as for the word lists. Without a rule set to keep it, the rule would not outlive
  // it: only the rule set builds rules.
  const TermMatcher* Keep(std::unique_ptr<TermMatcher> pattern) const;

 private:
  const std::map<std::string, std::unique_ptr<TermMatcher>>& lists_;
  DiagnosticList& diagnostics_;
  const StatutoryTimescales* timescales_;
  std::vector<std::unique_ptr<TermMatcher>>* patterns_;
};

// Builds the rule kind named by spec.kind; reports an unknown kind and returns nullptr.
std::unique_ptr<Rule> CreateRule(const RuleSpec& spec, const RuleBuildContext& context);

// The kinds CreateRule knows, for documentation and error messages.
std::vector<std::string> RuleKindNames();

}  // namespace ehcp
