// Plan model -> plan XML with pugixml. Elements and attributes are written in the order
// the schema's sequences require; optional values are written only when set, so a plan
// read from a file and written again keeps its content.

#include "assemble/plan_xml_writer.h"

#include <cstdio>
#include <pugixml.hpp>
#include <sstream>

#include "loader/xml_tree.h"

namespace ehcp {
namespace {

using pugi::xml_node;

void Attr(xml_node node, const char* name, const std::string& value) {
  if (!value.empty()) node.append_attribute(name).set_value(value.c_str());
}

void Attr(xml_node node, const char* name, const std::optional<Date>& value) {
  if (value) Attr(node, name, value->ToIso());
}

template <typename E>
void EnumAttr(xml_node node, const char* name, const std::optional<E>& value) {
  if (value) Attr(node, name, std::string(Token(*value)));
}

xml_node TextChild(xml_node parent, const char* name, const std::string& text) {
  xml_node child = parent.append_child(name);
  child.text().set(text.c_str());
  return child;
}

void OptionalChild(xml_node parent, const char* name, const std::string& text) {
  if (!text.empty()) TextChild(parent, name, text);
}

void WriteProse(xml_node parent, const char* name, const Prose& prose) {
  xml_node node = parent.append_child(name);
  for (const auto& p : prose) TextChild(node, "p", p.value);
}

// An optional paragraph block (a section's opening statement, strengths): only when there.
void WriteOptionalProse(xml_node parent, const char* name, const Prose& prose) {
  if (!prose.empty()) WriteProse(parent, name, prose);
}

void WriteOwnScript(xml_node parent, const Text& name) {
  if (name.value.empty()) return;
  xml_node node = TextChild(parent, "ownScript", name.value);
  Attr(node, "xml:lang", name.lang);
}

void WriteSources(xml_node parent, const std::vector<SourceRef>& sources) {
  for (const auto& s : sources) {
    xml_node node = parent.append_child("source");
    Attr(node, "advice", s.advice_id);
    Attr(node, "locator", s.locator);
  }
}

void WriteRefs(xml_node parent, const char* name, const std::vector<ItemRef>& refs) {
  for (const auto& r : refs) Attr(parent.append_child(name), "ref", r.id);
}

void WriteLanguage(xml_node parent, const char* name, const Language& language) {
  xml_node node = TextChild(parent, name, language.name);
  Attr(node, "code", language.code);
}

void WriteMeta(xml_node root, const PlanMeta& meta) {
  xml_node m = root.append_child("meta");
  xml_node la = m.append_child("localAuthority");
  Attr(la, "name", meta.local_authority.name);
  Attr(la, "code", meta.local_authority.code);
  xml_node officer = m.append_child("officer");
  Attr(officer, "name", meta.officer.name);
  Attr(officer, "role", meta.officer.role);
  Attr(officer, "email", meta.officer.email);
  Attr(officer, "phone", meta.officer.phone);
  xml_node dates = m.append_child("dates");
  const PlanDates& d = meta.dates;
  Attr(dates, "requestReceived", d.request_received);
  Attr(dates, "decisionToAssess", d.decision_to_assess);
  Attr(dates, "draftIssued", d.draft_issued);
  Attr(dates, "finalIssued", d.final_issued);
  Attr(dates, "proposedAmendmentsIssued", d.proposed_amendments_issued);
  Attr(dates, "amendedIssued", d.amended_issued);
  Attr(dates, "lastReview", d.last_review);
  Attr(dates, "nextReview", d.next_review);
  if (meta.timescale_exception) TextChild(m, "timescaleException", meta.timescale_exception->value);
  if (meta.phase_transfer) {
    xml_node p = m.append_child("phaseTransfer");
    Attr(p, "to", std::string(Token(meta.phase_transfer->to)));
    Attr(p, "transferDate", meta.phase_transfer->transfer_date.ToIso());
  }
  if (meta.sign_off) {
    xml_node s = m.append_child("signOff");
    Attr(s, "name", meta.sign_off->name);
    Attr(s, "role", meta.sign_off->role);
    Attr(s, "date", meta.sign_off->date.ToIso());
  }
  if (!meta.history.Empty()) {
    xml_node h = m.append_child("history");
    // Oldest first, issues and reviews interleaved by date as the schema allows.
    size_t i = 0, r = 0;
    const auto& issues = meta.history.issues;
    const auto& reviews = meta.history.reviews;
    while (i < issues.size() || r < reviews.size()) {
      if (r >= reviews.size() || (i < issues.size() && issues[i].issued <= reviews[r].meeting)) {
        const PlanIssue& issue = issues[i++];
        xml_node node = h.append_child("issue");
        Attr(node, "kind", std::string(Token(issue.kind)));
        if (issue.version) Attr(node, "version", std::to_string(*issue.version));
        Attr(node, "issued", issue.issued.ToIso());
        Attr(node, "responseReceived", issue.response_received);
      } else {
        const AnnualReviewMeeting& review = reviews[r++];
        xml_node node = h.append_child("annualReview");
        Attr(node, "meeting", review.meeting.ToIso());
        Attr(node, "decisionNotified", review.decision_notified);
        EnumAttr(node, "decision", review.decision);
      }
    }
  }
}

void WriteChild(xml_node root, const Child& child) {
  xml_node c = root.append_child("child");
  xml_node name = c.append_child("legalName");
  TextChild(name, "given", child.legal_name.given);
  OptionalChild(name, "middle", child.legal_name.middle);
  TextChild(name, "family", child.legal_name.family);
  WriteOwnScript(name, child.legal_name.own_script);
  OptionalChild(c, "preferredName", child.preferred_name);
  TextChild(c, "dateOfBirth", child.date_of_birth.ToIso());
  xml_node year = c.append_child("yearGroup");
  if (child.ncy) Attr(year, "ncy", std::to_string(*child.ncy));
  Attr(year, "stage", child.stage);
  for (const auto& l : child.home_languages) WriteLanguage(c, "homeLanguage", l);
  WriteProse(c, "communication", child.communication);
  if (!child.upn.empty() || !child.uln.empty() || !child.nhs_number.empty()) {
    xml_node ids = c.append_child("identifiers");
    Attr(ids, "upn", child.upn);
    Attr(ids, "uln", child.uln);
    Attr(ids, "nhs", child.nhs_number);
  }
  if (child.looked_after) {
    xml_node la = c.append_child("lookedAfter");
    Attr(la, "authority", child.looked_after->authority);
    Attr(la, "since", child.looked_after->since);
    Attr(la, "virtualSchool", child.looked_after->virtual_school);
  }
}

void WriteFamily(xml_node root, const std::vector<ParentCarer>& family) {
  xml_node f = root.append_child("family");
  for (const auto& p : family) {
    xml_node node = f.append_child("parentCarer");
    if (p.interpreter) Attr(node, "interpreter", "true");
    if (!p.parental_responsibility) Attr(node, "parentalResponsibility", "false");
    TextChild(node, "name", p.name);
    WriteOwnScript(node, p.own_script);
    TextChild(node, "relationship", p.relationship);
    OptionalChild(node, "phone", p.phone);
    OptionalChild(node, "email", p.email);
    OptionalChild(node, "address", p.address);
    for (const auto& l : p.languages) WriteLanguage(node, "language", l);
  }
}

void WriteView(xml_node parent, const ViewEntry& v) {
  xml_node e = parent.append_child("entry");
  Attr(e, "id", v.id);
  Attr(e, "kind", std::string(Token(v.kind)));
  EnumAttr(e, "attribution", v.attribution);
  Attr(e, "speaker", v.speaker);
  Attr(e, "gathered", v.gathered);
  Attr(e, "xml:lang", v.lang);
  WriteProse(e, "text", v.text);
  WriteSources(e, v.sources);
}

void WriteNone(xml_node section, const std::optional<NoneStatement>& none) {
  if (none) TextChild(section, "none", none->text.value);
}

void WriteNeeds(xml_node root, const char* name, const NeedsSection& section) {
  xml_node s = root.append_child(name);
  WriteOptionalProse(s, "intro", section.intro);
  WriteOptionalProse(s, "strengths", section.strengths);
  for (const auto& n : section.needs) {
    xml_node node = s.append_child("need");
    Attr(node, "id", n.id);
    Attr(node, "area", std::string(Token(n.area)));
    Attr(node, "title", n.title);
    WriteProse(node, "description", n.description);
    WriteSources(node, n.sources);
  }
  if (section.needs.empty()) WriteNone(s, section.none);
}

void WriteOutcome(xml_node parent, const Outcome& o) {
  xml_node node = parent.append_child("outcome");
  Attr(node, "id", o.id);
  EnumAttr(node, "pfa", o.pfa);
  TextChild(node, "text", o.text.value);
  WriteRefs(node, "meets", o.needs);
  if (!o.timeframe.Empty()) {
    xml_node tf = node.append_child("timeframe");
    Attr(tf, "by", o.timeframe.by);
    Attr(tf, "phase", o.timeframe.phase);
  }
  for (const auto& step : o.steps) {
    xml_node s = TextChild(node, "step", step.text.value);
    Attr(s, "by", step.by);
  }
  WriteSources(node, o.sources);
}

void WriteProvision(xml_node parent, const ProvisionItem& p) {
  xml_node node = parent.append_child("provision");
  Attr(node, "id", p.id);
  EnumAttr(node, "kind", p.kind);
  if (p.personal_budget) Attr(node, "personalBudget", "true");
  TextChild(node, "description", p.description.value);
  WriteRefs(node, "meets", p.needs);
  WriteRefs(node, "towards", p.outcomes);
  if (!p.deliverer_role.empty()) {
    xml_node by = node.append_child("deliveredBy");
    Attr(by, "role", p.deliverer_role);
    Attr(by, "qualification", p.deliverer_qualification);
  }
  OptionalChild(node, "provider", p.provider);
  if (p.frequency) {
    xml_node f = node.append_child("frequency");
    Attr(f, "count", std::to_string(p.frequency->count));
    Attr(f, "per", std::string(Token(p.frequency->per)));
  }
  if (p.duration_minutes)
    Attr(node.append_child("duration"), "minutes", std::to_string(*p.duration_minutes));
  if (p.staffing.ratio || p.staffing.group_size) {
    xml_node s = node.append_child("staffing");
    if (p.staffing.ratio)
      Attr(
          s, "ratio",
          std::to_string(p.staffing.ratio->first) + ":" + std::to_string(p.staffing.ratio->second));
    if (p.staffing.group_size) Attr(s, "groupSize", std::to_string(*p.staffing.group_size));
  }
  if (p.start || p.end || !p.period_wording.empty()) {
    xml_node period = node.append_child("period");
    if (!p.period_wording.empty()) period.text().set(p.period_wording.c_str());
    Attr(period, "start", p.start);
    Attr(period, "end", p.end);
  }
  if (p.agency) {
    xml_node r = node.append_child("responsible");
    Attr(r, "agency", std::string(Token(*p.agency)));
    Attr(r, "commissioner", p.commissioner);
  }
  WriteSources(node, p.sources);
}

void WriteProvisionSection(xml_node root, const char* name, const ProvisionSection& section) {
  xml_node s = root.append_child(name);
  WriteOptionalProse(s, "intro", section.intro);
  for (const auto& p : section.items) WriteProvision(s, p);
  if (section.items.empty()) WriteNone(s, section.none);
}

std::string Pounds(int64_t pence) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld", static_cast<long long>(pence / 100),
                static_cast<long long>(pence % 100));
  return buffer;
}

void WritePlacement(xml_node root, const SectionI& i) {
  xml_node s = root.append_child("sectionI");
  WriteOptionalProse(s, "intro", i.intro);
  for (const auto& p : i.placements) {
    xml_node node = s.append_child("placement");
    OptionalChild(node, "name", p.name);
    TextChild(node, "type", p.type);
    OptionalChild(node, "urn", p.urn);
    if (p.attendance) TextChild(node, "attendance", std::string(Token(*p.attendance)));
    if (p.note) TextChild(node, "note", p.note->value);
  }
  if (i.placements.empty()) WriteNone(s, i.none);
}

void WriteBudget(xml_node root, const SectionJ& j) {
  xml_node s = root.append_child("sectionJ");
  WriteOptionalProse(s, "intro", j.intro);
  if (j.budget) {
    const PersonalBudget& b = *j.budget;
    xml_node node = s.append_child("personalBudget");
    Attr(node, "arrangement", std::string(Token(b.arrangement)));
    if (b.annual_amount_pence) Attr(node, "annualAmount", Pounds(*b.annual_amount_pence));
    WriteProse(node, "description", b.description);
    WriteRefs(node, "meets", b.needs);
    WriteRefs(node, "towards", b.outcomes);
    WriteRefs(node, "funds", b.provision);
  } else {
    WriteNone(s, j.none);
  }
}

void WriteAdvice(xml_node root, const SectionK& k) {
  xml_node s = root.append_child("sectionK");
  WriteOptionalProse(s, "intro", k.intro);
  for (const auto& a : k.advice) {
    xml_node node = s.append_child("advice");
    Attr(node, "id", a.id);
    Attr(node, "category", std::string(Token(a.category)));
    EnumAttr(node, "agency", a.agency);
    Attr(node, "requested", a.requested);
    Attr(node, "received", a.received);
    Attr(node, "appended", a.appended ? "true" : "false");
    Attr(node, "file", a.file);
    TextChild(node, "title", a.title);
    TextChild(node, "author", a.author);
    TextChild(node, "role", a.role);
    OptionalChild(node, "organisation", a.organisation);
  }
}

void WriteReview(xml_node root, const std::vector<AcceptedFinding>& accepted) {
  if (accepted.empty()) return;
  xml_node s = root.append_child("review");
  for (const auto& a : accepted) {
    xml_node node = TextChild(s, "accepted", a.reason.value);
    Attr(node, "rule", a.rule_id);
    Attr(node, "item", a.item_id);
    Attr(node, "by", a.by);
    Attr(node, "date", a.date.ToIso());
  }
}

}  // namespace

std::string RenderPlanXml(const Plan& plan) {
  pugi::xml_document doc;
  xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";

  xml_node root = doc.append_child("plan");
  Attr(root, "xmlns", std::string(kEhcpNamespace));
  Attr(root, "id", plan.meta.plan_id);
  Attr(root, "version", std::to_string(plan.meta.version));
  Attr(root, "status", std::string(Token(plan.meta.status)));
  Attr(root, "xml:lang", plan.meta.lang);

  WriteMeta(root, plan.meta);
  WriteChild(root, plan.child);
  WriteFamily(root, plan.family);
  xml_node a = root.append_child("sectionA");
  WriteOptionalProse(a, "intro", plan.a.intro);
  TextChild(a, "gathered", plan.a.gathered.value);
  for (const auto& v : plan.a.entries) WriteView(a, v);
  WriteNeeds(root, "sectionB", plan.b);
  WriteNeeds(root, "sectionC", plan.c);
  WriteNeeds(root, "sectionD", plan.d);
  xml_node e = root.append_child("sectionE");
  WriteOptionalProse(e, "intro", plan.e.intro);
  for (const auto& o : plan.e.outcomes) WriteOutcome(e, o);
  WriteProvisionSection(root, "sectionF", plan.f);
  WriteProvisionSection(root, "sectionG", plan.g);
  WriteProvisionSection(root, "sectionH1", plan.h1);
  WriteProvisionSection(root, "sectionH2", plan.h2);
  WritePlacement(root, plan.i);
  WriteBudget(root, plan.j);
  WriteAdvice(root, plan.k);
  WriteReview(root, plan.accepted);

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

std::string RenderContributionXml(const Contribution& c) {
  pugi::xml_document doc;
  xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";

  xml_node root = doc.append_child("contribution");
  Attr(root, "xmlns", std::string(kEhcpNamespace));
  Attr(root, "id", c.id);
  Attr(root, "category", std::string(Token(c.category)));
  Attr(root, "requested", c.requested);
  Attr(root, "written", c.written.ToIso());
  Attr(root, "xml:lang", c.lang);

  xml_node who = root.append_child("contributor");
  Attr(who, "kind", std::string(Token(c.contributor.kind)));
  EnumAttr(who, "agency", c.contributor.agency);
  TextChild(who, "name", c.contributor.name);
  TextChild(who, "role", c.contributor.role);
  OptionalChild(who, "organisation", c.contributor.organisation);
  xml_node about = root.append_child("about");
  Attr(about, "name", c.about_name);
  Attr(about, "dateOfBirth", c.about_date_of_birth.ToIso());
  TextChild(root, "title", c.title);
  WriteOptionalProse(root, "summary", c.summary);
  if (!c.views.empty()) {
    xml_node views = root.append_child("views");
    for (const auto& v : c.views) WriteView(views, v);
  }
  if (!c.needs.empty()) {
    xml_node needs = root.append_child("needs");
    for (const auto& n : c.needs) {
      xml_node node = needs.append_child("need");
      Attr(node, "id", n.id);
      Attr(node, "area", std::string(Token(n.area)));
      Attr(node, "title", n.title);
      WriteProse(node, "description", n.description);
      WriteSources(node, n.sources);
    }
  }
  if (!c.outcomes.empty()) {
    xml_node outcomes = root.append_child("outcomes");
    for (const auto& o : c.outcomes) WriteOutcome(outcomes, o);
  }
  if (!c.provision.empty()) {
    xml_node provisions = root.append_child("provisions");
    for (const auto& p : c.provision) WriteProvision(provisions, p);
  }

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

bool RenderValidPlanXml(const Plan& plan, const std::string& display_name,
                        const SchemaRegistry& schemas, const std::string& code,
                        const std::string& message, std::string& xml, DiagnosticList& diagnostics) {
  xml = RenderPlanXml(plan);
  ParsedXml check = ParseXmlMemory(xml, display_name, schemas);
  if (check.root && !check.diagnostics.HasErrors()) return true;
  diagnostics.Error(code, message, FileLocation(display_name));
  diagnostics.Append(check.diagnostics);
  return false;
}

}  // namespace ehcp
