// Assembly of a draft plan from contributions. The steps, in order: sort the
// contributions canonically and give each a Section K entry; check each is about this
// child and recent enough; place views, needs, outcomes and provision, merging
// restatements of one item by different advisers and noting conflicting quantities;
// number every section; then report what is missing.

#include "assemble/assembler.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "assemble/provision_placement.h"
#include "assemble/text_similarity.h"
#include "policy/wording.h"

namespace ehcp {

Date PlannedFinalIssue(const CaseDates& dates, const StatutoryTimescales& timescales) {
  return timescales.PlannedFinalIssue(dates.request_received, dates.draft_issue);
}

Date NextReviewDate(const CaseDates& dates, const Date& date_of_birth,
                    const StatutoryTimescales& timescales) {
  Date final_issue = PlannedFinalIssue(dates, timescales);
  return timescales.ReviewDue(date_of_birth, final_issue);
}

namespace {

std::string Lower(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool SameChild(const Contribution& c, const Child& child) {
  if (c.about_date_of_birth != child.date_of_birth) return false;
  std::string about = Lower(c.about_name);
  std::vector<std::string> names{Lower(child.legal_name.Full()),
                                 Lower(child.legal_name.given + " " + child.legal_name.family)};
  if (!child.preferred_name.empty())
    names.push_back(Lower(child.preferred_name + " " + child.legal_name.family));
  return std::find(names.begin(), names.end(), about) != names.end();
}

std::string JoinProse(const Prose& prose) {
  std::string out;
  for (const auto& p : prose) out += (out.empty() ? "" : " ") + p.value;
  return out;
}

std::string PeriodWords(const Frequency& f) {
  std::string per(Token(f.per));
  if (f.count == 1) return "once a " + per;
  if (f.count == 2) return "twice a " + per;
  return std::to_string(f.count) + " times a " + per;
}

std::string Quantity(const ProvisionItem& item) {
  std::string out = item.frequency ? PeriodWords(*item.frequency) : "no frequency given";
  out += item.duration_minutes ? ", " + std::to_string(*item.duration_minutes) + " minutes"
                               : ", no duration given";
  return out;
}

bool SameFrequency(const Frequency& a, const Frequency& b) {
  return a.count == b.count && a.per == b.per;
}

// Compatible: nothing given by both advisers disagrees.
bool QuantitiesCompatible(const ProvisionItem& a, const ProvisionItem& b) {
  if (a.frequency && b.frequency && !SameFrequency(*a.frequency, *b.frequency)) return false;
  if (a.duration_minutes && b.duration_minutes && *a.duration_minutes != *b.duration_minutes)
    return false;
  return true;
}

bool QuantitiesIdentical(const ProvisionItem& a, const ProvisionItem& b) {
  return a.frequency && b.frequency && a.duration_minutes && b.duration_minutes &&
         QuantitiesCompatible(a, b);
}

// How completely an item is specified; the richer of two merged items keeps its wording.
int Specificity(const ProvisionItem& item) {
  return (item.frequency ? 1 : 0) + (item.duration_minutes ? 1 : 0) +
         (!item.deliverer_role.empty() ? 1 : 0) + (!item.deliverer_qualification.empty() ? 1 : 0) +
         (item.staffing.ratio || item.staffing.group_size ? 1 : 0) +
         (item.start || item.end ? 1 : 0) + (item.agency ? 1 : 0);
}

std::string ProvisionId(SectionId section, int n) {
  std::string letter(SectionLetter(section));
  // H1 and H2 already end in a digit: "H1.1" reads as item 1 of H1 (as in the samples).
  if (section == SectionId::kH1 || section == SectionId::kH2)
    return letter + "." + std::to_string(n);
  return letter + std::to_string(n);
}

struct Source {
  const ContributionInput* input = nullptr;
  std::string advice_id;
  int rank = 0;
};

std::vector<SourceRef> Remap(const std::vector<SourceRef>& refs, const Source& source) {
  std::vector<SourceRef> out;
  for (const auto& ref : refs) {
    SourceRef mapped{source.advice_id, ref.locator, ref.location};
    bool seen = std::any_of(out.begin(), out.end(), [&](const SourceRef& r) {
      return r.advice_id == mapped.advice_id && r.locator == mapped.locator;
    });
    if (!seen) out.push_back(std::move(mapped));
  }
  if (out.empty()) out.push_back(SourceRef{source.advice_id, {}, {}});
  return out;
}

void AddSources(std::vector<SourceRef>& into, const std::vector<SourceRef>& more) {
  for (const auto& ref : more) {
    bool seen = std::any_of(into.begin(), into.end(), [&](const SourceRef& r) {
      return r.advice_id == ref.advice_id && r.locator == ref.locator;
    });
    if (!seen) into.push_back(ref);
  }
}

template <typename T>
void AddUnique(std::vector<T>& into, const T& value) {
  if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
}

struct ViewWork {
  ViewEntry view;
  ItemOrigin origin;
  int order = 0;
  std::string id;
};

struct NeedWork {
  Need need;
  SectionId section = SectionId::kB;
  std::vector<ItemOrigin> origins;
  std::set<std::string> words;
  int order = 0;
  std::string id;
  int position = 0;  // reading order across B, C, D
};

struct OutcomeWork {
  Outcome outcome;
  std::vector<int> needs;
  ItemOrigin origin;
  int order = 0;
  std::string id;
};

struct PlacementFinding {
  ItemOrigin origin;
  std::string message;
  bool uncertain = false;
};

struct ProvisionWork {
  ProvisionItem item;
  SectionId section = SectionId::kF;
  std::vector<ItemOrigin> origins;
  std::set<std::string> words;
  std::vector<int> needs;
  std::vector<int> outcomes;
  std::vector<PlacementFinding> findings;
  int order = 0;
  std::string id;
};

struct PendingMerge {
  int target = 0;  // index into needs or provision
  bool is_need = false;
  double similarity = 0;
  std::string reason;
  std::vector<ItemOrigin> origins;
  std::vector<std::string> unused;
};

struct PendingDuplicate {
  bool is_need = false;
  int earlier = 0;
  int later = 0;
  double overlap = 0;
};

struct PendingConflict {
  int earlier = 0;
  int later = 0;
  std::string what;
};

using LocalKey = std::pair<int, std::string>;  // (contribution rank, local id)

class Assembler {
 public:
  Assembler(const CaseFile& case_file, std::vector<ContributionInput> inputs,
            const AssemblyPolicy& policy)
      : case_(case_file), inputs_(std::move(inputs)), policy_(policy) {}

  AssemblyResult Run() {
    report_.plan_id = case_.plan_id;
    report_.child_name = case_.child.legal_name.Full();
    CheckCase();
    SortAndNumber();
    CheckContributions();
    if (report_.diagnostics.HasErrors()) return Finish(std::nullopt);
    for (const auto& source : sources_) PlaceContribution(source);
    if (report_.diagnostics.HasErrors()) return Finish(std::nullopt);
    Number();
    Plan plan = BuildPlan();
    ReportMissingAdvice();
    ReportPlacements();
    CheckRequiredSections(plan);
    if (report_.diagnostics.HasErrors()) return Finish(std::nullopt);
    return Finish(std::move(plan));
  }

 private:
  AssemblyResult Finish(std::optional<Plan> plan) {
    AssemblyResult result;
    result.plan = std::move(plan);
    result.report = std::move(report_);
    return result;
  }

  std::string KnownAs() const { return case_.child.KnownAs(); }

  void CheckCase() {
    const CaseDates& d = case_.dates;
    if (d.draft_issue < d.request_received)
      report_.diagnostics.Error("assemble.case-dates",
                                "the draft issue date " + d.draft_issue.ToIso() +
                                    " is before the request was received (" +
                                    d.request_received.ToIso() + ")",
                                case_.location);
    if (inputs_.empty())
      report_.diagnostics.Error(
          "assemble.no-contributions",
          "no contributions: a draft plan needs the advice gathered in the assessment",
          case_.location);
  }

  void SortAndNumber() {
    std::sort(inputs_.begin(), inputs_.end(),
              [&](const ContributionInput& a, const ContributionInput& b) {
                const Contribution& x = a.contribution;
                const Contribution& y = b.contribution;
                return std::tuple(policy_.AdviceRank(x.category), x.written, x.id) <
                       std::tuple(policy_.AdviceRank(y.category), y.written, y.id);
              });
    for (size_t i = 0; i < inputs_.size(); ++i) {
      sources_.push_back(Source{&inputs_[i], "K" + std::to_string(i + 1), static_cast<int>(i)});
      const Contribution& c = inputs_[i].contribution;
      report_.contributions.push_back(ContributionSummary{sources_.back().advice_id, c.id,
                                                          inputs_[i].file, c.category,
                                                          c.contributor.name, c.written});
    }
  }

  void CheckContributions() {
    std::map<std::string, const ContributionInput*> ids;
    const CaseDates& dates = case_.dates;
    const int max_age_months = dates.advice_max_age_months.value_or(policy_.advice_max_age_months);
    for (const auto& source : sources_) {
      const ContributionInput& input = *source.input;
      const Contribution& c = input.contribution;
      auto [it, fresh] = ids.emplace(c.id, &input);
      if (!fresh)
        report_.diagnostics.Error("assemble.duplicate-contribution",
                                  "contribution id \"" + c.id + "\" is also used by " +
                                      it->second->file + "; each piece of advice needs its own id",
                                  c.location);
      if (!SameChild(c, case_.child)) {
        report_.diagnostics.Error("assemble.wrong-child",
                                  "this advice is about " + c.about_name + " (born " +
                                      c.about_date_of_birth.ToIso() + "), not " +
                                      case_.child.legal_name.Full() + " (born " +
                                      case_.child.date_of_birth.ToIso() +
                                      "); remove it from the case or correct its <about> element",
                                  c.location);
      }
      if (c.written < dates.request_received) {
        report_.diagnostics.Warning("assemble.advice-before-request",
                                    source.advice_id + " was written on " + c.written.ToIso() +
                                        ", before the request for assessment (" +
                                        dates.request_received.ToIso() +
                                        "); it can be used only if the adviser, the council and "
                                        "the family agree it is still sufficient "
                                        "(SEND Regulations 2014 reg 6(4))",
                                    c.location);
      }
      if (c.written.AddMonths(max_age_months) < dates.draft_issue) {
        report_.diagnostics.Warning("assemble.advice-out-of-date",
                                    source.advice_id + " was written on " + c.written.ToIso() +
                                        ", more than " +
                                        Counted(max_age_months, "month", "months") +
                                        " before the draft issue date " + dates.draft_issue.ToIso(),
                                    c.location);
      }
      if (dates.draft_issue < c.written) {
        report_.diagnostics.Warning("assemble.advice-after-draft",
                                    source.advice_id + " is dated " + c.written.ToIso() +
                                        ", after the draft issue date " + dates.draft_issue.ToIso(),
                                    c.location);
      }
    }
  }

  std::set<std::string> ChildNameWords() const {
    std::set<std::string> words;
    for (const std::string* name : {&case_.child.legal_name.given, &case_.child.legal_name.middle,
                                    &case_.child.legal_name.family, &case_.child.preferred_name}) {
      for (const auto& w : ContentWords(*name, policy_.stop_words)) words.insert(w);
    }
    return words;
  }

  ItemOrigin Origin(const Source& source, const std::string& item_id,
                    const SourceLocation& location) const {
    return ItemOrigin{source.input->contribution.id, item_id, source.advice_id, location};
  }

  static bool FromContribution(const std::vector<ItemOrigin>& origins,
                               const std::string& contribution_id) {
    return std::any_of(origins.begin(), origins.end(),
                       [&](const ItemOrigin& o) { return o.contribution_id == contribution_id; });
  }

  void PlaceContribution(const Source& source) {
    const Contribution& c = source.input->contribution;
    const std::set<std::string> names = ChildNameWords();
    const MergePolicy& merging = policy_.merging;

    for (const auto& view : c.views) {
      ViewWork work{view, Origin(source, view.id, view.location), order_++, {}};
      work.view.sources = Remap(view.sources, source);
      views_.push_back(std::move(work));
    }

    for (const auto& need : c.needs) {
      NeedWork work;
      work.need = need;
      work.need.sources = Remap(need.sources, source);
      work.section = SectionForNeed(need.area);
      work.origins.push_back(Origin(source, need.id, need.location));
      work.words =
          ContentWords(need.title + " " + JoinProse(need.description), policy_.stop_words, names);
      work.order = order_++;
      int best = -1, similar = -1;
      double best_overlap = 0, similar_overlap = 0;
      for (size_t i = 0; i < needs_.size(); ++i) {
        const NeedWork& other = needs_[i];
        if (other.need.area != need.area || FromContribution(other.origins, c.id)) continue;
        double overlap = WordOverlap(work.words, other.words);
        if (overlap >= merging.near_identical && overlap > best_overlap)
          best = static_cast<int>(i), best_overlap = overlap;
        if (overlap >= merging.possible_duplicate && overlap > similar_overlap)
          similar = static_cast<int>(i), similar_overlap = overlap;
      }
      if (best < 0) {
        if (similar >= 0)
          duplicates_.push_back(
              PendingDuplicate{true, similar, static_cast<int>(needs_.size()), similar_overlap});
        need_map_[{source.rank, need.id}] = static_cast<int>(needs_.size());
        needs_.push_back(std::move(work));
        continue;
      }
      NeedWork& target = needs_[best];
      PendingMerge merge{best, true, best_overlap, "near-identical wording, same area of need",
                         {},   {}};
      // The fuller description stays; the other is listed in the report, not lost.
      bool keep_new =
          JoinProse(work.need.description).size() > JoinProse(target.need.description).size();
      if (keep_new) {
        merge.unused.push_back(target.origins.front().advice_id + " " +
                               target.origins.front().item_id + ": " +
                               JoinProse(target.need.description));
        target.need.description = work.need.description;
        if (!work.need.title.empty()) target.need.title = work.need.title;
      } else {
        merge.unused.push_back(work.origins.front().advice_id + " " + need.id + ": " +
                               JoinProse(need.description));
      }
      AddSources(target.need.sources, work.need.sources);
      target.origins.push_back(work.origins.front());
      target.words.insert(work.words.begin(), work.words.end());
      need_map_[{source.rank, need.id}] = best;
      merges_.push_back(std::move(merge));
    }

    for (const auto& outcome : c.outcomes) {
      OutcomeWork work{outcome, {}, Origin(source, outcome.id, outcome.location), order_++, {}};
      work.outcome.sources = Remap(outcome.sources, source);
      for (const auto& ref : outcome.needs) Link(work.needs, need_map_, source, ref);
      outcome_map_[{source.rank, outcome.id}] = static_cast<int>(outcomes_.size());
      outcomes_.push_back(std::move(work));
    }

    bool adult =
        AgeInYears(case_.child.date_of_birth, case_.dates.draft_issue) >= policy_.ages.adult;
    for (const auto& item : c.provision) {
      ProvisionWork work;
      work.item = item;
      work.item.sources = Remap(item.sources, source);
      ProvisionPlacement placement =
          PlaceProvision(item, c.contributor.agency, adult, policy_.placement);
      work.section = placement.section;
      ItemOrigin origin = Origin(source, item.id, item.location);
      work.origins.push_back(origin);
      if (!placement.uncertainty.empty())
        work.findings.push_back({origin, placement.uncertainty, true});
      if (!placement.note.empty()) work.findings.push_back({origin, placement.note, false});
      work.words = ContentWords(item.description.value, policy_.stop_words, names);
      for (const auto& ref : item.needs) Link(work.needs, need_map_, source, ref);
      for (const auto& ref : item.outcomes) Link(work.outcomes, outcome_map_, source, ref);
      work.order = order_++;
      PlaceProvisionWork(std::move(work), source);
    }
  }

  // A contribution-local reference, remapped. The contribution schema's keyrefs make a
  // dangling reference impossible in a validated file; a model built another way is
  // still reported rather than trusted.
  void Link(std::vector<int>& into, const std::map<LocalKey, int>& map, const Source& source,
            const ItemRef& ref) {
    auto it = map.find({source.rank, ref.id});
    if (it == map.end()) {
      report_.diagnostics.Error(
          "assemble.dangling-reference",
          source.input->contribution.id + " refers to \"" + ref.id + "\", which it does not define",
          ref.location);
      return;
    }
    AddUnique(into, it->second);
  }

  std::set<NeedArea> AreasOf(const std::vector<int>& needs) const {
    std::set<NeedArea> areas;
    for (int n : needs) areas.insert(needs_[n].need.area);
    return areas;
  }

  void PlaceProvisionWork(ProvisionWork work, const Source& source) {
    const std::string& contribution_id = source.input->contribution.id;
    const std::string& local_id = work.origins.front().item_id;
    int merge_into = -1;
    double merge_overlap = -1;
    std::string merge_reason;
    std::vector<std::pair<int, std::string>> conflicts;
    int similar = -1;
    double similar_overlap = 0;
    std::set<NeedArea> areas = AreasOf(work.needs);
    const MergePolicy& merging = policy_.merging;

    for (size_t i = 0; i < provision_.size(); ++i) {
      const ProvisionWork& other = provision_[i];
      if (other.section != work.section || !work.item.kind || other.item.kind != work.item.kind ||
          FromContribution(other.origins, contribution_id))
        continue;
      const ProvisionKind kind = *work.item.kind;
      double overlap = WordOverlap(work.words, other.words);
      std::set<NeedArea> other_areas = AreasOf(other.needs);
      bool shared_need = std::any_of(work.needs.begin(), work.needs.end(), [&](int n) {
        return std::find(other.needs.begin(), other.needs.end(), n) != other.needs.end();
      });
      bool shared_area = shared_need || std::any_of(areas.begin(), areas.end(), [&](NeedArea a) {
                           return other_areas.count(a) > 0;
                         });
      // One service: a therapy from the same kind of practitioner (a daily programme
      // run by a teaching assistant is not the therapist's visit), or a named
      // specialist service given by the same role.
      bool same_role = Lower(work.item.deliverer_role) == Lower(other.item.deliverer_role);
      bool roles_given = !work.item.deliverer_role.empty() && !other.item.deliverer_role.empty();
      bool same_service = std::any_of(
          merging.same_service.begin(), merging.same_service.end(), [&](const SameService& s) {
            return s.kinds.count(kind) && (roles_given ? same_role : s.unstated_roles_match);
          });
      bool compatible = QuantitiesCompatible(work.item, other.item);
      std::string reason;
      bool conflict = false;
      if (overlap >= merging.near_identical) {
        reason = "near-identical wording, same kind";
        conflict = !compatible;
      } else if (shared_area && overlap >= merging.same_quantities &&
                 QuantitiesIdentical(work.item, other.item)) {
        reason = "same kind and quantities for the same area of need, similar wording";
      } else if (same_service && shared_area) {
        reason = "the same service (" + std::string(Label(kind)) + ") for the same area of need";
        conflict = !compatible;
      } else {
        if (overlap >= merging.possible_duplicate && overlap > similar_overlap)
          similar = static_cast<int>(i), similar_overlap = overlap;
        continue;
      }
      if (conflict) {
        conflicts.emplace_back(static_cast<int>(i), std::string(Label(kind)));
      } else if (overlap > merge_overlap) {
        merge_into = static_cast<int>(i);
        merge_overlap = overlap;
        merge_reason = reason;
      }
    }

    if (merge_into < 0) {
      provision_map_[{source.rank, local_id}] = static_cast<int>(provision_.size());
      for (const auto& [earlier, what] : conflicts)
        conflicts_.push_back(PendingConflict{earlier, static_cast<int>(provision_.size()), what});
      if (similar >= 0 && conflicts.empty())
        duplicates_.push_back(
            PendingDuplicate{false, similar, static_cast<int>(provision_.size()), similar_overlap});
      provision_.push_back(std::move(work));
      return;
    }

    ProvisionWork& target = provision_[merge_into];
    PendingMerge merge{merge_into, false, merge_overlap, merge_reason, {}, {}};
    ProvisionItem& base = target.item;
    const ProvisionItem& extra = work.item;
    if (Specificity(extra) > Specificity(base)) {
      merge.unused.push_back(target.origins.front().advice_id + " " +
                             target.origins.front().item_id + ": " + base.description.value);
      ProvisionItem richer = extra;
      richer.sources = base.sources;
      richer.needs.clear();
      richer.outcomes.clear();
      std::swap(base, richer);  // `richer` now holds the previous base for filling gaps
      if (base.deliverer_role.empty()) base.deliverer_role = richer.deliverer_role;
      if (base.deliverer_qualification.empty())
        base.deliverer_qualification = richer.deliverer_qualification;
      if (!base.frequency) base.frequency = richer.frequency;
      if (!base.duration_minutes) base.duration_minutes = richer.duration_minutes;
      if (!base.staffing.ratio && !base.staffing.group_size) base.staffing = richer.staffing;
      if (!base.start && !base.end) base.start = richer.start, base.end = richer.end;
      if (!base.agency) base.agency = richer.agency, base.commissioner = richer.commissioner;
    } else {
      merge.unused.push_back(work.origins.front().advice_id + " " + local_id + ": " +
                             extra.description.value);
      if (base.deliverer_role.empty()) base.deliverer_role = extra.deliverer_role;
      if (base.deliverer_qualification.empty())
        base.deliverer_qualification = extra.deliverer_qualification;
      if (!base.frequency) base.frequency = extra.frequency;
      if (!base.duration_minutes) base.duration_minutes = extra.duration_minutes;
      if (!base.staffing.ratio && !base.staffing.group_size) base.staffing = extra.staffing;
      if (!base.start && !base.end) base.start = extra.start, base.end = extra.end;
      if (!base.agency) base.agency = extra.agency, base.commissioner = extra.commissioner;
    }
    base.personal_budget = base.personal_budget || extra.personal_budget;
    AddSources(base.sources, work.item.sources);
    for (int n : work.needs) AddUnique(target.needs, n);
    for (int o : work.outcomes) AddUnique(target.outcomes, o);
    target.origins.push_back(work.origins.front());
    target.words.insert(work.words.begin(), work.words.end());
    for (auto& f : work.findings) target.findings.push_back(std::move(f));
    provision_map_[{source.rank, local_id}] = merge_into;
    merges_.push_back(std::move(merge));
  }

  void Number() {
    std::stable_sort(views_.begin(), views_.end(), [](const ViewWork& a, const ViewWork& b) {
      return std::pair(static_cast<int>(a.view.kind), a.order) <
             std::pair(static_cast<int>(b.view.kind), b.order);
    });
    for (size_t i = 0; i < views_.size(); ++i) views_[i].id = "A" + std::to_string(i + 1);

    // Needs: B by area in Code of Practice order, then C, then D, each in advice order.
    std::vector<int> need_order(needs_.size());
    for (size_t i = 0; i < needs_.size(); ++i) need_order[i] = static_cast<int>(i);
    auto section_rank = [](SectionId s) { return static_cast<int>(s); };
    std::sort(need_order.begin(), need_order.end(), [&](int a, int b) {
      const NeedWork& x = needs_[a];
      const NeedWork& y = needs_[b];
      return std::tuple(section_rank(x.section), static_cast<int>(x.need.area), x.order) <
             std::tuple(section_rank(y.section), static_cast<int>(y.need.area), y.order);
    });
    std::map<SectionId, int> counters;
    for (size_t pos = 0; pos < need_order.size(); ++pos) {
      NeedWork& need = needs_[need_order[pos]];
      need.position = static_cast<int>(pos);
      need.id = std::string(SectionLetter(need.section)) + std::to_string(++counters[need.section]);
    }

    // Outcomes and provision follow the first need they address (the golden thread).
    auto first_need = [&](const std::vector<int>& needs) {
      int best = INT_MAX;
      for (int n : needs) best = std::min(best, needs_[n].position);
      return best;
    };
    outcome_order_.resize(outcomes_.size());
    for (size_t i = 0; i < outcomes_.size(); ++i) outcome_order_[i] = static_cast<int>(i);
    std::sort(outcome_order_.begin(), outcome_order_.end(), [&](int a, int b) {
      return std::pair(first_need(outcomes_[a].needs), outcomes_[a].order) <
             std::pair(first_need(outcomes_[b].needs), outcomes_[b].order);
    });
    for (size_t pos = 0; pos < outcome_order_.size(); ++pos)
      outcomes_[outcome_order_[pos]].id = "E" + std::to_string(pos + 1);

    provision_order_.resize(provision_.size());
    for (size_t i = 0; i < provision_.size(); ++i) provision_order_[i] = static_cast<int>(i);
    std::sort(provision_order_.begin(), provision_order_.end(), [&](int a, int b) {
      const ProvisionWork& x = provision_[a];
      const ProvisionWork& y = provision_[b];
      return std::tuple(section_rank(x.section), first_need(x.needs), x.order) <
             std::tuple(section_rank(y.section), first_need(y.needs), y.order);
    });
    for (int index : provision_order_) {
      ProvisionWork& p = provision_[index];
      p.id = ProvisionId(p.section, ++counters[p.section]);
    }
  }

  std::vector<ItemRef> NeedRefs(const std::vector<int>& needs) const {
    std::vector<int> sorted = needs;
    std::sort(sorted.begin(), sorted.end(),
              [&](int a, int b) { return needs_[a].position < needs_[b].position; });
    std::vector<ItemRef> refs;
    for (int n : sorted) refs.push_back(ItemRef{needs_[n].id, {}});
    return refs;
  }

  // The policy's words for a draft (quality/assembly.xml <wording>), filled for this case.
  std::string Worded(const std::string& text) const {
    std::map<std::string, std::string> values{
        {"child", KnownAs()}, {"days", std::to_string(policy_.timescales.family_comment_days)}};
    values["parentsOrYoungPerson"] =
        AgeInYears(case_.child.date_of_birth, case_.dates.draft_issue) >= policy_.ages.young_person
            ? KnownAs()
            : FillWording(policy_.wording.parents, values);
    return FillWording(text, values);
  }
  NoneStatement None(const std::string& text) const {
    return NoneStatement{{Worded(text), {}, {}}};
  }

  Plan BuildPlan() {
    Plan plan;
    plan.location = case_.location;
    PlanMeta& meta = plan.meta;
    meta.plan_id = case_.plan_id;
    meta.version = 1;
    meta.status = PlanStatus::kDraft;
    meta.lang = case_.lang;
    meta.local_authority = case_.local_authority;
    meta.officer = case_.officer;
    meta.dates.request_received = case_.dates.request_received;
    meta.dates.decision_to_assess = case_.dates.decision_to_assess;
    meta.dates.draft_issued = case_.dates.draft_issue;
    const StatutoryTimescales& t = policy_.timescales;
    const std::string comment_days = Counted(t.family_comment_days, "day", "days");
    const std::string final_weeks = std::to_string(t.final_plan_weeks);
    Date final_issue = PlannedFinalIssue(case_.dates, t);
    meta.dates.next_review = NextReviewDate(case_.dates, case_.child.date_of_birth, t);
    bool under_five = AgeInYears(case_.child.date_of_birth, final_issue) < 5;
    report_.notes.push_back(
        "Next review " + meta.dates.next_review->ToIso() + ": " +
        Counted(t.ReviewMonths(case_.child.date_of_birth, final_issue), "month", "months") +
        " after the planned final issue date " + final_issue.ToIso() +
        (under_five ? " (under 5: Code of Practice 9.178)" : " (CFA 2014 s.44)") +
        "; the planned final date is the later of request + " +
        Counted(t.final_plan_weeks, "week", "weeks") + " and draft + " + comment_days + ".");
    Date limit = t.FinalPlanDue(case_.dates.request_received);
    if (limit < t.CommentsDue(case_.dates.draft_issue)) {
      report_.diagnostics.Warning(
          "assemble.timescale",
          "a draft issued on " + case_.dates.draft_issue.ToIso() + " leaves the family less than " +
              comment_days + " to comment before the " + final_weeks + "-week limit (" +
              limit.ToIso() + "); record a reg 10(4) exception if one applies",
          case_.location);
    }

    plan.child = case_.child;
    plan.family = case_.family;

    if (case_.views_gathered) {
      plan.a.gathered = *case_.views_gathered;
    } else {
      plan.a.gathered.value = Worded(policy_.wording.views_gathered);
      report_.diagnostics.Warning("assemble.views-gathered",
                                  "the case file does not say how and by whom views were gathered "
                                  "(<viewsGathered>); a generic statement was used in Section A",
                                  case_.location);
    }
    for (const auto& v : views_) {
      ViewEntry entry = v.view;
      entry.id = v.id;
      plan.a.entries.push_back(std::move(entry));
    }

    std::vector<int> need_order(needs_.size());
    for (size_t i = 0; i < needs_.size(); ++i) need_order[i] = static_cast<int>(i);
    std::sort(need_order.begin(), need_order.end(),
              [&](int a, int b) { return needs_[a].position < needs_[b].position; });
    for (int n : need_order) {
      Need need = needs_[n].need;
      need.id = needs_[n].id;
      NeedsSection& section = needs_[n].section == SectionId::kB   ? plan.b
                              : needs_[n].section == SectionId::kC ? plan.c
                                                                   : plan.d;
      section.needs.push_back(std::move(need));
    }
    if (plan.c.needs.empty()) plan.c.none = None(policy_.wording.no_health_needs);
    if (plan.d.needs.empty()) plan.d.none = None(policy_.wording.no_social_care_needs);

    for (int index : outcome_order_) {
      Outcome outcome = outcomes_[index].outcome;
      outcome.id = outcomes_[index].id;
      outcome.needs = NeedRefs(outcomes_[index].needs);
      plan.e.outcomes.push_back(std::move(outcome));
    }

    for (int index : provision_order_) {
      const ProvisionWork& work = provision_[index];
      ProvisionItem item = work.item;
      item.id = work.id;
      item.needs = NeedRefs(work.needs);
      std::vector<int> outcomes = work.outcomes;
      std::sort(outcomes.begin(), outcomes.end(), [&](int a, int b) {
        return std::find(outcome_order_.begin(), outcome_order_.end(), a) <
               std::find(outcome_order_.begin(), outcome_order_.end(), b);
      });
      item.outcomes.clear();
      for (int o : outcomes) item.outcomes.push_back(ItemRef{outcomes_[o].id, {}});
      ProvisionSection& section = work.section == SectionId::kF    ? plan.f
                                  : work.section == SectionId::kG  ? plan.g
                                  : work.section == SectionId::kH1 ? plan.h1
                                                                   : plan.h2;
      section.items.push_back(std::move(item));
    }
    if (plan.g.items.empty()) plan.g.none = None(policy_.wording.no_health_provision);
    if (plan.h1.items.empty()) plan.h1.none = None(policy_.wording.no_section2_provision);
    if (plan.h2.items.empty()) plan.h2.none = None(policy_.wording.no_other_social_care);

    // A draft must not name a school (Code of Practice 9.77-9.79).
    plan.i.none = None(policy_.wording.placement_to_be_named);
    plan.j.none = None(policy_.wording.no_personal_budget);

    for (const auto& source : sources_) {
      const ContributionInput& input = *source.input;
      const Contribution& c = input.contribution;
      AdviceItem advice;
      advice.id = source.advice_id;
      advice.category = c.category;
      advice.agency = c.contributor.agency;
      advice.title = c.title;
      advice.author = c.contributor.name;
      advice.role = c.contributor.role;
      advice.organisation = c.contributor.organisation;
      advice.requested = c.requested ? c.requested : case_.dates.advice_requested;
      advice.received = input.received ? input.received : c.written;
      advice.appended = true;
      advice.file = input.relative;
      plan.k.advice.push_back(std::move(advice));
    }
    return plan;
  }

  void ReportMissingAdvice() {
    auto has = [&](auto predicate) {
      return std::any_of(inputs_.begin(), inputs_.end(),
                         [&](const ContributionInput& i) { return predicate(i.contribution); });
    };
    auto category = [&](AdviceCategory wanted) {
      return has([&](const Contribution& c) { return c.category == wanted; });
    };
    auto missing = [&](const std::string& message) {
      report_.diagnostics.Warning("assemble.missing-advice", message, case_.location);
    };
    bool child_is_adult =
        AgeInYears(case_.child.date_of_birth, case_.dates.draft_issue) >= policy_.ages.young_person;
    if (!category(AdviceCategory::kParentViews) && !child_is_adult)
      missing("no advice from the parents (SEND Regulations 2014 reg 6(1)(a))");
    if (!category(AdviceCategory::kChildViews))
      missing("no views from " + KnownAs() + " (Children and Families Act 2014 s.19)");
    if (!category(AdviceCategory::kEducational)) missing("no educational advice (reg 6(1)(b))");
    if (!has([](const Contribution& c) {
          return c.category == AdviceCategory::kMedical || c.contributor.agency == Agency::kHealth;
        }))
      missing("no health advice (reg 6(1)(c))");
    if (!category(AdviceCategory::kPsychological))
      missing("no educational psychology advice (reg 6(1)(d))");
    if (!category(AdviceCategory::kSocialCare)) missing("no social care advice (reg 6(1)(e))");
    int year = case_.child.ncy
                   ? *case_.child.ncy
                   : NationalCurriculumYear(case_.child.date_of_birth, case_.dates.draft_issue);
    const int pfa_year = policy_.ages.preparing_for_adulthood_from_year;
    if (year >= pfa_year && !category(AdviceCategory::kPreparingForAdulthood))
      missing(KnownAs() + " is in Year " + std::to_string(year) +
              " but there is no Preparing for Adulthood advice (reg 6(1)(g); the plan must include "
              "provision for adulthood from Year " +
              std::to_string(pfa_year) + ", reg 12(3))");
  }

  void ReportPlacements() {
    for (const auto& v : views_) report_.placements.push_back(PlacedItem{v.origin, v.id});
    for (const auto& n : needs_)
      for (const auto& o : n.origins) report_.placements.push_back(PlacedItem{o, n.id});
    for (const auto& o : outcomes_) report_.placements.push_back(PlacedItem{o.origin, o.id});
    for (const auto& p : provision_)
      for (const auto& o : p.origins) report_.placements.push_back(PlacedItem{o, p.id});
    std::map<std::string, int> rank;
    for (const auto& s : sources_) rank[s.input->contribution.id] = s.rank;
    std::stable_sort(report_.placements.begin(), report_.placements.end(),
                     [&](const PlacedItem& a, const PlacedItem& b) {
                       return std::tuple(rank[a.origin.contribution_id], a.origin.location.line,
                                         a.origin.location.column) <
                              std::tuple(rank[b.origin.contribution_id], b.origin.location.line,
                                         b.origin.location.column);
                     });

    for (const auto& m : merges_) {
      MergeRecord record;
      record.plan_id = m.is_need ? needs_[m.target].id : provision_[m.target].id;
      record.origins = m.is_need ? needs_[m.target].origins : provision_[m.target].origins;
      record.similarity = std::round(m.similarity * 100) / 100;
      record.reason = m.reason;
      record.unused_wording = m.unused;
      report_.merges.push_back(std::move(record));
    }
    for (const auto& c : conflicts_) {
      const ProvisionWork& a = provision_[c.earlier];
      const ProvisionWork& b = provision_[c.later];
      ConflictRecord record;
      record.plan_ids = {a.id, b.id};
      record.origins = {a.origins.front(), b.origins.front()};
      record.quantities = {Quantity(a.item), Quantity(b.item)};
      record.what = c.what;
      report_.conflicts.push_back(std::move(record));
    }
    for (const auto& dup : duplicates_) {
      const std::string& earlier =
          dup.is_need ? needs_[dup.earlier].id : provision_[dup.earlier].id;
      const std::string& later = dup.is_need ? needs_[dup.later].id : provision_[dup.later].id;
      const ItemOrigin& origin =
          dup.is_need ? needs_[dup.later].origins.front() : provision_[dup.later].origins.front();
      char overlap[64];
      std::snprintf(overlap, sizeof overlap, "%.2f, below the %.2f needed to merge", dup.overlap,
                    policy_.merging.near_identical);
      Diagnostic d;
      d.severity = Severity::kInfo;
      d.code = "assemble.possible-duplicate";
      d.message = later + " (" + origin.advice_id + " " + origin.item_id +
                  ") may say the same as " + earlier + " (word overlap " + overlap +
                  "); merge them by hand if so";
      d.location = origin.location;
      d.item_id = later;
      report_.diagnostics.Add(std::move(d));
    }
    for (const auto& p : provision_) {
      for (const auto& f : p.findings) {
        Diagnostic d;
        d.severity = f.uncertain ? Severity::kWarning : Severity::kInfo;
        d.code = f.uncertain ? "assemble.uncertain-placement" : "assemble.placement-note";
        d.message = p.id + " (" + f.origin.advice_id + " " + f.origin.item_id + "): " + f.message;
        d.location = f.origin.location;
        d.section = std::string(SectionLetter(p.section));
        d.item_id = p.id;
        report_.diagnostics.Add(std::move(d));
      }
    }
  }

  void CheckRequiredSections(const Plan& plan) {
    auto required = [&](bool empty, const std::string& what) {
      if (empty)
        report_.diagnostics.Error(
            "assemble.empty-section",
            "no " + what + " in any contribution; the plan cannot be drafted without it",
            case_.location);
    };
    required(plan.a.entries.empty(), "views for Section A");
    required(plan.b.needs.empty(), "special educational needs for Section B");
    required(plan.e.outcomes.empty(), "outcomes for Section E");
    required(plan.f.items.empty(), "special educational provision for Section F");
  }

  const CaseFile& case_;
  std::vector<ContributionInput> inputs_;
  const AssemblyPolicy& policy_;
  std::vector<Source> sources_;
  AssemblyReport report_;
  int order_ = 0;
  std::vector<ViewWork> views_;
  std::vector<NeedWork> needs_;
  std::vector<OutcomeWork> outcomes_;
  std::vector<ProvisionWork> provision_;
  std::vector<int> outcome_order_;
  std::vector<int> provision_order_;
  std::map<LocalKey, int> need_map_;
  std::map<LocalKey, int> outcome_map_;
  std::map<LocalKey, int> provision_map_;
  std::vector<PendingMerge> merges_;
  std::vector<PendingConflict> conflicts_;
  std::vector<PendingDuplicate> duplicates_;
};

}  // namespace

AssemblyResult AssemblePlan(const CaseFile& case_file, std::vector<ContributionInput> contributions,
                            const AssemblyPolicy& policy) {
  return Assembler(case_file, std::move(contributions), policy).Run();
}

}  // namespace ehcp
