// Builds Plan and Contribution values from a schema-validated element tree. The schema
// has already checked structure, types and references, so this code only maps; where a
// value still cannot be read (a date libxml2 accepted but we cannot represent), it
// reports a diagnostic instead of guessing.

#include <charconv>
#include <cmath>
#include <functional>

#include "loader/document_loader.h"
#include "loader/schema_gaps.h"

namespace ehcp {
namespace {

class Reader {
 public:
  explicit Reader(DiagnosticList& diagnostics) : diagnostics_(diagnostics) {}

  template <typename E>
  std::optional<E> Enum(const XmlElement& element, std::string_view attribute) {
    const std::string* value = element.Attribute(attribute);
    if (value == nullptr) return std::nullopt;
    auto parsed = ParseToken<E>(*value);
    if (!parsed)
      diagnostics_.Error("model.value",
                         "unknown value \"" + *value + "\" for " + std::string(attribute),
                         element.location);
    return parsed;
  }

  template <typename E>
  E EnumOr(const XmlElement& element, std::string_view attribute, E fallback) {
    return Enum<E>(element, attribute).value_or(fallback);
  }

  std::optional<Date> DateAttr(const XmlElement& element, std::string_view attribute) {
    const std::string* value = element.Attribute(attribute);
    if (value == nullptr) return std::nullopt;
    auto date = Date::FromIso(*value);
    if (!date)
      diagnostics_.Error("model.value", "cannot read date \"" + *value + "\"", element.location);
    return date;
  }

  std::optional<Date> DateText(const XmlElement* element) {
    if (element == nullptr) return std::nullopt;
    auto date = Date::FromIso(element->text);
    if (!date)
      diagnostics_.Error("model.value", "cannot read date \"" + element->text + "\"",
                         element->location);
    return date;
  }

  std::optional<int> IntAttr(const XmlElement& element, std::string_view attribute) {
    const std::string* value = element.Attribute(attribute);
    if (value == nullptr) return std::nullopt;
    int out = 0;
    const char* begin = value->data();
    if (!value->empty() && *begin == '+') ++begin;
    auto [ptr, ec] = std::from_chars(begin, value->data() + value->size(), out);
    if (ec != std::errc() || ptr != value->data() + value->size()) {
      diagnostics_.Error("model.value", "cannot read number \"" + *value + "\"", element.location);
      return std::nullopt;
    }
    return out;
  }

  bool BoolAttr(const XmlElement& element, std::string_view attribute, bool fallback) {
    const std::string* value = element.Attribute(attribute);
    if (value == nullptr) return fallback;
    return *value == "true" || *value == "1";
  }

  static Text TextOf(const XmlElement* element) {
    if (element == nullptr) return {};
    return Text{element->text, element->text_location, element->AttributeOr("xml:lang")};
  }

  static Prose ProseOf(const XmlElement* element) {
    Prose prose;
    if (element == nullptr) return prose;
    for (const XmlElement* p : element->Children("p")) prose.push_back(TextOf(p));
    return prose;
  }

  static std::vector<SourceRef> Sources(const XmlElement& element) {
    std::vector<SourceRef> out;
    for (const XmlElement* s : element.Children("source"))
      out.push_back(SourceRef{s->AttributeOr("advice"), s->AttributeOr("locator"), s->location});
    return out;
  }

  static std::vector<ItemRef> Refs(const XmlElement& element, std::string_view name) {
    std::vector<ItemRef> out;
    for (const XmlElement* r : element.Children(name))
      out.push_back(ItemRef{r->AttributeOr("ref"), r->location});
    return out;
  }

  static Language LanguageOf(const XmlElement& element) {
    return Language{element.AttributeOr("code"), element.text};
  }

  ViewEntry View(const XmlElement& element) {
    ViewEntry view;
    view.id = element.AttributeOr("id");
    view.kind = EnumOr(element, "kind", ViewKind::kViews);
    view.attribution = Enum<Attribution>(element, "attribution");
    view.speaker = element.AttributeOr("speaker");
    view.gathered = element.AttributeOr("gathered");
    view.lang = element.AttributeOr("xml:lang");
    view.text = ProseOf(element.Child("text"));
    view.sources = Sources(element);
    view.location = element.location;
    return view;
  }

  Need NeedOf(const XmlElement& element) {
    Need need;
    need.id = element.AttributeOr("id");
    need.area = EnumOr(element, "area", NeedArea::kCommunicationInteraction);
    need.title = element.AttributeOr("title");
    need.description = ProseOf(element.Child("description"));
    need.sources = Sources(element);
    need.location = element.location;
    return need;
  }

  Outcome OutcomeOf(const XmlElement& element) {
    Outcome outcome;
    outcome.id = element.AttributeOr("id");
    outcome.text = TextOf(element.Child("text"));
    outcome.needs = Refs(element, "meets");
    if (const XmlElement* tf = element.Child("timeframe")) {
      outcome.timeframe.by = DateAttr(*tf, "by");
      outcome.timeframe.phase = tf->AttributeOr("phase");
    }
    for (const XmlElement* s : element.Children("step"))
      outcome.steps.push_back(Step{TextOf(s), DateAttr(*s, "by")});
    outcome.pfa = Enum<PfaDomain>(element, "pfa");
    outcome.sources = Sources(element);
    outcome.location = element.location;
    return outcome;
  }

  ProvisionItem ProvisionOf(const XmlElement& element) {
    ProvisionItem item;
    item.id = element.AttributeOr("id");
    item.kind = Enum<ProvisionKind>(element, "kind");
    item.personal_budget = BoolAttr(element, "personalBudget", false);
    item.description = TextOf(element.Child("description"));
    item.needs = Refs(element, "meets");
    item.outcomes = Refs(element, "towards");
    if (const XmlElement* by = element.Child("deliveredBy")) {
      item.deliverer_role = by->AttributeOr("role");
      item.deliverer_qualification = by->AttributeOr("qualification");
    }
    if (const XmlElement* f = element.Child("frequency")) {
      auto count = IntAttr(*f, "count");
      auto per = Enum<Period>(*f, "per");
      if (count && per) item.frequency = Frequency{*count, *per};
    }
    if (const XmlElement* d = element.Child("duration"))
      item.duration_minutes = IntAttr(*d, "minutes");
    if (const XmlElement* s = element.Child("staffing")) {
      if (const std::string* ratio = s->Attribute("ratio")) {
        auto colon = ratio->find(':');
        int staff = 0, pupils = 0;
        std::from_chars(ratio->data(), ratio->data() + colon, staff);
        std::from_chars(ratio->data() + colon + 1, ratio->data() + ratio->size(), pupils);
        if (colon != std::string::npos && staff > 0 && pupils > 0)
          item.staffing.ratio = std::make_pair(staff, pupils);
      }
      item.staffing.group_size = IntAttr(*s, "groupSize");
    }
    item.provider = element.ChildText("provider");
    if (const XmlElement* p = element.Child("period")) {
      item.start = DateAttr(*p, "start");
      item.end = DateAttr(*p, "end");
      item.period_wording = p->text;
    }
    if (const XmlElement* r = element.Child("responsible")) {
      item.agency = Enum<Agency>(*r, "agency");
      item.commissioner = r->AttributeOr("commissioner");
    }
    item.sources = Sources(element);
    item.location = element.location;
    return item;
  }

  NeedsSection NeedsSectionOf(const XmlElement* element, SectionId id) {
    NeedsSection section(id);
    if (element == nullptr) return section;
    section.location = element->location;
    section.intro = ProseOf(element->Child("intro"));
    section.strengths = ProseOf(element->Child("strengths"));
    const std::vector<const XmlElement*> needs = element->Children("need");
    section.needs.reserve(needs.size());
    for (const XmlElement* n : needs) section.needs.push_back(NeedOf(*n));
    if (const XmlElement* none = element->Child("none")) section.none = NoneStatement{TextOf(none)};
    return section;
  }

  ProvisionSection ProvisionSectionOf(const XmlElement* element, SectionId id) {
    ProvisionSection section(id);
    if (element == nullptr) return section;
    section.location = element->location;
    section.intro = ProseOf(element->Child("intro"));
    const std::vector<const XmlElement*> items = element->Children("provision");
    section.items.reserve(items.size());
    for (const XmlElement* p : items) section.items.push_back(ProvisionOf(*p));
    if (const XmlElement* none = element->Child("none")) section.none = NoneStatement{TextOf(none)};
    return section;
  }

  PlanMeta MetaOf(const XmlElement& root) {
    PlanMeta meta;
    meta.plan_id = root.AttributeOr("id");
    meta.version = IntAttr(root, "version").value_or(1);
    meta.status = EnumOr(root, "status", PlanStatus::kDraft);
    meta.lang = root.AttributeOr("xml:lang", "en-GB");
    const XmlElement* m = root.Child("meta");
    if (m == nullptr) return meta;
    if (const XmlElement* la = m->Child("localAuthority"))
      meta.local_authority = LocalAuthority{la->AttributeOr("name"), la->AttributeOr("code")};
    if (const XmlElement* o = m->Child("officer"))
      meta.officer = Officer{o->AttributeOr("name"), o->AttributeOr("role"),
                             o->AttributeOr("email"), o->AttributeOr("phone")};
    if (const XmlElement* d = m->Child("dates")) {
      meta.dates.request_received = DateAttr(*d, "requestReceived");
      meta.dates.decision_to_assess = DateAttr(*d, "decisionToAssess");
      meta.dates.draft_issued = DateAttr(*d, "draftIssued");
      meta.dates.final_issued = DateAttr(*d, "finalIssued");
      meta.dates.proposed_amendments_issued = DateAttr(*d, "proposedAmendmentsIssued");
      meta.dates.amended_issued = DateAttr(*d, "amendedIssued");
      meta.dates.last_review = DateAttr(*d, "lastReview");
      meta.dates.next_review = DateAttr(*d, "nextReview");
    }
    if (const XmlElement* e = m->Child("timescaleException")) meta.timescale_exception = TextOf(e);
    if (const XmlElement* p = m->Child("phaseTransfer")) {
      auto date = DateAttr(*p, "transferDate");
      meta.phase_transfer =
          PhaseTransfer{EnumOr(*p, "to", PhaseTransferKind::kSecondary), date.value_or(Date{})};
    }
    if (const XmlElement* s = m->Child("signOff")) {
      meta.sign_off = SignOff{s->AttributeOr("name"), s->AttributeOr("role"),
                              DateAttr(*s, "date").value_or(Date{})};
    }
    if (const XmlElement* h = m->Child("history")) meta.history = HistoryOf(*h);
    return meta;
  }

  PlanHistory HistoryOf(const XmlElement& element) {
    PlanHistory history;
    for (const XmlElement& entry : element.children) {
      if (entry.name == "issue") {
        auto issued = DateAttr(entry, "issued");
        if (!issued) continue;  // the schema requires it; a tolerant read skips the entry
        history.issues.push_back(PlanIssue{EnumOr(entry, "kind", IssueKind::kDraft),
                                           IntAttr(entry, "version"), *issued,
                                           DateAttr(entry, "responseReceived"), entry.location});
      } else if (entry.name == "annualReview") {
        auto meeting = DateAttr(entry, "meeting");
        if (!meeting) continue;
        history.reviews.push_back(AnnualReviewMeeting{*meeting, DateAttr(entry, "decisionNotified"),
                                                      Enum<ReviewDecision>(entry, "decision"),
                                                      entry.location});
      }
    }
    return history;
  }

  Child ChildOf(const XmlElement* element) {
    Child child;
    if (element == nullptr) return child;
    child.location = element->location;
    if (const XmlElement* n = element->Child("legalName"))
      child.legal_name = PersonName{n->ChildText("given"), n->ChildText("middle"),
                                    n->ChildText("family"), TextOf(n->Child("ownScript"))};
    child.preferred_name = element->ChildText("preferredName");
    child.date_of_birth = DateText(element->Child("dateOfBirth")).value_or(Date{});
    if (const XmlElement* y = element->Child("yearGroup")) {
      child.ncy = IntAttr(*y, "ncy");
      child.stage = y->AttributeOr("stage");
    }
    for (const XmlElement* l : element->Children("homeLanguage"))
      child.home_languages.push_back(LanguageOf(*l));
    child.communication = ProseOf(element->Child("communication"));
    if (const XmlElement* ids = element->Child("identifiers")) {
      child.upn = ids->AttributeOr("upn");
      child.uln = ids->AttributeOr("uln");
      child.nhs_number = ids->AttributeOr("nhs");
    }
    if (const XmlElement* la = element->Child("lookedAfter"))
      child.looked_after = LookedAfter{la->AttributeOr("authority"), DateAttr(*la, "since"),
                                       la->AttributeOr("virtualSchool")};
    return child;
  }

  std::vector<ParentCarer> FamilyOf(const XmlElement* element) {
    std::vector<ParentCarer> family;
    if (element == nullptr) return family;
    for (const XmlElement* p : element->Children("parentCarer")) {
      ParentCarer parent;
      parent.name = p->ChildText("name");
      parent.own_script = TextOf(p->Child("ownScript"));
      parent.relationship = p->ChildText("relationship");
      parent.phone = p->ChildText("phone");
      parent.email = p->ChildText("email");
      parent.address = p->ChildText("address");
      for (const XmlElement* l : p->Children("language"))
        parent.languages.push_back(LanguageOf(*l));
      parent.interpreter = BoolAttr(*p, "interpreter", false);
      parent.parental_responsibility = BoolAttr(*p, "parentalResponsibility", true);
      family.push_back(std::move(parent));
    }
    return family;
  }

  SectionI PlacementOf(const XmlElement* element) {
    SectionI section;
    if (element == nullptr) return section;
    section.location = element->location;
    section.intro = ProseOf(element->Child("intro"));
    for (const XmlElement* p : element->Children("placement")) {
      Placement placement;
      placement.name = p->ChildText("name");
      placement.type = p->ChildText("type");
      placement.urn = p->ChildText("urn");
      if (const XmlElement* a = p->Child("attendance")) {
        placement.attendance = ParseToken<Attendance>(a->text);
        if (!placement.attendance)
          diagnostics_.Error("model.value", "unknown attendance \"" + a->text + "\"", a->location);
      }
      if (const XmlElement* note = p->Child("note")) placement.note = TextOf(note);
      placement.location = p->location;
      section.placements.push_back(std::move(placement));
    }
    if (const XmlElement* none = element->Child("none")) section.none = NoneStatement{TextOf(none)};
    return section;
  }

  SectionJ BudgetOf(const XmlElement* element) {
    SectionJ section;
    if (element == nullptr) return section;
    section.location = element->location;
    section.intro = ProseOf(element->Child("intro"));
    if (const XmlElement* b = element->Child("personalBudget")) {
      PersonalBudget budget;
      budget.arrangement = EnumOr(*b, "arrangement", BudgetArrangement::kDirectPayment);
      if (const std::string* amount = b->Attribute("annualAmount")) {
        char* end = nullptr;
        double pounds = std::strtod(amount->c_str(), &end);
        if (end && *end == '\0' && std::isfinite(pounds) && pounds >= 0 && pounds < 1e12)
          budget.annual_amount_pence = static_cast<int64_t>(std::llround(pounds * 100));
        else
          diagnostics_.Error("model.value", "cannot read amount \"" + *amount + "\"", b->location);
      }
      budget.description = ProseOf(b->Child("description"));
      budget.needs = Refs(*b, "meets");
      budget.outcomes = Refs(*b, "towards");
      budget.provision = Refs(*b, "funds");
      budget.location = b->location;
      section.budget = std::move(budget);
    }
    if (const XmlElement* none = element->Child("none")) section.none = NoneStatement{TextOf(none)};
    return section;
  }

  SectionK AdviceOf(const XmlElement* element) {
    SectionK section;
    if (element == nullptr) return section;
    section.location = element->location;
    section.intro = ProseOf(element->Child("intro"));
    for (const XmlElement* a : element->Children("advice")) {
      AdviceItem item;
      item.id = a->AttributeOr("id");
      item.category = EnumOr(*a, "category", AdviceCategory::kOther);
      item.agency = Enum<Agency>(*a, "agency");
      item.title = a->ChildText("title");
      item.author = a->ChildText("author");
      item.role = a->ChildText("role");
      item.organisation = a->ChildText("organisation");
      item.requested = DateAttr(*a, "requested");
      item.received = DateAttr(*a, "received");
      item.appended = BoolAttr(*a, "appended", false);
      item.file = a->AttributeOr("file");
      item.location = a->location;
      section.advice.push_back(std::move(item));
    }
    return section;
  }

  std::vector<AcceptedFinding> ReviewOf(const XmlElement* element) {
    std::vector<AcceptedFinding> out;
    if (element == nullptr) return out;
    for (const XmlElement* a : element->Children("accepted")) {
      out.push_back(AcceptedFinding{a->AttributeOr("rule"), a->AttributeOr("item"),
                                    a->AttributeOr("by"), DateAttr(*a, "date").value_or(Date{}),
                                    TextOf(a)});
    }
    return out;
  }

 private:
  DiagnosticList& diagnostics_;
};

}  // namespace

Plan ReadPlan(const XmlElement& root, DiagnosticList& diagnostics) {
  Reader reader(diagnostics);
  Plan plan;
  plan.location = root.location;
  plan.meta = reader.MetaOf(root);
  plan.child = reader.ChildOf(root.Child("child"));
  plan.family = reader.FamilyOf(root.Child("family"));
  if (const XmlElement* a = root.Child("sectionA")) {
    plan.a.location = a->location;
    plan.a.intro = Reader::ProseOf(a->Child("intro"));
    plan.a.gathered = Reader::TextOf(a->Child("gathered"));
    for (const XmlElement* entry : a->Children("entry"))
      plan.a.entries.push_back(reader.View(*entry));
  }
  plan.b = reader.NeedsSectionOf(root.Child("sectionB"), SectionId::kB);
  plan.c = reader.NeedsSectionOf(root.Child("sectionC"), SectionId::kC);
  plan.d = reader.NeedsSectionOf(root.Child("sectionD"), SectionId::kD);
  if (const XmlElement* e = root.Child("sectionE")) {
    plan.e.location = e->location;
    plan.e.intro = Reader::ProseOf(e->Child("intro"));
    for (const XmlElement* o : e->Children("outcome"))
      plan.e.outcomes.push_back(reader.OutcomeOf(*o));
  }
  plan.f = reader.ProvisionSectionOf(root.Child("sectionF"), SectionId::kF);
  plan.g = reader.ProvisionSectionOf(root.Child("sectionG"), SectionId::kG);
  plan.h1 = reader.ProvisionSectionOf(root.Child("sectionH1"), SectionId::kH1);
  plan.h2 = reader.ProvisionSectionOf(root.Child("sectionH2"), SectionId::kH2);
  plan.i = reader.PlacementOf(root.Child("sectionI"));
  plan.j = reader.BudgetOf(root.Child("sectionJ"));
  plan.k = reader.AdviceOf(root.Child("sectionK"));
  plan.accepted = reader.ReviewOf(root.Child("review"));
  return plan;
}

Contribution ReadContribution(const XmlElement& root, DiagnosticList& diagnostics) {
  Reader reader(diagnostics);
  Contribution c;
  c.location = root.location;
  c.id = root.AttributeOr("id");
  c.category = reader.EnumOr(root, "category", AdviceCategory::kOther);
  c.requested = reader.DateAttr(root, "requested");
  c.written = reader.DateAttr(root, "written").value_or(Date{});
  c.lang = root.AttributeOr("xml:lang", "en-GB");
  if (const XmlElement* who = root.Child("contributor")) {
    c.contributor.kind = reader.EnumOr(*who, "kind", ContributorKind::kOther);
    c.contributor.agency = reader.Enum<Agency>(*who, "agency");
    c.contributor.name = who->ChildText("name");
    c.contributor.role = who->ChildText("role");
    c.contributor.organisation = who->ChildText("organisation");
  }
  if (const XmlElement* about = root.Child("about")) {
    c.about_name = about->AttributeOr("name");
    c.about_date_of_birth = reader.DateAttr(*about, "dateOfBirth").value_or(Date{});
  }
  c.title = root.ChildText("title");
  c.summary = Reader::ProseOf(root.Child("summary"));
  if (const XmlElement* v = root.Child("views"))
    for (const XmlElement* entry : v->Children("entry")) c.views.push_back(reader.View(*entry));
  if (const XmlElement* n = root.Child("needs"))
    for (const XmlElement* need : n->Children("need")) c.needs.push_back(reader.NeedOf(*need));
  if (const XmlElement* o = root.Child("outcomes"))
    for (const XmlElement* out : o->Children("outcome"))
      c.outcomes.push_back(reader.OutcomeOf(*out));
  if (const XmlElement* p = root.Child("provisions"))
    for (const XmlElement* item : p->Children("provision"))
      c.provision.push_back(reader.ProvisionOf(*item));
  return c;
}

static LoadedDocument FromParsed(ParsedXml parsed) {
  LoadedDocument doc;
  doc.diagnostics = std::move(parsed.diagnostics);
  doc.root_name = std::move(parsed.root_name);
  if (!parsed.root) return doc;
  bool violated = !parsed.schema_violations.Empty();
  if (parsed.root->name == "plan") {
    doc.kind = DocumentKind::kPlan;
    if (!violated) {
      doc.plan = ReadPlan(*parsed.root, doc.diagnostics);
      return doc;
    }
    // A plan that breaks the schema: its gaps become structure problems, and what the
    // reader could not map is already among them (the schema checks every value).
    DiagnosticList unmapped;
    doc.plan = ReadPlan(*parsed.root, unmapped);
    doc.structure = DescribePlanGaps(*parsed.root, parsed.schema_violations);
    return doc;
  }
  if (violated) {
    doc.diagnostics.Append(parsed.schema_violations);
    return doc;
  }
  if (parsed.root->name == "contribution") {
    doc.kind = DocumentKind::kContribution;
    doc.contribution = ReadContribution(*parsed.root, doc.diagnostics);
  } else {
    doc.diagnostics.Error("xml.unknown-root",
                          "<" + parsed.root->name + "> is not a plan or a contribution",
                          parsed.root->location);
  }
  return doc;
}

// A library exception while reading one document (a number out of range, a bad offset)
// is an error about that document, never an abort or an "internal error" naming nothing.
static LoadedDocument LoadGuarded(const std::string& name,
                                  const std::function<ParsedXml()>& parse) {
  try {
    return FromParsed(parse());
  } catch (const std::exception& e) {
    LoadedDocument doc;
    doc.diagnostics.Error("loader.internal",
                          std::string("this document could not be read (internal error: ") +
                              e.what() + "); please report it",
                          FileLocation(name));
    return doc;
  }
}

LoadedDocument LoadDocument(const std::string& path, const SchemaRegistry& schemas,
                            const XmlLimits& limits, SchemaCheck check) {
  return LoadGuarded(path, [&] { return ReadXmlFile(path, schemas, limits, check); });
}

LoadedDocument ParseDocument(std::string_view bytes, const std::string& display_name,
                             const SchemaRegistry& schemas, const XmlLimits& limits,
                             SchemaCheck check) {
  return LoadGuarded(display_name,
                     [&] { return ParseXmlMemory(bytes, display_name, schemas, limits, check); });
}

std::string_view DocumentKindName(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kPlan: return "plan";
    case DocumentKind::kContribution: return "contribution";
    case DocumentKind::kUnknown: break;
  }
  return "unknown";
}

std::optional<Plan> LoadPlanOnly(const std::string& path, const SchemaRegistry& schemas,
                                 const std::string& command, const std::string& why,
                                 DiagnosticList& problems) {
  LoadedDocument doc = LoadDocument(path, schemas);
  problems.Append(doc.diagnostics);
  if (!doc.Ok()) return std::nullopt;
  if (!doc.plan) {
    problems.Error(command + ".not-a-plan", "this is a contribution, not a plan; " + why,
                   FileLocation(path));
    return std::nullopt;
  }
  return std::move(doc.plan);
}

}  // namespace ehcp
