#pragma once

// The loaded quality framework: every rule in quality/rules/*.xml with its word lists,
// adapted by an optional council profile, with each rule's kind built and each word list
// compiled exactly once. Loaded once per process, then shared read-only by all threads.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "lint/rule.h"
#include "lint/rule_spec.h"
#include "lint/term_index.h"
#include "lint/term_matcher.h"
#include "loader/schema_registry.h"
#include "policy/statutory_timescales.h"

namespace ehcp {

// Section grade boundaries: the weighted share of a section's criteria met; and the caps
// (quality/rules/00-framework.xml <grading>).
struct GradingThresholds {
  double outstanding = 0.95;
  double good = 0.80;
  double requires_improvement = 0.60;
  // The best grade while an error-level criterion is unmet ("requires-improvement", or
  // another grade's token; report/grading.h reads it).
  std::string error_cap = "requires-improvement";
  // Unmet error-level criteria in this many rules make the plan Inadequate overall.
  int inadequate_error_rules = 3;
};

// Registers the <rules> and <profile> root elements (schemas/ehcp-rules-1.xsd) and the
// shared <timescales> (schemas/ehcp-timescales-1.xsd).
void RegisterRuleSchemas(SchemaRegistry& schemas);

class RuleSet {
 public:
  // Loads `rule_files` in order, then applies `profile_file` (if not empty). Problems are
  // reported as diagnostics with the file position; on any error the result is nullptr.
  static std::unique_ptr<RuleSet> Load(const std::vector<std::string>& rule_files,
                                       const std::string& profile_file,
                                       const SchemaRegistry& schemas, DiagnosticList& diagnostics);
  // quality/timescales.xml (the statutory-date rules count with it), then every
  // quality/rules/*.xml under `quality_dir`, sorted by name.
  static std::vector<std::string> RuleFiles(const std::filesystem::path& quality_dir);

  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  const std::vector<RuleSpec>& Specs() const { return specs_; }
  // The enabled rules, ready to check plans.
  const std::vector<std::unique_ptr<Rule>>& Rules() const { return rules_; }
  const RuleSpec* Find(const std::string& id) const;
  // The compiled word lists by name, as the rule files and the profile give them.
  const std::map<std::string, std::unique_ptr<TermMatcher>>& Lists() const { return compiled_; }
  // Every word list behind one prefilter, for scanning a plan's text once (term_index.h).
  const TermIndex* Index() const { return index_.get(); }
  const GradingThresholds& Grading() const { return grading_; }
  const std::string& ProfileName() const { return profile_name_; }
  // Terms that took longer than the time limit to match some plan's text in this run (and
  // were stopped), as errors at the term's place in its rule or profile file.
  DiagnosticList MatchTimeOuts() const;

 private:
  RuleSet() = default;
  friend class RuleSetLoader;
  std::vector<RuleSpec> specs_;
  std::map<std::string, WordListSpec> lists_;
  std::map<std::string, std::unique_ptr<TermMatcher>> compiled_;
  std::vector<std::unique_ptr<TermMatcher>> patterns_;  // compiled by rules for themselves
  std::unique_ptr<TermIndex> index_;                    // over compiled_ and patterns_
  std::vector<std::unique_ptr<Rule>> rules_;
  GradingThresholds grading_;
  std::string profile_name_;
  std::optional<StatutoryTimescales> timescales_;
};

}  // namespace ehcp
