#pragma once

// Builders for assembly tests: a small case file and contributions written inline, so
// each test shows exactly the advice it assembles.

#include <gtest/gtest.h>

#include <string>

#include "assemble/assembler.h"
#include "assemble/case_file.h"
#include "loader/document_loader.h"
#include "loader/xml_tree.h"

namespace ehcp::testing {

inline const SchemaRegistry& AssemblySchemaSet() {
  static auto registry = AssemblySchemas(EHCP_SOURCE_DIR "/schemas");
  return *registry;
}

// The shipped assembly policy (quality/assembly.xml and timescales.xml), read once.
inline const AssemblyPolicy& ShippedPolicy() {
  static const AssemblyPolicy policy = [] {
    DiagnosticList diagnostics;
    auto loaded = LoadAssemblyPolicy(EHCP_SOURCE_DIR "/quality", AssemblySchemaSet(), diagnostics);
    for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
    return loaded.value_or(AssemblyPolicy{});
  }();
  return policy;
}

struct CaseOptions {
  std::string date_of_birth = "2015-03-02";  // Year 6 in 2025-26
  std::string request = "2026-03-02";
  std::string draft = "2026-06-15";
  std::string extra_dates;  // e.g. adviceMaxAgeMonths="6"
};

inline std::string CaseXml(const CaseOptions& o = {}) {
  return R"(<case xmlns="urn:ehcp:schema:1" id="TS999-2026-0001" xml:lang="en-GB">
  <localAuthority name="Testshire Council" code="999"/>
  <officer name="Alex Rowe" role="EHC Plan Coordinator"/>
  <dates requestReceived=")" +
         o.request + R"(" adviceRequested=")" + o.request + R"(" draftIssue=")" + o.draft + "\" " +
         o.extra_dates + R"(/>
  <child>
    <legalName><given>Sam</given><family>Taylor</family></legalName>
    <dateOfBirth>)" +
         o.date_of_birth + R"(</dateOfBirth>
    <yearGroup/>
    <homeLanguage code="en">English</homeLanguage>
    <communication><p>Sam talks in short sentences and likes pictures.</p></communication>
  </child>
  <family><parentCarer><name>Jo Taylor</name><relationship>Mother</relationship></parentCarer></family>
  <viewsGathered>Sam's views were gathered by his teacher using a talking mat.</viewsGathered>
</case>)";
}

inline CaseFile ParseCase(const std::string& xml) {
  ParsedXml parsed = ParseXmlMemory(xml, "case.xml", AssemblySchemaSet());
  for (const auto& d : parsed.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  if (!parsed.root) return {};
  DiagnosticList diagnostics;
  return ReadCaseFile(*parsed.root, diagnostics);
}

struct ContributionOptions {
  std::string id;
  std::string category = "educational";
  std::string contributor_kind = "school-senco";
  std::string agency = "education";  // empty: no agency attribute
  std::string written = "2026-04-20";
  std::string about = "Sam Taylor";
  std::string date_of_birth = "2015-03-02";
  std::string body;  // <views>, <needs>, <outcomes>, <provisions>
};

inline std::string ContributionXml(const ContributionOptions& o) {
  std::string agency = o.agency.empty() ? "" : " agency=\"" + o.agency + "\"";
  return R"(<contribution xmlns="urn:ehcp:schema:1" id=")" + o.id + R"(" category=")" + o.category +
         R"(" written=")" + o.written + R"(">
  <contributor kind=")" +
         o.contributor_kind + "\"" + agency + R"(><name>Adviser )" + o.id +
         R"(</name><role>Adviser</role></contributor>
  <about name=")" +
         o.about + R"(" dateOfBirth=")" + o.date_of_birth + R"("/>
  <title>Advice )" +
         o.id + R"(</title>
)" + o.body +
         "\n</contribution>";
}

inline ContributionInput ParseContribution(const ContributionOptions& o) {
  LoadedDocument doc = ParseDocument(ContributionXml(o), o.id + ".xml", AssemblySchemaSet());
  for (const auto& d : doc.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  ContributionInput input;
  if (doc.contribution) input.contribution = *doc.contribution;
  input.file = o.id + ".xml";
  input.relative = "contributions/" + o.id + ".xml";
  return input;
}

// Options for one contribution (no designated initialisers: -Wextra would flag every
// field left out).
inline ContributionOptions Advice(std::string id, std::string category,
                                  std::string contributor_kind, std::string agency,
                                  std::string body) {
  ContributionOptions o;
  o.id = std::move(id);
  o.category = std::move(category);
  o.contributor_kind = std::move(contributor_kind);
  o.agency = std::move(agency);
  o.body = std::move(body);
  return o;
}

inline CaseOptions BornOn(const std::string& date_of_birth) {
  CaseOptions o;
  o.date_of_birth = date_of_birth;
  return o;
}

// Views from the child, so Section A is never empty.
inline ContributionOptions ChildViews() {
  return Advice("C-CHILD", "child-views", "child-young-person", "",
                R"(<views><entry id="V1" kind="views" attribution="child-own-words" speaker="Sam">
  <text><p>"I like maths and Lego."</p></text></entry></views>)");
}

// A teacher's advice with one need, one outcome and one provision.
inline ContributionOptions TeacherAdvice() {
  return Advice(
      "C-SENCO", "educational", "school-senco", "education",
      R"(<needs><need id="N1" area="communication-interaction" title="Understanding instructions">
  <description><p>Sam follows one-step instructions but loses track of longer ones in class.</p></description></need></needs>
<outcomes><outcome id="O1"><text>By July 2027 Sam will follow 3-step instructions in class on 4 out of 5 occasions.</text>
  <meets ref="N1"/><timeframe by="2027-07-20"/></outcome></outcomes>
<provisions><provision id="P1" kind="teaching">
  <description>Visual timetable and instructions broken into steps with picture cues in every lesson.</description>
  <meets ref="N1"/><towards ref="O1"/><frequency count="5" per="day"/><duration minutes="5"/></provision></provisions>)");
}

inline std::string ProvisionXml(const std::string& id, const std::string& kind,
                                const std::string& description, const std::string& quantity,
                                const std::string& extra = "") {
  return "<provision id=\"" + id + "\" kind=\"" + kind + "\"><description>" + description +
         "</description><meets ref=\"N1\"/>" + extra + quantity + "</provision>";
}

inline std::string NeedXml(const std::string& id, const std::string& area,
                           const std::string& text) {
  return "<need id=\"" + id + "\" area=\"" + area + "\" title=\"" + id + "\"><description><p>" +
         text + "</p></description></need>";
}

inline AssemblyResult Assemble(const std::vector<ContributionOptions>& contributions,
                               const CaseOptions& c = {}) {
  std::vector<ContributionInput> inputs;
  for (const auto& o : contributions) inputs.push_back(ParseContribution(o));
  return AssemblePlan(ParseCase(CaseXml(c)), std::move(inputs), ShippedPolicy());
}

inline bool HasDiagnostic(const AssemblyReport& report, const std::string& code,
                          const std::string& snippet) {
  for (const auto& d : report.diagnostics)
    if (d.code == code && d.message.find(snippet) != std::string::npos) return true;
  return false;
}

inline std::string DiagnosticsText(const AssemblyReport& report) {
  std::string out;
  for (const auto& d : report.diagnostics) out += FormatDiagnostic(d) + "\n";
  return out;
}

}  // namespace ehcp::testing
