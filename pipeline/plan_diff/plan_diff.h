#pragma once

// What an amendment changes: two plans compared section by section (A to K, in order) and
// item by item (views, needs, outcomes, provision, placements, the personal budget,
// advice), each changed field with its old and new value, and text compared word by word.
// Items are matched by id (unless the two share almost no words: an id reused after a
// renumbering), then, among those left, by how alike their words are, so an item
// renumbered F3 -> F2 is reported as renumbered, not as one removed and one added.
// Provision quantities and links between items are compared as fields, so "three times a
// week -> twice a week" is a frequency change. The result is a plain value; the reg 22
// amendment notice and the tribunal working document build on it as `ehcp diff` does.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/plan.h"
#include "plan_diff/word_diff.h"

namespace ehcp {

enum class ChangeKind { kAdded, kRemoved, kChanged, kRenumbered };
std::string_view ChangeKindName(ChangeKind kind);  // "added", "removed", "changed", "renumbered"

struct FieldChange {
  std::string field;      // "frequency", "meets needs", "description"
  std::string old_value;  // empty when the field was not set
  std::string new_value;
  // For prose: the words deleted and inserted. Absent for quantities, dates and links.
  std::optional<WordDiff> words;
  // For links to other items (needs met, outcomes worked towards, sources): the ids.
  std::vector<std::string> links_added;
  std::vector<std::string> links_removed;
};

struct ItemChange {
  ChangeKind kind = ChangeKind::kChanged;
  std::string old_id;  // empty when added
  std::string new_id;  // empty when removed
  std::string label;   // what the item is, for people: "Speech and language therapy"
  // Its place among the items kept in both plans changed (it was moved up or down).
  bool moved = false;
  // Added and removed: every field the item has, with the other side empty. Changed and
  // renumbered: only the fields that differ.
  std::vector<FieldChange> fields;
};

struct SectionDiff {
  SectionId section = SectionId::kA;
  std::vector<ItemChange> items;
};

struct PlanDiff {
  std::vector<SectionDiff> sections;  // only sections with a change, A to K
  bool Empty() const { return sections.empty(); }
  size_t Count(ChangeKind kind) const;
};

struct DiffOptions {
  // Items whose ids did not match are paired when the share of content words they have in
  // common (WordOverlap, assemble/text_similarity.h) reaches this.
  double renumber_similarity = 0.6;
  // Two items with the same id are taken for different items (the id was reused after a
  // renumbering) when their overlap is below this.
  double same_id_similarity = 0.3;
  size_t max_word_diff_cells = kDefaultMaxDiffCells;
};

// `stop_words`: the words that do not count when items are compared, the assembly
// policy's (quality/assembly.xml), so diff pairs items as assembly merges them.
PlanDiff DiffPlans(const Plan& old_plan, const Plan& new_plan,
                   const std::set<std::string>& stop_words, const DiffOptions& options = {});

// How the model's quantities read in a change: "three times a week", "45 minutes".
std::string FrequencyWords(const Frequency& frequency);

}  // namespace ehcp
