// Renumbering before issue: gaps left by deleted items closed in number order, every
// reference following, ids of another form and clashing series left alone.

#include "lifecycle/renumber.h"

#include <gtest/gtest.h>

namespace ehcp {
namespace {

Need MakeNeed(const std::string& id, const std::string& source = "") {
  Need n;
  n.id = id;
  if (!source.empty()) n.sources.push_back({source, "", {}});
  return n;
}

ProvisionItem MakeProvision(const std::string& id, std::vector<std::string> needs,
                            std::vector<std::string> outcomes) {
  ProvisionItem p;
  p.id = id;
  for (auto& n : needs) p.needs.push_back({n, {}});
  for (auto& o : outcomes) p.outcomes.push_back({o, {}});
  return p;
}

AdviceItem MakeAdvice(const std::string& id) {
  AdviceItem a;
  a.id = id;
  return a;
}

// B1, B3; E2 meets B3; F1 meets B1, F3 meets B3 towards E2; J funds F3; K1, K4 with B3
// citing K4; a finding accepted on F3.
Plan PlanWithGaps() {
  Plan plan;
  plan.b.needs = {MakeNeed("B1", "K1"), MakeNeed("B3", "K4")};
  Outcome e2;
  e2.id = "E2";
  e2.needs.push_back({"B3", {}});
  e2.sources.push_back({"K4", "", {}});
  plan.e.outcomes = {e2};
  plan.f.items = {MakeProvision("F1", {"B1"}, {}), MakeProvision("F3", {"B3"}, {"E2"})};
  PersonalBudget budget;
  budget.provision.push_back({"F3", {}});
  budget.needs.push_back({"B3", {}});
  budget.outcomes.push_back({"E2", {}});
  plan.j.budget = budget;
  plan.k.advice = {MakeAdvice("K1"), MakeAdvice("K4")};
  AcceptedFinding accepted;
  accepted.rule_id = "provision-vague-wording";
  accepted.item_id = "F3";
  plan.accepted.push_back(accepted);
  return plan;
}

TEST(Renumber, ClosesGapsAndFollowsEveryReference) {
  Plan plan = PlanWithGaps();
  std::vector<IdChange> changes = RenumberItems(plan);
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].from, "B3");
  EXPECT_EQ(changes[0].to, "B2");
  EXPECT_EQ(changes[1].from, "E2");
  EXPECT_EQ(changes[1].to, "E1");
  EXPECT_EQ(changes[2].from, "F3");
  EXPECT_EQ(changes[2].to, "F2");
  EXPECT_EQ(changes[3].from, "K4");
  EXPECT_EQ(changes[3].to, "K2");

  EXPECT_EQ(plan.b.needs[1].id, "B2");
  EXPECT_EQ(plan.b.needs[1].sources[0].advice_id, "K2");
  EXPECT_EQ(plan.b.needs[0].sources[0].advice_id, "K1");
  EXPECT_EQ(plan.e.outcomes[0].id, "E1");
  EXPECT_EQ(plan.e.outcomes[0].needs[0].id, "B2");
  EXPECT_EQ(plan.e.outcomes[0].sources[0].advice_id, "K2");
  EXPECT_EQ(plan.f.items[0].id, "F1");
  EXPECT_EQ(plan.f.items[0].needs[0].id, "B1");
  EXPECT_EQ(plan.f.items[1].id, "F2");
  EXPECT_EQ(plan.f.items[1].needs[0].id, "B2");
  EXPECT_EQ(plan.f.items[1].outcomes[0].id, "E1");
  EXPECT_EQ(plan.j.budget->provision[0].id, "F2");
  EXPECT_EQ(plan.j.budget->needs[0].id, "B2");
  EXPECT_EQ(plan.j.budget->outcomes[0].id, "E1");
  EXPECT_EQ(plan.k.advice[1].id, "K2");
  EXPECT_EQ(plan.accepted[0].item_id, "F2");
}

TEST(Renumber, PlanWithoutGapsIsUnchanged) {
  Plan plan;
  plan.b.needs = {MakeNeed("B1"), MakeNeed("B2")};
  plan.f.items = {MakeProvision("F1", {"B1"}, {}), MakeProvision("F2", {"B2"}, {})};
  EXPECT_TRUE(RenumberItems(plan).empty());
  EXPECT_EQ(plan.f.items[1].id, "F2");
}

TEST(Renumber, FollowsNumberOrderNotPlaceInTheSection) {
  Plan plan;
  plan.b.needs = {MakeNeed("B1")};
  plan.f.items = {MakeProvision("F3", {"B1"}, {}), MakeProvision("F1", {"B1"}, {})};
  std::vector<IdChange> changes = RenumberItems(plan);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].from, "F3");
  EXPECT_EQ(changes[0].to, "F2");
  EXPECT_EQ(plan.f.items[0].id, "F2");
  EXPECT_EQ(plan.f.items[1].id, "F1");
}

TEST(Renumber, SocialCareSeriesKeepTheirDot) {
  Plan plan;
  plan.d.needs = {MakeNeed("D1")};
  plan.h1.items = {MakeProvision("H1.1", {"D1"}, {}), MakeProvision("H1.3", {"D1"}, {})};
  plan.h2.items = {MakeProvision("H2.2", {"D1"}, {})};
  std::vector<IdChange> changes = RenumberItems(plan);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(plan.h1.items[1].id, "H1.2");
  EXPECT_EQ(plan.h2.items[0].id, "H2.1");
}

TEST(Renumber, IdsOfAnotherFormKeepTheirId) {
  Plan plan;
  plan.b.needs = {MakeNeed("B1")};
  plan.f.items = {MakeProvision("F1", {"B1"}, {}), MakeProvision("F2a", {"B1"}, {}),
                  MakeProvision("F4", {"B1"}, {}), MakeProvision("F07", {"B1"}, {})};
  std::vector<IdChange> changes = RenumberItems(plan);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].from, "F4");
  EXPECT_EQ(changes[0].to, "F2");
  EXPECT_EQ(plan.f.items[1].id, "F2a");
  EXPECT_EQ(plan.f.items[3].id, "F07");
}

TEST(Renumber, SeriesWhoseNewIdIsTakenElsewhereIsLeftAlone) {
  Plan plan;
  plan.b.needs = {MakeNeed("B1")};
  // An item in G that was given the id F2: closing F's gap would make two F2s.
  plan.f.items = {MakeProvision("F1", {"B1"}, {}), MakeProvision("F3", {"B1"}, {})};
  plan.g.items = {MakeProvision("F2", {"B1"}, {})};
  EXPECT_TRUE(RenumberItems(plan).empty());
  EXPECT_EQ(plan.f.items[1].id, "F3");
}

}  // namespace
}  // namespace ehcp
