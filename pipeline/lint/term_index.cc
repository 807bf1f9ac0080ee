#include "lint/term_index.h"

#include <algorithm>

#include "lint/term_matcher.h"

namespace ehcp {

TermIndex::TermIndex(const std::vector<TermMatcher*>& lists) {
  std::vector<std::optional<std::vector<std::string>>> required[2];  // [case_sensitive]
  for (TermMatcher* list : lists) {
    if (list == nullptr) continue;
    auto& into = required[list->List().case_sensitive ? 1 : 0];
    list->JoinIndex(this, static_cast<uint32_t>(into.size()));
    for (auto& term : list->TermLiterals()) into.push_back(std::move(term));
  }
  if (!required[0].empty())
    folded_ = std::make_unique<LiteralPrefilter>(required[0], /*case_sensitive=*/false);
  if (!required[1].empty())
    exact_ = std::make_unique<LiteralPrefilter>(required[1], /*case_sensitive=*/true);
}

void TermIndex::Scan(std::string_view utf8, bool case_sensitive, std::vector<uint32_t>& ids) const {
  const LiteralPrefilter* prefilter = case_sensitive ? exact_.get() : folded_.get();
  if (prefilter == nullptr) return;
  const size_t from = ids.size();
  prefilter->AppendCandidates(utf8, ids);
  std::sort(ids.begin() + static_cast<std::ptrdiff_t>(from), ids.end());
  ids.erase(std::unique(ids.begin() + static_cast<std::ptrdiff_t>(from), ids.end()), ids.end());
}

TextTerms::TextTerms(const TermIndex* index, const std::vector<PlanTextField>& text)
    : index_(index), text_(text) {
  for (auto& runs : runs_) runs.assign(text.size(), {kNotScanned, kNotScanned});
}

bool TextTerms::Holds(size_t field, std::string_view utf8) const {
  return field < text_.size() && text_[field].value.data() == utf8.data() &&
         text_[field].value.size() == utf8.size();
}

std::span<const uint32_t> TextTerms::Ids(size_t field, bool case_sensitive) const {
  auto& run = runs_[case_sensitive ? 1 : 0][field];
  if (run.first == kNotScanned) {
    run.first = static_cast<uint32_t>(ids_.size());
    if (index_ != nullptr) index_->Scan(text_[field].value, case_sensitive, ids_);
    run.second = static_cast<uint32_t>(ids_.size());
  }
  return std::span<const uint32_t>(ids_.data() + run.first, run.second - run.first);
}

}  // namespace ehcp
