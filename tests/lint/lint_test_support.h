#pragma once

// Shared helpers for linter tests: the real rule set from quality/ (loaded once), and
// linting a plan given as XML text (usually the minimal plan with one change).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lint/linter.h"
#include "lint/rule_set.h"
#include "loader/document_loader.h"
#include "loader/loader_test_support.h"

namespace ehcp::testing {

inline SchemaRegistry& LintSchemas() {
  static auto registry = [] {
    auto r = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
    RegisterRuleSchemas(*r);
    return r;
  }();
  return *registry;
}

inline std::vector<std::string> DefaultRuleFiles() {
  return RuleSet::RuleFiles(std::filesystem::path(EHCP_SOURCE_DIR) / "quality");
}

// The rule set with an optional profile given as XML text.
inline std::unique_ptr<RuleSet> LoadRules(const std::string& profile_xml,
                                          DiagnosticList& diagnostics) {
  std::string profile_path;
  if (!profile_xml.empty()) {
    profile_path = (std::filesystem::temp_directory_path() /
                    ("ehcp-lint-profile-" + std::to_string(::getpid()) + ".xml"))
                       .string();
    std::ofstream(profile_path) << profile_xml;
  }
  auto rules = RuleSet::Load(DefaultRuleFiles(), profile_path, LintSchemas(), diagnostics);
  if (!profile_path.empty()) std::filesystem::remove(profile_path);
  return rules;
}

inline const RuleSet& DefaultRules() {
  static auto rules = [] {
    DiagnosticList diagnostics;
    auto r = LoadRules("", diagnostics);
    for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
    return r;
  }();
  return *rules;
}

inline std::string Profile(const std::string& body) {
  return "<profile xmlns=\"urn:ehcp:schema:1\" name=\"Test council\">" + body + "</profile>";
}

// Lints `xml` with `rules` as `ehcp lint` does: a plan that breaks the schema is still
// read, and its gaps are findings. The XML must be well formed.
inline std::vector<Diagnostic> LintXml(const std::string& xml,
                                       const RuleSet& rules = DefaultRules()) {
  LoadedDocument doc = ParseDocument(xml, "plan.xml", LintSchemas(), {}, SchemaCheck::kTolerant);
  for (const auto& d : doc.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  if (!doc.plan) return {};
  return Linter(rules).Lint(*doc.plan, doc.structure);
}

inline std::vector<Diagnostic> LintFile(const std::string& path,
                                        const RuleSet& rules = DefaultRules()) {
  LoadedDocument doc = LoadDocument(path, LintSchemas(), {}, SchemaCheck::kTolerant);
  for (const auto& d : doc.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  if (!doc.plan) return {};
  return Linter(rules).Lint(*doc.plan, doc.structure);
}

inline std::vector<Diagnostic> WithCode(const std::vector<Diagnostic>& findings,
                                        const std::string& code) {
  std::vector<Diagnostic> out;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
               [&](const Diagnostic& d) { return d.code == code; });
  return out;
}

inline std::string Describe(const std::vector<Diagnostic>& findings) {
  std::string out;
  for (const auto& d : findings)
    out += FormatDiagnostic(d) + " {" + d.section + "/" + d.item_id + "}\n";
  return out;
}

// The minimal plan with each (from, to) replacement applied in turn; each `from` must occur.
inline std::string Mutated(std::vector<std::pair<std::string, std::string>> edits) {
  std::string xml = MinimalPlan();
  for (const auto& [from, to] : edits) {
    auto at = xml.find(from);
    EXPECT_NE(at, std::string::npos) << "not in the minimal plan: " << from;
    if (at != std::string::npos) xml.replace(at, from.size(), to);
  }
  return xml;
}

inline std::vector<std::string> GoodSamplePlans() {
  std::vector<std::string> plans;
  for (const auto& entry : std::filesystem::directory_iterator(EHCP_SAMPLES)) {
    auto plan = entry.path() / "plan.xml";
    if (entry.is_directory() && entry.path().filename() != "weak-plan" &&
        std::filesystem::exists(plan))
      plans.push_back(plan.string());
  }
  std::sort(plans.begin(), plans.end());
  return plans;
}

}  // namespace ehcp::testing
