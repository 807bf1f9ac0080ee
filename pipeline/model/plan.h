#pragma once

// The plan model: plain C++ values for one EHC plan, built by the loader from validated
// XML and read by every later stage (linter, renderers, bundle). No XML, PDF or ZIP
// library type appears here. Every item carries where it came from in its file
// (SourceLocation) and its provenance (the Section K advice items it came from).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/source_location.h"
#include "model/date.h"
#include "model/vocabulary.h"

namespace ehcp {

// A run of plain text with the location of its first character, so a finding inside the
// text can point at the line and column of the words it is about.
struct Text {
  std::string value;  // UTF-8, NFC-normalised
  SourceLocation location;
  std::string lang;  // BCP 47 tag when the text is not in the document language
};

// One or more paragraphs.
using Prose = std::vector<Text>;

// Provenance and evidence: the advice item this came from (a K id in a plan, the
// contribution id in a contribution), with an optional page or paragraph.
struct SourceRef {
  std::string advice_id;
  std::string locator;
  SourceLocation location;
};

// A reference from one item to another by id (a need, an outcome, a provision item).
struct ItemRef {
  std::string id;
  SourceLocation location;
};

struct PersonName {
  std::string given;
  std::string middle;
  std::string family;
  Text own_script;           // the name as the family writes it in its own script (with its lang)
  std::string Full() const;  // "Given Middle Family"
};

struct Language {
  std::string code;  // BCP 47, e.g. "pl", "ar"
  std::string name;  // as written, e.g. "Polish"
};

// ---------- Items shared by plans and contributions ----------

struct ViewEntry {
  std::string id;
  ViewKind kind = ViewKind::kViews;
  // Whose words these are; empty only in a plan read tolerantly that left it out (the
  // linter reports that as a structure finding).
  std::optional<Attribution> attribution = Attribution::kWrittenOnBehalf;
  std::string speaker;   // who said it ("Maya", "Maya's mother")
  std::string gathered;  // how it was gathered, if said per entry
  std::string lang;
  Prose text;
  std::vector<SourceRef> sources;
  SourceLocation location;
};

struct Need {
  std::string id;
  NeedArea area = NeedArea::kCommunicationInteraction;
  std::string title;
  Prose description;
  std::vector<SourceRef> sources;
  SourceLocation location;
};

struct TimeFrame {
  std::optional<Date> by;
  std::string phase;  // "end of Key Stage 3"
  bool Empty() const { return !by && phase.empty(); }
};

struct Step {
  Text text;
  std::optional<Date> by;
};

struct Outcome {
  std::string id;
  Text text;
  std::vector<ItemRef> needs;  // the needs it addresses
  TimeFrame timeframe;
  std::vector<Step> steps;  // short-term steps towards it
  std::optional<PfaDomain> pfa;
  std::vector<SourceRef> sources;
  SourceLocation location;
};

struct Frequency {
  int count = 0;
  Period per = Period::kWeek;
};

struct Staffing {
  // Staff to pupils, e.g. 1:1 -> {1, 1}; 1:6 -> {1, 6}.
  std::optional<std::pair<int, int>> ratio;
  std::optional<int> group_size;
};

struct ProvisionItem {
  std::string id;
  std::optional<ProvisionKind> kind;
  Text description;
  std::vector<ItemRef> needs;     // needs it meets
  std::vector<ItemRef> outcomes;  // outcomes it works towards
  std::string deliverer_role;
  std::string deliverer_qualification;
  std::optional<Frequency> frequency;
  std::optional<int> duration_minutes;  // per session
  Staffing staffing;
  std::string provider;  // the service, school or team that provides it, as worded
  std::optional<Date> start;
  std::optional<Date> end;
  std::string period_wording;  // "in term time for the duration of Key Stage 3"
  std::optional<Agency> agency;
  std::string commissioner;
  bool personal_budget = false;
  std::vector<SourceRef> sources;
  SourceLocation location;

  // Minutes per week when frequency and duration are both given and the period converts
  // to weeks (school weeks: a term is 13 weeks, a half-term 6.5, a year 39).
  std::optional<double> MinutesPerWeek() const;
};

// ---------- The plan ----------

struct LocalAuthority {
  std::string name;
  std::string code;
};

struct Officer {
  std::string name;
  std::string role;
  std::string email;
  std::string phone;
};

struct PlanDates {
  std::optional<Date> request_received;
  std::optional<Date> decision_to_assess;
  std::optional<Date> draft_issued;
  std::optional<Date> final_issued;
  std::optional<Date> proposed_amendments_issued;
  std::optional<Date> amended_issued;
  std::optional<Date> last_review;
  std::optional<Date> next_review;
};

struct PhaseTransfer {
  PhaseTransferKind to = PhaseTransferKind::kSecondary;
  Date transfer_date;
};

// One version of the plan as it was sent out.
struct PlanIssue {
  IssueKind kind = IssueKind::kDraft;
  std::optional<int> version;
  Date issued;
  std::optional<Date> response_received;  // the family's comments on a draft or proposal
  SourceLocation location;
};

struct AnnualReviewMeeting {
  Date meeting;
  std::optional<Date> decision_notified;
  std::optional<ReviewDecision> decision;
  SourceLocation location;
};

// The plan's life so far, each list oldest first as written. The statutory date rules
// apply to every entry, not only the latest.
struct PlanHistory {
  std::vector<PlanIssue> issues;
  std::vector<AnnualReviewMeeting> reviews;
  bool Empty() const { return issues.empty() && reviews.empty(); }
};

struct SignOff {
  std::string name;
  std::string role;
  Date date;
};

struct PlanMeta {
  std::string plan_id;
  int version = 1;
  PlanStatus status = PlanStatus::kDraft;
  std::string lang = "en-GB";
  LocalAuthority local_authority;
  Officer officer;
  PlanDates dates;
  std::optional<Text> timescale_exception;
  std::optional<PhaseTransfer> phase_transfer;
  std::optional<SignOff> sign_off;
  PlanHistory history;
};

// The child is looked after by a local authority (Children Act 1989 s.22).
struct LookedAfter {
  std::string authority;
  std::optional<Date> since;
  std::string virtual_school;
};

struct Child {
  PersonName legal_name;
  std::string preferred_name;
  Date date_of_birth;
  std::optional<int> ncy;  // national curriculum year as stated
  std::string stage;       // post-16 / post-19 stage label, if stated
  std::vector<Language> home_languages;
  Prose communication;
  std::string upn;
  std::string uln;
  std::string nhs_number;
  std::optional<LookedAfter> looked_after;
  SourceLocation location;

  // The name the plan uses for the child: preferred name, else the given name.
  const std::string& KnownAs() const;
};

struct ParentCarer {
  std::string name;
  Text own_script;  // the name in the family's own script
  std::string relationship;
  std::string phone;
  std::string email;
  std::string address;
  std::vector<Language> languages;
  bool interpreter = false;
  bool parental_responsibility = true;
};

// A section that may state explicitly that it has nothing in it (reg 12: each section is
// separately identified, never just left out).
struct NoneStatement {
  Text text;
};

struct SectionA {
  Prose intro;    // the section's opening statement, as the council words it
  Text gathered;  // how and by whom views were gathered
  std::vector<ViewEntry> entries;
  SourceLocation location;
};

struct NeedsSection {
  explicit NeedsSection(SectionId section = SectionId::kB) : id(section) {}
  SectionId id;
  Prose intro;
  Prose strengths;  // Section B: what the child does well (DfE template)
  std::vector<Need> needs;
  std::optional<NoneStatement> none;
  SourceLocation location;
};

struct OutcomesSection {
  Prose intro;
  std::vector<Outcome> outcomes;
  SourceLocation location;
};

struct ProvisionSection {
  explicit ProvisionSection(SectionId section = SectionId::kF) : id(section) {}
  SectionId id;
  Prose intro;
  std::vector<ProvisionItem> items;
  std::optional<NoneStatement> none;
  SourceLocation location;
};

struct Placement {
  std::string name;
  std::string type;
  std::string urn;
  std::optional<Attendance> attendance;
  std::optional<Text> note;
  SourceLocation location;
};

struct SectionI {
  Prose intro;
  std::vector<Placement> placements;
  std::optional<NoneStatement> none;
  SourceLocation location;
};

struct PersonalBudget {
  BudgetArrangement arrangement = BudgetArrangement::kDirectPayment;
  std::optional<int64_t> annual_amount_pence;
  Prose description;
  std::vector<ItemRef> needs;
  std::vector<ItemRef> outcomes;
  std::vector<ItemRef> provision;
  SourceLocation location;
};

struct SectionJ {
  Prose intro;
  std::optional<PersonalBudget> budget;
  std::optional<NoneStatement> none;
  SourceLocation location;
};

struct AdviceItem {
  std::string id;
  AdviceCategory category = AdviceCategory::kOther;
  std::optional<Agency> agency;
  std::string title;
  std::string author;
  std::string role;
  std::string organisation;
  std::optional<Date> requested;
  std::optional<Date> received;
  bool appended = false;
  std::string file;
  SourceLocation location;
};

struct SectionK {
  Prose intro;
  std::vector<AdviceItem> advice;
  SourceLocation location;
};

// A quality finding a reviewer accepted on this plan, with the reason.
struct AcceptedFinding {
  std::string rule_id;
  std::string item_id;  // empty: accepted for the whole plan
  std::string by;
  Date date;
  Text reason;
};

struct Plan {
  SourceLocation location;  // the root element
  PlanMeta meta;
  Child child;
  std::vector<ParentCarer> family;
  SectionA a;
  NeedsSection b{SectionId::kB};
  NeedsSection c{SectionId::kC};
  NeedsSection d{SectionId::kD};
  OutcomesSection e;
  ProvisionSection f{SectionId::kF};
  ProvisionSection g{SectionId::kG};
  ProvisionSection h1{SectionId::kH1};
  ProvisionSection h2{SectionId::kH2};
  SectionI i;
  SectionJ j;
  SectionK k;
  std::vector<AcceptedFinding> accepted;

  const NeedsSection& Needs(SectionId id) const;          // B, C or D
  const ProvisionSection& Provision(SectionId id) const;  // F, G, H1 or H2
  // Lookups by id across the plan; nullptr when absent.
  const Need* FindNeed(const std::string& id) const;
  const Outcome* FindOutcome(const std::string& id) const;
  const ProvisionItem* FindProvision(const std::string& id) const;
  const AdviceItem* FindAdvice(const std::string& id) const;
  // Which section an item id lives in (A..K), if any.
  std::optional<SectionId> SectionOf(const std::string& item_id) const;
};

// ---------- A contribution (advice from one contributor) ----------

struct Contributor {
  ContributorKind kind = ContributorKind::kOther;
  std::optional<Agency> agency;
  std::string name;
  std::string role;
  std::string organisation;
};

struct Contribution {
  SourceLocation location;
  std::string id;
  AdviceCategory category = AdviceCategory::kOther;
  std::optional<Date> requested;
  Date written;
  std::string lang;
  Contributor contributor;
  std::string about_name;
  Date about_date_of_birth;
  std::string title;
  Prose summary;
  std::vector<ViewEntry> views;
  std::vector<Need> needs;
  std::vector<Outcome> outcomes;
  std::vector<ProvisionItem> provision;
};

}  // namespace ehcp
