#include "assemble/plan_xml_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "assemble_test_support.h"
#include "loader/document_loader.h"

namespace ehcp {
namespace {

using namespace ehcp::testing;

std::vector<std::string> SamplePlans() {
  std::vector<std::string> plans;
  for (const auto& entry : std::filesystem::directory_iterator(EHCP_SAMPLES)) {
    auto plan = entry.path() / "plan.xml";
    if (std::filesystem::exists(plan)) plans.push_back(plan.string());
  }
  std::sort(plans.begin(), plans.end());
  return plans;
}

Plan Reload(const std::string& xml, const std::string& name) {
  LoadedDocument doc = ParseDocument(xml, name, AssemblySchemaSet());
  for (const auto& d : doc.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  EXPECT_TRUE(doc.plan);
  return doc.plan ? *doc.plan : Plan{};
}

void ExpectSameProvision(const ProvisionSection& a, const ProvisionSection& b) {
  ASSERT_EQ(a.items.size(), b.items.size());
  EXPECT_EQ(a.none.has_value(), b.none.has_value());
  if (a.none && b.none) {
    EXPECT_EQ(a.none->text.value, b.none->text.value);
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    const ProvisionItem& x = a.items[i];
    const ProvisionItem& y = b.items[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.description.value, y.description.value);
    EXPECT_EQ(x.deliverer_role, y.deliverer_role);
    EXPECT_EQ(x.deliverer_qualification, y.deliverer_qualification);
    EXPECT_EQ(x.frequency.has_value(), y.frequency.has_value());
    if (x.frequency && y.frequency) {
      EXPECT_EQ(x.frequency->count, y.frequency->count);
      EXPECT_EQ(x.frequency->per, y.frequency->per);
    }
    EXPECT_EQ(x.duration_minutes, y.duration_minutes);
    EXPECT_EQ(x.staffing.ratio, y.staffing.ratio);
    EXPECT_EQ(x.staffing.group_size, y.staffing.group_size);
    EXPECT_EQ(x.start, y.start);
    EXPECT_EQ(x.end, y.end);
    EXPECT_EQ(x.agency, y.agency);
    EXPECT_EQ(x.commissioner, y.commissioner);
    ASSERT_EQ(x.needs.size(), y.needs.size());
    for (size_t n = 0; n < x.needs.size(); ++n) EXPECT_EQ(x.needs[n].id, y.needs[n].id);
    ASSERT_EQ(x.sources.size(), y.sources.size());
    for (size_t s = 0; s < x.sources.size(); ++s) {
      EXPECT_EQ(x.sources[s].advice_id, y.sources[s].advice_id);
      EXPECT_EQ(x.sources[s].locator, y.sources[s].locator);
    }
  }
}

// Load each sample plan, write it, load the result: the same plan, field by field, and
// writing it again gives the same bytes.
TEST(PlanXmlWriter, SamplePlansRoundTrip) {
  auto plans = SamplePlans();
  ASSERT_GE(plans.size(), 3u);
  for (const auto& path : plans) {
    SCOPED_TRACE(path);
    LoadedDocument original = LoadDocument(path, AssemblySchemaSet());
    ASSERT_TRUE(original.Ok());
    const Plan& a = *original.plan;
    std::string xml = RenderPlanXml(a);
    Plan b = Reload(xml, path + " (written)");

    EXPECT_EQ(a.meta.plan_id, b.meta.plan_id);
    EXPECT_EQ(a.meta.version, b.meta.version);
    EXPECT_EQ(a.meta.status, b.meta.status);
    EXPECT_EQ(a.meta.local_authority.code, b.meta.local_authority.code);
    EXPECT_EQ(a.meta.officer.email, b.meta.officer.email);
    EXPECT_EQ(a.meta.dates.request_received, b.meta.dates.request_received);
    EXPECT_EQ(a.meta.dates.final_issued, b.meta.dates.final_issued);
    EXPECT_EQ(a.meta.dates.next_review, b.meta.dates.next_review);
    EXPECT_EQ(a.meta.sign_off.has_value(), b.meta.sign_off.has_value());
    EXPECT_EQ(a.child.legal_name.Full(), b.child.legal_name.Full());
    EXPECT_EQ(a.child.date_of_birth, b.child.date_of_birth);
    EXPECT_EQ(a.child.ncy, b.child.ncy);
    EXPECT_EQ(a.child.nhs_number, b.child.nhs_number);
    EXPECT_EQ(a.child.home_languages.size(), b.child.home_languages.size());
    ASSERT_EQ(a.family.size(), b.family.size());
    for (size_t i = 0; i < a.family.size(); ++i) {
      EXPECT_EQ(a.family[i].name, b.family[i].name);
      EXPECT_EQ(a.family[i].interpreter, b.family[i].interpreter);
    }
    EXPECT_EQ(a.a.gathered.value, b.a.gathered.value);
    ASSERT_EQ(a.a.entries.size(), b.a.entries.size());
    for (size_t i = 0; i < a.a.entries.size(); ++i) {
      EXPECT_EQ(a.a.entries[i].attribution, b.a.entries[i].attribution);
      EXPECT_EQ(a.a.entries[i].lang, b.a.entries[i].lang);
      ASSERT_EQ(a.a.entries[i].text.size(), b.a.entries[i].text.size());
      EXPECT_EQ(a.a.entries[i].text[0].value, b.a.entries[i].text[0].value);
    }
    for (SectionId s : {SectionId::kB, SectionId::kC, SectionId::kD}) {
      ASSERT_EQ(a.Needs(s).needs.size(), b.Needs(s).needs.size());
      for (size_t i = 0; i < a.Needs(s).needs.size(); ++i) {
        EXPECT_EQ(a.Needs(s).needs[i].id, b.Needs(s).needs[i].id);
        EXPECT_EQ(a.Needs(s).needs[i].area, b.Needs(s).needs[i].area);
        EXPECT_EQ(a.Needs(s).needs[i].title, b.Needs(s).needs[i].title);
      }
    }
    ASSERT_EQ(a.e.outcomes.size(), b.e.outcomes.size());
    for (size_t i = 0; i < a.e.outcomes.size(); ++i) {
      EXPECT_EQ(a.e.outcomes[i].text.value, b.e.outcomes[i].text.value);
      EXPECT_EQ(a.e.outcomes[i].timeframe.by, b.e.outcomes[i].timeframe.by);
      EXPECT_EQ(a.e.outcomes[i].pfa, b.e.outcomes[i].pfa);
      EXPECT_EQ(a.e.outcomes[i].steps.size(), b.e.outcomes[i].steps.size());
    }
    for (SectionId s : {SectionId::kF, SectionId::kG, SectionId::kH1, SectionId::kH2})
      ExpectSameProvision(a.Provision(s), b.Provision(s));
    EXPECT_EQ(a.i.placements.size(), b.i.placements.size());
    EXPECT_EQ(a.j.budget.has_value(), b.j.budget.has_value());
    if (a.j.budget && b.j.budget) {
      EXPECT_EQ(a.j.budget->annual_amount_pence, b.j.budget->annual_amount_pence);
    }
    ASSERT_EQ(a.k.advice.size(), b.k.advice.size());
    for (size_t i = 0; i < a.k.advice.size(); ++i) {
      EXPECT_EQ(a.k.advice[i].id, b.k.advice[i].id);
      EXPECT_EQ(a.k.advice[i].received, b.k.advice[i].received);
      EXPECT_EQ(a.k.advice[i].file, b.k.advice[i].file);
    }
    EXPECT_EQ(a.accepted.size(), b.accepted.size());
    EXPECT_EQ(RenderPlanXml(b), xml);
  }
}

TEST(PlanXmlWriter, EscapesMarkupCharacters) {
  LoadedDocument doc = LoadDocument(SamplePlans().front(), AssemblySchemaSet());
  ASSERT_TRUE(doc.plan);
  Plan plan = *doc.plan;
  const std::string tricky = "Speech & language <therapy> \"weekly\" isn't optional";
  plan.f.items[0].description.value = tricky;
  plan.meta.officer.name = "O'Brien & \"Sons\" <team>";
  std::string xml = RenderPlanXml(plan);
  EXPECT_NE(xml.find("Speech &amp; language &lt;therapy&gt;"), std::string::npos);
  Plan back = Reload(xml, "escaped.xml");
  EXPECT_EQ(back.f.items[0].description.value, tricky);
  EXPECT_EQ(back.meta.officer.name, plan.meta.officer.name);
}

// The writer does not invent content: a plan with empty required sections serialises,
// and the schema check that every caller runs before writing a file rejects it.
TEST(PlanXmlWriter, EmptyRequiredSectionsFailTheSchemaCheck) {
  Plan empty;
  empty.meta.plan_id = "X1";
  std::string xml = RenderPlanXml(empty);
  ParsedXml check = ParseXmlMemory(xml, "empty.xml", AssemblySchemaSet());
  EXPECT_FALSE(check.root);
  EXPECT_TRUE(check.diagnostics.HasErrors());
}

TEST(PlanXmlWriter, IsPrettyPrintedAndDeterministic) {
  LoadedDocument doc = LoadDocument(SamplePlans().front(), AssemblySchemaSet());
  ASSERT_TRUE(doc.plan);
  std::string xml = RenderPlanXml(*doc.plan);
  EXPECT_EQ(
      xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plan xmlns=\"urn:ehcp:schema:1\"", 0),
      0u);
  EXPECT_NE(xml.find("\n  <meta>\n    <localAuthority"), std::string::npos);
  EXPECT_EQ(RenderPlanXml(*doc.plan), xml);
}

}  // namespace
}  // namespace ehcp
