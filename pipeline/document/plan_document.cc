#include "document/plan_document.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <initializer_list>
#include <kainjow/mustache.hpp>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>
#include <utility>

#include "document/text_direction.h"
#include "document/text_script.h"

namespace ehcp {
namespace {

namespace mstch = kainjow::mustache;
using doc::Block;
using doc::Heading;
using doc::ListBlock;
using doc::Paragraph;
using doc::ParagraphStyle;
using doc::Span;
using doc::Table;
using doc::TableCell;

// Where the engine writes a rendered string: appended to `text`, not through an
// ostringstream, whose construction (a locale) cost more than most strings' rendering.
struct StringSink {
  std::string text;
  StringSink& operator<<(const std::string& piece) {
    text += piece;
    return *this;
  }
};

// Looks names up like the stock context, and remembers names it could not find, so a
// typo in a council's template ({{child.knwon_as}}) is reported instead of rendering as
// nothing.
class RecordingContext : public mstch::context<std::string> {
 public:
  RecordingContext(const mstch::data* data, std::set<std::string>* missing)
      : mstch::context<std::string>(data), missing_(missing) {}
  const mstch::data* get(const std::string& name) const override {
    const mstch::data* value = mstch::context<std::string>::get(name);
    if (value == nullptr) missing_->insert(name);
    return value;
  }

 private:
  std::set<std::string>* missing_;
};

// A template value: the text, or `false` when empty so {{#name}}...{{/name}} sections
// only render when there is something to say.
mstch::data Value(const std::string& text) {
  return text.empty() ? mstch::data(false) : mstch::data(text);
}

using Vars = std::initializer_list<std::pair<std::string, std::string>>;

std::unique_ptr<mstch::mustache> ParseTemplate(const std::string& text) {
  auto engine = std::make_unique<mstch::mustache>(text);
  // The output is plain text for PDF and DOCX writers, which escape for themselves; a
  // value from the plan (a name) loses any bidi control it carried.
  engine->set_custom_escape([](const std::string& s) { return WithoutBidiControls(s); });
  return engine;
}

// Whether threads may render one parse of `text` at once. Rendering reads the parsed
// template and writes only to its own context, except that a partial ({{> name}}) is
// parsed as it renders and an error in it is recorded in the engine; a text that changes
// its delimiters ({{=...=}}) may hide one. Texts with either are parsed per document.
bool Shareable(const std::string& text) {
  return text.find("{{>") == std::string::npos && text.find("{{=") == std::string::npos;
}

// Parsed template strings, by their text, shared by every thread of the process: a
// council's wording is the same for every plan, and parsing it again for each document was
// an eighth of building one. Keyed by the text, so a template set loaded again, or another
// set, never gets a stale parse; bounded, so memory stays flat however many sets a
// long-running service meets.
class ParsedTemplates {
 public:
  std::shared_ptr<mstch::mustache> Get(const std::string& text) {
    {
      std::lock_guard lock(mutex_);
      auto found = parsed_.find(text);
      if (found != parsed_.end()) return found->second;
    }
    std::shared_ptr<mstch::mustache> engine = ParseTemplate(text);  // outside the lock
    std::lock_guard lock(mutex_);
    if (parsed_.size() >= kMaxTemplates) parsed_.clear();  // engines in use stay alive
    return parsed_.emplace(text, std::move(engine)).first->second;
  }

 private:
  static constexpr size_t kMaxTemplates = 4096;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<mstch::mustache>> parsed_;
};

ParsedTemplates& SharedTemplates() {
  static ParsedTemplates templates;
  return templates;
}

std::string DateText(const std::optional<Date>& date) {
  return date ? date->ToLongEnglish() : std::string();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

// "£12,345" or "£12,345.50".
std::string Money(int64_t pence) {
  bool negative = pence < 0;
  uint64_t value =
      negative ? static_cast<uint64_t>(-(pence + 1)) + 1 : static_cast<uint64_t>(pence);
  std::string pounds = std::to_string(value / 100);
  std::string grouped;
  for (size_t i = 0; i < pounds.size(); ++i) {
    if (i > 0 && (pounds.size() - i) % 3 == 0) grouped += ',';
    grouped += pounds[i];
  }
  std::string out = (negative ? "-£" : "£") + grouped;
  if (value % 100 != 0) {
    int p = static_cast<int>(value % 100);
    out += "." + std::string(p < 10 ? "0" : "") + std::to_string(p);
  }
  return out;
}

// Ids in the order a reader counts them: "B2" before "B10", "H1.2" before "H1.10".
bool NaturalLess(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = a[i] >= '0' && a[i] <= '9', db = b[j] >= '0' && b[j] <= '9';
    if (da && db) {
      size_t ei = i, ej = j;
      while (ei < a.size() && a[ei] >= '0' && a[ei] <= '9') ++ei;
      while (ej < b.size() && b[ej] >= '0' && b[ej] <= '9') ++ej;
      std::string na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      na.erase(0, std::min(na.find_first_not_of('0'), na.size()));
      nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size()));
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei, j = ej;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i, ++j;
  }
  return a.size() - i < b.size() - j;
}

// Every run of text in the document, the plan's and the template's, passes here: bidi
// controls typed into the plan are dropped once, for both writers.
Span Plain(std::string text, std::string lang = {}) {
  Span span;
  span.text = WithoutBidiControls(text);
  span.lang = std::move(lang);
  return span;
}

Span Bold(std::string text) {
  Span span = Plain(std::move(text));
  span.bold = true;
  return span;
}

Span Link(std::string text, const std::string& anchor) {
  Span span = Plain(std::move(text));
  span.link = "#" + anchor;
  return span;
}

Paragraph Para(std::vector<Span> spans, ParagraphStyle style = ParagraphStyle::kBody) {
  Paragraph p;
  p.spans = std::move(spans);
  p.style = style;
  return p;
}

Paragraph Para(std::string text, ParagraphStyle style = ParagraphStyle::kBody) {
  return Para(std::vector<Span>{Plain(std::move(text))}, style);
}

// Marks a paragraph as holding a field of a plan item (for ehcp import).
Paragraph Marked(Paragraph p, const std::string& item_id, std::string field, int part = 0) {
  p.mark = doc::FieldMark{item_id, std::move(field), part};
  return p;
}

std::vector<Paragraph> Marked(std::vector<Paragraph> paragraphs, const std::string& item_id,
                              const std::string& field) {
  for (size_t i = 0; i < paragraphs.size(); ++i)
    paragraphs[i].mark = doc::FieldMark{item_id, field, static_cast<int>(i)};
  return paragraphs;
}

TableCell Cell(std::vector<Paragraph> paragraphs) {
  return TableCell{std::move(paragraphs)};
}
TableCell Cell(std::string text) {
  return Cell({Para(std::move(text))});
}
TableCell Cell(std::vector<Span> spans) {
  return Cell({Para(std::move(spans))});
}

std::string SectionAnchor(SectionId id) {
  return "section-" + Lower(std::string(SectionLetter(id)));
}
std::string NeedAnchor(const std::string& id) {
  return "need-" + doc::MakeAnchor(id);
}
std::string OutcomeAnchor(const std::string& id) {
  return "outcome-" + doc::MakeAnchor(id);
}
std::string ProvisionAnchor(const std::string& id) {
  return "provision-" + doc::MakeAnchor(id);
}
std::string AdviceAnchor(const std::string& id) {
  return "advice-" + doc::MakeAnchor(id);
}

constexpr SectionId kProvisionSections[] = {SectionId::kF, SectionId::kG, SectionId::kH1,
                                            SectionId::kH2};

class Builder {
 public:
  Builder(const Plan& plan, const TemplateSet& templates, DiagnosticList& diagnostics,
          const PlanDocumentOptions* options = nullptr)
      : plan_(plan),
        templates_(templates),
        diagnostics_(diagnostics),
        options_(options),
        template_file_(FileLocation((templates.folder / "template.json").string())) {
    document_.lang = plan.meta.lang.empty() ? "en-GB" : plan.meta.lang;
    IndexGoldenThread();
    BuildData();
  }

  doc::Document Build() {
    Metadata();
    if (templates_.AboutMePage()) AboutMePage();
    Cover();
    Details();
    SectionA();
    NeedsSection(plan_.b);
    NeedsSection(plan_.c);
    NeedsSection(plan_.d);
    SectionE();
    for (SectionId id : kProvisionSections) ProvisionSection(plan_.Provision(id));
    SectionI();
    SectionJ();
    SectionK();
    SignOff();
    return std::move(document_);
  }

  // The letter sent with a final plan: what was decided, the placement, and the family's
  // rights (mediation advice, appeal to the tribunal and its time limits). All of its
  // words are the template's (letter.*), so a council words it as its lawyers advise.
  doc::Document BuildLetter() {
    if (shown_as_draft_ || !issue_date_) {
      diagnostics_.Error(
          "letter.not-issued",
          "a decision letter goes with an issued plan; this plan has no date of issue",
          plan_.location);
      return std::move(document_);
    }
    document_.title = T("letter.title");
    document_.subject = T("letter.title");
    document_.author = council_name_;
    document_.keywords = T("document.keywords");
    document_.footer_left = T("document.footer");
    document_.footer_reference = T("document.footer_issued");
    document_.page_label = T("document.page_label");
    document_.layout = templates_.layout;
    const Branding& branding = templates_.branding;
    if (!branding.logo.empty()) {
      doc::Figure logo;
      logo.image_path = branding.logo.string();
      logo.alt = branding.logo_alt;
      logo.width_pt = branding.logo_width_pt;
      Add(std::move(logo));
    }
    Add(Para(council_name_, ParagraphStyle::kSubtitle));
    for (const auto& line : branding.contact_lines) Add(Para(line, ParagraphStyle::kNote));
    std::string addressee;
    std::vector<std::string> names;
    for (const auto& parent : plan_.family)
      if (parent.parental_responsibility && !parent.name.empty()) names.push_back(parent.name);
    for (size_t i = 0; i < names.size(); ++i)
      addressee += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    if (addressee.empty()) addressee = T("letter.addressee_default");
    std::string placement;
    for (const auto& p : plan_.i.placements) placement += (placement.empty() ? "" : "; ") + p.name;
    std::string appeal_by = issue_date_->AddMonths(2).ToLongEnglish();
    Vars vars = {{"addressee", addressee}, {"placement", placement}, {"appeal_by", appeal_by}};
    Add(Para(T("letter.date_line", vars)));
    Add(Para(NameSpans(T("letter.to_line", vars), {})));
    AddHeading(1, T("letter.heading", vars), "letter");
    Add(Para(NameSpans(T("letter.salutation", vars), {})));
    Add(Para(T("letter.decision", vars)));
    if (!placement.empty()) Add(Para(T("letter.placement", vars)));
    AddHeading(2, T("letter.rights_heading", vars), "rights");
    for (const char* key : {"letter.rights_appeal", "letter.rights_mediation",
                            "letter.rights_deadline", "letter.rights_recommendations",
                            "letter.rights_mediation_contact", "letter.rights_advice"})
      Add(Para(T(key, vars)));
    if (!plan_.meta.officer.name.empty()) Add(Para(T("signoff.contact")));
    Add(Para(T("letter.closing", vars)));
    if (plan_.meta.sign_off) {
      Add(Para(NameSpans(plan_.meta.sign_off->name, {})));
      Add(Para(plan_.meta.sign_off->role));
      Add(Para(T("letter.for_council", vars)));
    }
    return std::move(document_);
  }

 private:
  // ---------- Templates ----------

  // The template string `key` filled from the plan data plus `vars`. A key the template
  // set lacks is an error (the wording would be missing from a legal document); a
  // variable the data lacks is a warning and renders as nothing.
  std::string T(const std::string& key, Vars vars = {}) {
    auto it = templates_.strings.find(key);
    if (it == templates_.strings.end()) {
      if (reported_.insert("key:" + key).second) {
        diagnostics_.Error(
            "template.missing-string",
            "template has no text for \"" + key +
                "\"; add it, or add \"extends\": \"default\" to inherit the default wording",
            template_file_);
      }
      return {};
    }
    // Most strings are fixed labels: no engine needed.
    if (it->second.find("{{") == std::string::npos) return it->second;
    // Each string is parsed once, however many items and plans use it (parsing was most of
    // the builder's time); one that cannot be shared, once per document.
    std::shared_ptr<mstch::mustache> shared;
    mstch::mustache* parsed = nullptr;
    if (Shareable(it->second)) {
      shared = SharedTemplates().Get(it->second);
      parsed = shared.get();
    } else {
      auto& own = engines_[key];
      if (!own) own = ParseTemplate(it->second);
      parsed = own.get();
    }
    mstch::mustache& engine = *parsed;
    if (!engine.is_valid()) {
      if (reported_.insert("syntax:" + key).second) {
        diagnostics_.Error("template.syntax",
                           "template text \"" + key + "\": " + engine.error_message(),
                           template_file_);
      }
      return it->second;
    }
    mstch::data extra{mstch::data::type::object};
    for (const auto& [name, value] : vars) extra.set(name, Value(value));
    std::set<std::string> missing;
    RecordingContext context(&data_, &missing);
    context.push(&extra);
    StringSink sink;
    engine.render(context, sink);
    std::string out = std::move(sink.text);
    for (const auto& name : missing) {
      if (reported_.insert("var:" + key + ":" + name).second) {
        diagnostics_.Warning(
            "template.unknown-variable",
            "template text \"" + key + "\" uses {{" + name + "}}, which is not a known variable",
            template_file_);
      }
    }
    return out;
  }

  void BuildData() {
    const Child& child = plan_.child;
    council_name_ = templates_.branding.council_name.empty() ? plan_.meta.local_authority.name
                                                             : templates_.branding.council_name;
    mstch::data c{mstch::data::type::object};
    c.set("full_name", Value(child.legal_name.Full()));
    c.set("known_as", Value(child.KnownAs()));
    c.set("given_name", Value(child.legal_name.given));
    c.set("family_name", Value(child.legal_name.family));
    c.set("preferred_name", Value(child.preferred_name));
    c.set("date_of_birth", Value(child.date_of_birth.ToLongEnglish()));
    c.set("stage", Value(child.stage));
    c.set("upn", Value(child.upn));
    c.set("uln", Value(child.uln));
    c.set("nhs_number", Value(child.nhs_number));
    data_.set("child", c);

    mstch::data council{mstch::data::type::object};
    council.set("name", Value(council_name_));
    council.set("code", Value(plan_.meta.local_authority.code));
    data_.set("council", council);

    const PlanMeta& meta = plan_.meta;
    mstch::data p{mstch::data::type::object};
    p.set("id", Value(meta.plan_id));
    p.set("version", Value(std::to_string(meta.version)));
    p.set("status", Value(std::string(Token(meta.status))));
    p.set("is_draft", mstch::data(meta.status == PlanStatus::kDraft));
    p.set("is_final", mstch::data(meta.status == PlanStatus::kFinal));
    p.set("is_amended", mstch::data(meta.status == PlanStatus::kAmended));
    // A plan marked final or amended with no date of issue was never issued: it is shown
    // as a draft, watermark and all, so nobody takes it for the plan in force.
    issue_date_ = meta.status == PlanStatus::kFinal     ? meta.dates.final_issued
                  : meta.status == PlanStatus::kAmended ? meta.dates.amended_issued
                                                        : std::nullopt;
    shown_as_draft_ = !issue_date_;
    p.set("issued", Value(DateText(issue_date_)));
    data_.set("plan", p);
    // The status label is itself template text ("Draft"), used inside other texts.
    status_label_ = T(meta.status != PlanStatus::kDraft && shown_as_draft_
                          ? std::string("status.not_issued")
                          : "status." + std::string(Token(meta.status)));
    p.set("status_label", Value(status_label_));
    data_.set("plan", p);

    mstch::data officer{mstch::data::type::object};
    officer.set("name", Value(meta.officer.name));
    officer.set("role", Value(meta.officer.role));
    officer.set("email", Value(meta.officer.email));
    officer.set("phone", Value(meta.officer.phone));
    data_.set("officer", officer);

    const PlanDates& d = meta.dates;
    mstch::data dates{mstch::data::type::object};
    dates.set("request_received", Value(DateText(d.request_received)));
    dates.set("decision_to_assess", Value(DateText(d.decision_to_assess)));
    dates.set("draft_issued", Value(DateText(d.draft_issued)));
    dates.set("final_issued", Value(DateText(d.final_issued)));
    dates.set("proposed_amendments_issued", Value(DateText(d.proposed_amendments_issued)));
    dates.set("amended_issued", Value(DateText(d.amended_issued)));
    dates.set("last_review", Value(DateText(d.last_review)));
    dates.set("next_review", Value(DateText(d.next_review)));
    data_.set("dates", dates);

    mstch::data signoff{mstch::data::type::object};
    if (meta.sign_off) {
      signoff.set("name", Value(meta.sign_off->name));
      signoff.set("role", Value(meta.sign_off->role));
      signoff.set("date", Value(meta.sign_off->date.ToLongEnglish()));
    } else {
      for (const char* key : {"name", "role", "date"}) signoff.set(key, mstch::data(false));
    }
    data_.set("signoff", signoff);
  }

  // ---------- Small layout helpers ----------

  std::string Lang(const std::string& lang) const {
    return lang.empty() || Lower(lang) == Lower(document_.lang) ? std::string() : lang;
  }

  // A name or other short text: runs in a non-Latin script get the person's language
  // whose script matches; otherwise lang stays empty and writers detect the script.
  std::vector<Span> NameSpans(const std::string& text,
                              const std::vector<std::string>& languages) const {
    std::vector<Span> spans;
    for (auto& run : SplitScriptRuns(text)) {
      std::string lang;
      if (run.script != Script::kLatin && run.script != Script::kCommon) {
        for (const auto& code : languages) {
          if (ScriptOfLanguage(code) == run.script) {
            lang = code;
            break;
          }
        }
      }
      spans.push_back(Plain(std::move(run.text), Lang(lang)));
    }
    if (spans.empty()) spans.push_back(Plain(""));
    return spans;
  }

  static std::vector<std::string> Codes(const std::vector<Language>& languages) {
    std::vector<std::string> codes;
    for (const auto& l : languages) codes.push_back(l.code);
    return codes;
  }

  std::vector<Paragraph> ProseParagraphs(const Prose& prose,
                                         ParagraphStyle style = ParagraphStyle::kBody,
                                         const std::string& lang = {}) const {
    std::vector<Paragraph> out;
    for (const auto& text : prose) {
      out.push_back(Para({Plain(text.value, Lang(text.lang.empty() ? lang : text.lang))}, style));
    }
    return out;
  }

  Paragraph TextParagraph(const Text& text, ParagraphStyle style = ParagraphStyle::kBody) const {
    return Para({Plain(text.value, Lang(text.lang))}, style);
  }

  void Add(Block block) { document_.blocks.push_back(std::move(block)); }
  void AddAll(std::vector<Paragraph> paragraphs) {
    for (auto& p : paragraphs) Add(std::move(p));
  }

  // Anchors must be unique in the document; a repeated id gets a suffix.
  std::string UniqueAnchor(const std::string& anchor) {
    std::string candidate = anchor;
    for (int n = 2; !anchors_.insert(candidate).second; ++n)
      candidate = anchor + "-" + std::to_string(n);
    return candidate;
  }

  void AddHeading(int level, std::string text, const std::string& anchor, bool in_contents = true,
                  const std::string& item_id = {}) {
    Heading h;
    h.level = level;
    h.text = WithoutBidiControls(text);
    h.anchor = UniqueAnchor(anchor);
    h.in_contents = in_contents;
    // An item's heading marks the item too: retyping all of its words in Word may take
    // their bookmark with them, but the item is still there.
    if (!item_id.empty()) h.mark = doc::FieldMark{item_id, "heading", 0};
    Add(std::move(h));
  }

  std::string SectionTitle(SectionId id) {
    return T("section." + std::string(SectionLetter(id)) + ".title");
  }

  void AddSectionHeading(SectionId id) {
    std::string letter(SectionLetter(id));
    AddHeading(1, T("section.heading", {{"letter", letter}, {"title", SectionTitle(id)}}),
               SectionAnchor(id));
    Add(Para(T("section." + letter + ".lead"), ParagraphStyle::kLead));
    // The council's own opening statement for the section, when the plan has one.
    AddAll(ProseParagraphs(SectionIntro(id)));
  }

  const Prose& SectionIntro(SectionId id) const {
    switch (id) {
      case SectionId::kA: return plan_.a.intro;
      case SectionId::kB:
      case SectionId::kC:
      case SectionId::kD: return plan_.Needs(id).intro;
      case SectionId::kE: return plan_.e.intro;
      case SectionId::kF:
      case SectionId::kG:
      case SectionId::kH1:
      case SectionId::kH2: return plan_.Provision(id).intro;
      case SectionId::kI: return plan_.i.intro;
      case SectionId::kJ: return plan_.j.intro;
      case SectionId::kK: return plan_.k.intro;
    }
    return plan_.a.intro;
  }

  // A name as the family writes it, tagged with its language.
  std::vector<Paragraph> OwnScriptLine(const Text& name) {
    if (name.value.empty()) return {};
    return {Para({Plain(name.value, Lang(name.lang))})};
  }

  // The plan's own "none" statement, or the template's wording when the section is empty
  // and the plan says nothing (each section is stated, never just left out).
  void AddNone(SectionId id, const std::optional<NoneStatement>& none) {
    if (none && !none->text.value.empty()) {
      Add(TextParagraph(none->text));
    } else {
      Add(Para(T("section." + std::string(SectionLetter(id)) + ".none")));
    }
  }

  std::string NotSpecified() { return T("provision.not_specified"); }

  // "B1, B2" with each id a link to its item when the item exists.
  std::vector<Span> RefLinks(const std::vector<std::string>& ids) {
    std::vector<Span> spans;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i > 0) spans.push_back(Plain(", "));
      spans.push_back(LinkTo(ids[i]));
    }
    return spans;
  }

  Span LinkTo(const std::string& id) {
    if (plan_.FindNeed(id)) return Link(id, NeedAnchor(id));
    if (plan_.FindOutcome(id)) return Link(id, OutcomeAnchor(id));
    if (plan_.FindProvision(id)) return Link(id, ProvisionAnchor(id));
    if (plan_.FindAdvice(id)) return Link(id, AdviceAnchor(id));
    return Plain(id);
  }

  static std::vector<std::string> Ids(const std::vector<ItemRef>& refs) {
    std::vector<std::string> ids;
    for (const auto& r : refs) ids.push_back(r.id);
    return ids;
  }

  static std::vector<std::string> Ids(const std::vector<SourceRef>& refs) {
    std::vector<std::string> ids;
    for (const auto& r : refs) {
      if (std::find(ids.begin(), ids.end(), r.advice_id) == ids.end()) ids.push_back(r.advice_id);
    }
    return ids;
  }

  // "Evidence: K2, K4" as a note under an item.
  std::optional<Paragraph> Evidence(const std::string& label_key,
                                    const std::vector<SourceRef>& sources) {
    if (sources.empty()) return std::nullopt;
    std::vector<Span> spans{Plain(T(label_key) + " ")};
    for (auto& s : RefLinks(Ids(sources))) spans.push_back(std::move(s));
    return Para(std::move(spans), ParagraphStyle::kNote);
  }

  // A two-column table whose first cell heads each row.
  Table KeyValueTable(std::string caption, std::string description) {
    Table t;
    t.caption = std::move(caption);
    t.description = std::move(description);
    t.row_headers = true;
    t.column_widths = {1, 2};
    return t;
  }

  static void AddRow(Table& table, const std::string& label, TableCell value) {
    table.rows.push_back({Cell(label), std::move(value)});
  }

  // ---------- Golden thread ----------

  void IndexGoldenThread() {
    for (const auto& outcome : plan_.e.outcomes) {
      for (const auto& need : outcome.needs) outcomes_by_need_[need.id].push_back(&outcome);
    }
    for (SectionId id : kProvisionSections) {
      for (const auto& item : plan_.Provision(id).items) {
        for (const auto& need : item.needs) provision_by_need_[need.id].push_back(&item);
        for (const auto& outcome : item.outcomes)
          provision_by_outcome_[outcome.id].push_back(&item);
      }
    }
  }

  // "Needs: B1, B2" with each id a link, or the label and "Not specified".
  Paragraph LabelledRefs(const std::string& label, const std::vector<std::string>& ids) {
    std::vector<Span> spans{Plain(label + " ")};
    if (ids.empty()) spans.push_back(Plain(NotSpecified()));
    for (auto& s : RefLinks(ids)) spans.push_back(std::move(s));
    return Para(std::move(spans));
  }

  std::string FrequencyWords(const ProvisionItem& item) {
    if (!item.frequency) return NotSpecified();
    const Frequency& f = *item.frequency;
    return T("frequency.format",
             {{"count", std::to_string(f.count)},
              {"sessions", T(f.count == 1 ? "frequency.session" : "frequency.sessions")},
              {"per", T("frequency." + std::string(Token(f.per)))}});
  }

  std::string DurationWords(const std::optional<int>& minutes) {
    if (!minutes) return NotSpecified();
    int m = *minutes;
    auto minute_words = [&](int n) {
      return n == 1 ? T("duration.one_minute")
                    : T("duration.minutes", {{"minutes", std::to_string(n)}});
    };
    if (m < 60) return minute_words(m);
    int hours = m / 60, rest = m % 60;
    std::string hour_words = hours == 1 ? T("duration.one_hour")
                                        : T("duration.hours", {{"hours", std::to_string(hours)}});
    if (rest == 0) return hour_words;
    return T("duration.hours_minutes",
             {{"hours_words", hour_words}, {"minutes_words", minute_words(rest)}});
  }

  std::string StaffingWords(const Staffing& staffing) {
    std::string ratio, group;
    if (staffing.ratio) {
      ratio = T("staffing.ratio", {{"staff", std::to_string(staffing.ratio->first)},
                                   {"pupils", std::to_string(staffing.ratio->second)}});
    }
    if (staffing.group_size)
      group = T("staffing.group", {{"size", std::to_string(*staffing.group_size)}});
    if (!ratio.empty() && !group.empty())
      return T("staffing.both", {{"group", group}, {"ratio", ratio}});
    if (!ratio.empty()) return ratio;
    if (!group.empty()) return group;
    return NotSpecified();
  }

  // What a provision item is, for its title: its kind ("Speech and language therapy"),
  // or who gives it when the kind is only a category ("Other", "Health care") that
  // tells a family nothing.
  std::string ProvisionTitle(const ProvisionItem& item) {
    bool category = !item.kind || *item.kind == ProvisionKind::kOther ||
                    *item.kind == ProvisionKind::kHealthCare;
    if (category && !item.deliverer_role.empty()) {
      std::string role = item.deliverer_role;
      if (role[0] >= 'a' && role[0] <= 'z') role[0] = static_cast<char>(role[0] - 'a' + 'A');
      return role;
    }
    if (item.kind) return T("provision_kind." + std::string(Token(*item.kind)));
    return NotSpecified();
  }

  // One row per need: the need, the outcomes that address it, the provision that meets it.
  void AddGoldenThreadTable(const std::vector<const Need*>& needs, std::string caption) {
    Table t;
    t.caption = std::move(caption);
    t.description = T("golden.description");
    t.header = {T("golden.header_need"), T("golden.header_outcomes"), T("golden.header_provision")};
    t.column_widths = {1, 2, 2};
    for (const Need* need : needs) {
      std::vector<Span> need_spans{Link(need->id, NeedAnchor(need->id))};
      if (!need->title.empty()) need_spans.push_back(Plain(": " + need->title));
      std::vector<Paragraph> outcomes, provision;
      // Outcomes are printed in full once, in Section E: here each is a link to it.
      std::vector<std::string> outcome_ids;
      for (const Outcome* o : outcomes_by_need_[need->id]) outcome_ids.push_back(o->id);
      if (!outcome_ids.empty()) outcomes.push_back(Para(RefLinks(outcome_ids)));
      for (const ProvisionItem* p : provision_by_need_[need->id]) {
        // What the item is and how often identify it here; its full wording is in its
        // own section's table, one link away.
        std::string summary = ProvisionTitle(*p);
        if (p->frequency)
          summary =
              T("golden.provision_often", {{"title", summary}, {"often", FrequencyWords(*p)}});
        provision.push_back(Para({Link(p->id, ProvisionAnchor(p->id)), Plain(": " + summary)}));
      }
      if (outcomes.empty()) outcomes.push_back(Para(T("golden.no_outcomes")));
      if (provision.empty()) provision.push_back(Para(T("golden.no_provision")));
      t.rows.push_back(
          {Cell(std::move(need_spans)), Cell(std::move(outcomes)), Cell(std::move(provision))});
    }
    Add(std::move(t));
  }

  // ---------- The parts of the document ----------

  void Metadata() {
    document_.title = T("document.title");
    document_.subject = T("document.subject");
    document_.author = council_name_;
    document_.keywords = T("document.keywords");
    document_.running_header = T("document.running_header");
    document_.footer_left = T("document.footer");
    document_.page_label = T("document.page_label");
    document_.layout = templates_.layout;
    if (shown_as_draft_) {
      document_.watermark = T("document.watermark_draft");
    } else {
      document_.footer_reference = T("document.footer_issued");
    }
  }

  void Cover() {
    const Branding& branding = templates_.branding;
    if (!branding.logo.empty()) {
      doc::Figure logo;
      logo.image_path = branding.logo.string();
      logo.alt = branding.logo_alt;
      logo.width_pt = branding.logo_width_pt;
      Add(std::move(logo));
    }
    Add(Para(T("cover.title"), ParagraphStyle::kTitle));
    Add(Para(NameSpans(T("cover.name_line"), Codes(plan_.child.home_languages)),
             ParagraphStyle::kSubtitle));
    Add(Para(T("cover.status_line"), ParagraphStyle::kSubtitle));
    Add(Para(T("cover.council_line"), ParagraphStyle::kSubtitle));
    for (const auto& line : branding.contact_lines) Add(Para(line, ParagraphStyle::kNote));
    if (plan_.meta.status == PlanStatus::kDraft) {
      Add(Para({Bold(T("cover.draft_notice"))}));
    } else if (shown_as_draft_) {
      Add(Para({Bold(T("cover.not_issued_notice"))}));
    }
    CoverTables();
    Add(doc::PageBreak{});
    Add(doc::TableOfContents{T("contents.title")});
    Add(doc::PageBreak{});
  }

  std::string YearGroup() {
    if (!plan_.child.ncy) return {};
    int ncy = *plan_.child.ncy;
    if (ncy == 0) return T("details.year_group_reception");
    if (ncy < 0) return T("details.year_group_nursery");
    return T("details.year_group", {{"ncy", std::to_string(ncy)}});
  }

  // The child's details and the plan's status and dates, on the cover.
  void CoverTables() {
    const Child& child = plan_.child;
    const PlanMeta& meta = plan_.meta;
    std::vector<std::string> child_langs = Codes(child.home_languages);

    Table c = KeyValueTable(T("details.child_caption"), T("details.child_description"));
    AddRow(c, T("details.label_legal_name"), Cell(NameSpans(child.legal_name.Full(), child_langs)));
    if (auto own = OwnScriptLine(child.legal_name.own_script); !own.empty())
      AddRow(c, T("details.label_own_script"), Cell(std::move(own)));
    if (child.looked_after)
      AddRow(c, T("details.label_looked_after"),
             Cell(T("details.looked_after",
                    {{"authority", child.looked_after->authority},
                     {"virtual_school", child.looked_after->virtual_school}})));
    if (!child.preferred_name.empty()) {
      AddRow(c, T("details.label_preferred_name"),
             Cell(NameSpans(child.preferred_name, child_langs)));
    }
    AddRow(c, T("details.label_date_of_birth"), Cell(child.date_of_birth.ToLongEnglish()));
    if (std::string year = YearGroup(); !year.empty())
      AddRow(c, T("details.label_year_group"), Cell(year));
    if (!child.stage.empty()) AddRow(c, T("details.label_stage"), Cell(child.stage));
    if (!child.home_languages.empty()) {
      std::string langs;
      for (const auto& l : child.home_languages)
        langs += (langs.empty() ? "" : ", ") + (l.name.empty() ? l.code : l.name);
      AddRow(c, T("details.label_home_languages"), Cell(langs));
    }
    if (!child.upn.empty()) AddRow(c, T("details.label_upn"), Cell(child.upn));
    if (!child.uln.empty()) AddRow(c, T("details.label_uln"), Cell(child.uln));
    if (!child.nhs_number.empty()) AddRow(c, T("details.label_nhs_number"), Cell(child.nhs_number));
    Add(std::move(c));

    // A short summary keeps the cover to one page; the full history is under "About".
    Table summary = KeyValueTable(T("details.summary_caption"), T("details.summary_description"));
    AddRow(summary, T("details.label_plan_id"), Cell(meta.plan_id));
    AddRow(summary, T("details.label_status"), Cell(T("cover.status_line")));
    const PlanDates& dates = meta.dates;
    std::optional<Date> issued = IssuedDate();
    AddRow(summary, T("details.label_issued"),
           Cell(issued ? issued->ToLongEnglish() : NotSpecified()));
    if (dates.next_review)
      AddRow(summary, T("details.label_next_review"), Cell(dates.next_review->ToLongEnglish()));
    Add(std::move(summary));
  }

  // The date this version was issued: the one the cover gives.
  std::optional<Date> IssuedDate() const {
    const PlanDates& dates = plan_.meta.dates;
    switch (plan_.meta.status) {
      case PlanStatus::kAmended: return dates.amended_issued;
      case PlanStatus::kFinal: return dates.final_issued;
      default: return dates.draft_issued;
    }
  }

  // The plan's council, coordinator and the rest of its history. The reference, status
  // and version, issue date and next review are on the cover: each fact is printed once,
  // and this table says where the others are.
  void PlanDetailsTable() {
    const PlanMeta& meta = plan_.meta;
    Table p = KeyValueTable(T("details.plan_caption"), T("details.plan_description"));
    AddRow(p, T("details.label_on_cover"), Cell(T("details.on_cover")));
    AddRow(p, T("details.label_council"), Cell(council_name_));
    if (!meta.officer.name.empty()) {
      std::string officer =
          meta.officer.name + (meta.officer.role.empty() ? "" : ", " + meta.officer.role);
      AddRow(p, T("details.label_officer"), Cell(officer));
      std::vector<Paragraph> contact;
      if (!meta.officer.email.empty()) contact.push_back(Para(meta.officer.email));
      if (!meta.officer.phone.empty()) contact.push_back(Para(meta.officer.phone));
      if (!contact.empty()) AddRow(p, T("details.label_officer_contact"), Cell(std::move(contact)));
    }
    const PlanDates& d = meta.dates;
    std::optional<Date> issued = IssuedDate();
    auto date_row = [&](const char* label, const std::optional<Date>& date) {
      bool on_cover = (&date == &d.next_review) ||
                      (issued && date == issued && std::string(label).ends_with("_issued"));
      if (date && !on_cover)
        AddRow(p, T(std::string("details.label_") + label), Cell(date->ToLongEnglish()));
    };
    date_row("request_received", d.request_received);
    date_row("decision_to_assess", d.decision_to_assess);
    date_row("draft_issued", d.draft_issued);
    date_row("final_issued", d.final_issued);
    date_row("proposed_amendments_issued", d.proposed_amendments_issued);
    date_row("amended_issued", d.amended_issued);
    date_row("last_review", d.last_review);
    date_row("next_review", d.next_review);
    if (meta.timescale_exception) {
      AddRow(p, T("details.label_timescale_exception"),
             Cell({TextParagraph(*meta.timescale_exception)}));
    }
    if (meta.phase_transfer) {
      AddRow(p, T("details.label_phase_transfer"),
             Cell(T("details.phase_transfer",
                    {{"kind", T("phase_transfer." + std::string(Token(meta.phase_transfer->to)))},
                     {"date", meta.phase_transfer->transfer_date.ToLongEnglish()}})));
    }
    Add(std::move(p));
  }

  // About the child and family: who they are and how to communicate with the child.
  void Details() {
    const Child& child = plan_.child;
    AddHeading(1, T("details.heading"), "about");
    Add(Para(T("details.intro"), ParagraphStyle::kLead));
    PlanDetailsTable();
    if (!plan_.family.empty()) {
      Table f;
      f.caption = T("details.family_caption");
      f.description = T("details.family_description");
      f.header = {T("details.family_header_name"), T("details.family_header_relationship"),
                  T("details.family_header_contact"), T("details.family_header_languages"),
                  T("details.family_header_notes")};
      f.column_widths = {2.2, 1.5, 2.4, 1.6, 1.5};
      for (const auto& person : plan_.family) {
        std::vector<Paragraph> contact;
        for (const std::string* line : {&person.phone, &person.email, &person.address}) {
          if (!line->empty()) contact.push_back(Para(*line));
        }
        std::string langs;
        for (const auto& l : person.languages)
          langs += (langs.empty() ? "" : ", ") + (l.name.empty() ? l.code : l.name);
        std::vector<Paragraph> notes;
        if (person.interpreter) notes.push_back(Para(T("details.family_interpreter")));
        if (!person.parental_responsibility)
          notes.push_back(Para(T("details.family_no_parental_responsibility")));
        if (notes.empty()) notes.push_back(Para(T("details.family_no_notes")));
        if (contact.empty()) contact.push_back(Para(NotSpecified()));
        std::vector<Paragraph> name{Para(NameSpans(person.name, Codes(person.languages)))};
        for (auto& line : OwnScriptLine(person.own_script)) name.push_back(std::move(line));
        f.rows.push_back({Cell(std::move(name)),
                          Cell(person.relationship.empty() ? NotSpecified() : person.relationship),
                          Cell(std::move(contact)), Cell(langs.empty() ? NotSpecified() : langs),
                          Cell(std::move(notes))});
      }
      Add(std::move(f));
    }

    if (!child.communication.empty()) {
      AddHeading(2, T("details.communication_heading"), "about-communication");
      AddAll(ProseParagraphs(child.communication));
    }
  }

  // "Tomasz Wiśniewski (father); English translation of A5 by the interpreter": who
  // spoke is the part before the semicolon ("... said" reads wrongly with the rest).
  static std::string Speaker(const ViewEntry& entry) {
    return entry.speaker.substr(0, entry.speaker.find("; "));
  }

  std::string Attribution(const ViewEntry& entry) {
    std::string speaker = Speaker(entry);
    switch (entry.attribution.value_or(Attribution::kWrittenOnBehalf)) {
      case Attribution::kChildOwnWords: return T("section.A.attribution_own_words");
      case Attribution::kParentCarer:
        return speaker.empty() ? T("section.A.attribution_parent_unnamed")
                               : T("section.A.attribution_parent", {{"speaker", speaker}});
      case Attribution::kWrittenOnBehalf: break;
    }
    return speaker.empty() ? T("section.A.attribution_on_behalf_unnamed")
                           : T("section.A.attribution_on_behalf", {{"speaker", speaker}});
  }

  // The rest of a speaker's words after the semicolon, as a note under the attribution.
  // A view's id there ("A5") is one the reader never sees: it becomes words that link
  // to that view ("the words in Polish above").
  std::optional<Paragraph> SpeakerNote(const ViewEntry& entry) {
    size_t semi = entry.speaker.find("; ");
    if (semi == std::string::npos) return std::nullopt;
    std::string rest = entry.speaker.substr(semi + 2);
    if (rest.empty()) return std::nullopt;
    rest[0] = static_cast<char>(rest[0] >= 'a' && rest[0] <= 'z' ? rest[0] - 'a' + 'A' : rest[0]);
    std::vector<Span> spans;
    std::string plain;
    size_t i = 0;
    const auto& entries = plan_.a.entries;
    while (i < rest.size()) {
      size_t end = i;
      while (end < rest.size() && std::isalnum(static_cast<unsigned char>(rest[end])) != 0) ++end;
      std::string word = rest.substr(i, end - i);
      auto found = std::find_if(entries.begin(), entries.end(),
                                [&](const ViewEntry& e) { return e.id == word; });
      if (!word.empty() && found != entries.end() && &*found != &entry) {
        if (!plain.empty()) spans.push_back(Plain(std::exchange(plain, {})));
        std::string language;
        for (const auto& l : plan_.child.home_languages) {
          if (!found->lang.empty() && Lower(l.code) == Lower(found->lang) && !l.name.empty())
            language = l.name;
        }
        for (const auto& person : plan_.family) {
          for (const auto& l : person.languages)
            if (language.empty() && !found->lang.empty() && Lower(l.code) == Lower(found->lang) &&
                !l.name.empty())
              language = l.name;
        }
        std::string where = T(&*found < &entry ? "section.A.above" : "section.A.below");
        spans.push_back(Link(T("section.A.view_ref", {{"language", language}, {"where", where}}),
                             "view-" + doc::MakeAnchor(found->id)));
      } else {
        plain += word;
      }
      if (end < rest.size() && end == i) {
        plain += rest[end];
        ++end;
      }
      i = end;
    }
    if (!plain.empty()) spans.push_back(Plain(plain));
    return Para(std::move(spans), ParagraphStyle::kNote);
  }

  void SectionA() {
    const auto& a = plan_.a;
    AddSectionHeading(SectionId::kA);
    if (!a.gathered.value.empty()) {
      AddHeading(2, T("section.A.gathered_heading"), "section-a-gathered");
      Add(TextParagraph(a.gathered));
    }
    for (const auto& entry_kind : EnumTable<ViewKind>()) {
      std::vector<const ViewEntry*> entries;
      for (const auto& e : a.entries) {
        if (e.kind == entry_kind.value) entries.push_back(&e);
      }
      if (entries.empty()) continue;
      std::string token(entry_kind.token);
      AddHeading(2, T("section.A.kind_" + token), "section-a-" + token);
      for (const ViewEntry* e : entries) {
        // The speaker's name may be in another script: tag it with the entry's language.
        std::vector<std::string> langs;
        if (!e->lang.empty()) langs.push_back(e->lang);
        for (const auto& person : plan_.family) {
          for (const auto& l : person.languages) langs.push_back(l.code);
        }
        Paragraph attribution = Para(NameSpans(Attribution(*e), langs));
        for (auto& span : attribution.spans) span.bold = true;
        attribution.keep_with_next = true;
        attribution.anchor = UniqueAnchor("view-" + doc::MakeAnchor(e->id));
        Add(std::move(attribution));
        if (auto note = SpeakerNote(*e)) {
          note->keep_with_next = true;
          Add(std::move(*note));
        }
        ParagraphStyle style = e->attribution == Attribution::kChildOwnWords
                                   ? ParagraphStyle::kQuote
                                   : ParagraphStyle::kBody;
        AddAll(Marked(ProseParagraphs(e->text, style, e->lang), e->id, "text"));
        if (!e->gathered.empty())
          Add(Para(T("section.A.entry_gathered", {{"gathered", e->gathered}}),
                   ParagraphStyle::kNote));
      }
    }
  }

  // ---------- "About me" ----------

  // The first paragraph of the entry of `kind` that best speaks for the child: their own
  // words first, then a parent's, then words written on their behalf.
  const ViewEntry* AboutMeEntry(ViewKind kind) const {
    const ViewEntry* best = nullptr;
    auto rank = [](const ViewEntry& e) {
      switch (e.attribution.value_or(Attribution::kWrittenOnBehalf)) {
        case Attribution::kChildOwnWords: return 0;
        case Attribution::kParentCarer: return 1;
        case Attribution::kWrittenOnBehalf: break;
      }
      return 2;
    };
    for (const auto& e : plan_.a.entries) {
      if (e.kind != kind || e.text.empty() || e.text.front().value.empty()) continue;
      if (best == nullptr || rank(e) < rank(*best)) best = &e;
    }
    return best;
  }

  // A one-page summary in plain words before the cover, when the template asks for it:
  // what the child enjoys and is good at, how to communicate with them, their hopes, in
  // the words of Section A, and the outcomes they are working towards. Only a summary:
  // its paragraphs carry no field marks, so ehcp import reads the plan's words from
  // their own sections.
  void AboutMePage() {
    AddHeading(1, T("about_me.heading"), "about-me");
    Add(Para(T("about_me.lead"), ParagraphStyle::kLead));
    constexpr std::pair<ViewKind, const char*> kParts[] = {
        {ViewKind::kInterests, "interests"},
        {ViewKind::kStrengths, "strengths"},
        {ViewKind::kCommunication, "communication"},
        {ViewKind::kViews, "views"},
        {ViewKind::kAspirations, "aspirations"}};
    for (const auto& [kind, token] : kParts) {
      const ViewEntry* e = AboutMeEntry(kind);
      if (e == nullptr) continue;
      AddHeading(2, T(std::string("about_me.") + token + "_heading"),
                 std::string("about-me-") + token,
                 /*in_contents=*/false);
      bool own = e->attribution == Attribution::kChildOwnWords;
      // Who is speaking comes first, as in Section A ("Karim Haddad (father) said").
      Paragraph who = Para(NameSpans(Attribution(*e), Codes(plan_.child.home_languages)),
                           ParagraphStyle::kNote);
      who.keep_with_next = true;
      Add(std::move(who));
      Add(ProseParagraphs(Prose{e->text.front()},
                          own ? ParagraphStyle::kQuote : ParagraphStyle::kBody, e->lang)
              .front());
    }
    const auto& outcomes = plan_.e.outcomes;
    if (!outcomes.empty()) {
      AddHeading(2, T("about_me.outcomes_heading"), "about-me-outcomes", /*in_contents=*/false);
      size_t shown = outcomes.size();
      try {
        shown = std::min(shown, static_cast<size_t>(std::stoul(T("about_me.outcomes_shown"))));
      } catch (const std::exception&) {
        if (reported_.insert("about_me.outcomes_shown").second)
          diagnostics_.Warning("template.invalid",
                               "about_me.outcomes_shown must be a number; all outcomes are shown",
                               template_file_);
      }
      ListBlock list;
      for (size_t i = 0; i < shown; ++i) {
        list.items.push_back(Para({Plain(outcomes[i].text.value, Lang(outcomes[i].text.lang))}));
      }
      Add(std::move(list));
      if (shown < outcomes.size())
        Add(Para(
            {Plain(T("about_me.more_outcomes", {{"count", std::to_string(outcomes.size())}}) + " "),
             Link(T("section.heading", {{"letter", "E"}, {"title", SectionTitle(SectionId::kE)}}),
                  SectionAnchor(SectionId::kE)),
             Plain(".")},
            ParagraphStyle::kNote));
    }
    Add(doc::PageBreak{});
  }

  void AddNeed(const Need& need, int level) {
    std::string heading =
        need.title.empty() ? need.id : T("need.heading", {{"id", need.id}, {"title", need.title}});
    AddHeading(level, heading, NeedAnchor(need.id), /*in_contents=*/false, need.id);
    AddAll(Marked(ProseParagraphs(need.description), need.id, "description"));
    if (auto evidence = Evidence("need.evidence", need.sources)) Add(std::move(*evidence));
  }

  void NeedsSection(const ehcp::NeedsSection& section) {
    AddSectionHeading(section.id);
    std::string letter(SectionLetter(section.id));
    if (section.needs.empty()) {
      AddNone(section.id, section.none);
      return;
    }
    if (section.id == SectionId::kB) {
      if (!section.strengths.empty()) {
        AddHeading(2, T("section.B.strengths_heading"), "section-b-strengths");
        AddAll(ProseParagraphs(section.strengths));
      }
      // Section B is set out by the broad areas of need (SEND Code of Practice 6.28), in
      // the order of their first need, so the needs read B1, B2, ... and not B3...B8, B1.
      std::vector<std::vector<const Need*>> by_area;
      for (const auto& area : EnumTable<NeedArea>()) {
        std::vector<const Need*> needs;
        for (const auto& n : section.needs) {
          if (n.area == area.value) needs.push_back(&n);
        }
        std::stable_sort(needs.begin(), needs.end(),
                         [](const Need* x, const Need* y) { return NaturalLess(x->id, y->id); });
        if (!needs.empty()) by_area.push_back(std::move(needs));
      }
      std::stable_sort(by_area.begin(), by_area.end(), [](const auto& x, const auto& y) {
        return NaturalLess(x.front()->id, y.front()->id);
      });
      for (const auto& needs : by_area) {
        std::string token(Token(needs.front()->area));
        std::string area_name = T("area." + token);
        AddHeading(2, area_name, "section-b-" + token);
        for (const Need* n : needs) AddNeed(*n, 3);
        AddGoldenThreadTable(needs, T("golden.caption_area", {{"area", Lower(area_name)}}));
      }
      return;
    }
    std::vector<const Need*> needs;
    for (const auto& n : section.needs) {
      AddNeed(n, 2);
      needs.push_back(&n);
    }
    AddGoldenThreadTable(needs, T("golden.caption_section", {{"letter", letter}}));
  }

  void SectionE() {
    AddSectionHeading(SectionId::kE);
    if (plan_.e.outcomes.empty()) {
      Add(Para(T("section.E.none")));
      return;
    }
    for (const auto& o : plan_.e.outcomes) {
      AddHeading(2, T("outcome.heading", {{"id", o.id}}), OutcomeAnchor(o.id),
                 /*in_contents=*/false, o.id);
      Add(Marked(TextParagraph(o.text), o.id, "text"));

      Table t = KeyValueTable(T("outcome.caption", {{"id", o.id}}),
                              T("outcome.description", {{"id", o.id}}));
      std::string when;
      std::string date = DateText(o.timeframe.by);
      if (!o.timeframe.phase.empty() && !date.empty()) {
        when = T("outcome.timeframe_phase_date", {{"phase", o.timeframe.phase}, {"date", date}});
      } else if (!o.timeframe.phase.empty()) {
        when = T("outcome.timeframe_phase", {{"phase", o.timeframe.phase}});
      } else if (!date.empty()) {
        when = T("outcome.timeframe_date", {{"date", date}});
      } else {
        when = NotSpecified();
      }
      AddRow(t, T("outcome.label_timeframe"), Cell(when));
      if (o.pfa) AddRow(t, T("outcome.label_pfa"), Cell(T("pfa." + std::string(Token(*o.pfa)))));
      AddRow(t, T("outcome.label_needs"),
             o.needs.empty() ? Cell(NotSpecified()) : Cell(RefLinks(Ids(o.needs))));
      std::vector<std::string> provision;
      for (const ProvisionItem* p : provision_by_outcome_[o.id]) provision.push_back(p->id);
      AddRow(t, T("outcome.label_provision"),
             provision.empty() ? Cell(NotSpecified()) : Cell(RefLinks(provision)));
      if (!o.sources.empty())
        AddRow(t, T("outcome.label_evidence"), Cell(RefLinks(Ids(o.sources))));
      Add(std::move(t));

      if (!o.steps.empty()) {
        Paragraph label = Para({Bold(T("outcome.steps_heading", {{"id", o.id}}))});
        label.keep_with_next = true;
        Add(std::move(label));
        ListBlock steps;
        for (const auto& step : o.steps) {
          std::string text = step.by ? T("outcome.step_by",
                                         {{"text", step.text.value}, {"date", DateText(step.by)}})
                                     : step.text.value;
          steps.items.push_back(Para({Plain(text, Lang(step.text.lang))}));
        }
        Add(std::move(steps));
      }
    }
  }

  std::vector<Paragraph> ProvisionCell(const ProvisionItem& item) {
    std::vector<Paragraph> out;
    std::string title = item.id;
    if (std::string what = ProvisionTitle(item); what != NotSpecified()) title += ": " + what;
    Paragraph head = Para({Bold(std::move(title))});
    head.anchor = UniqueAnchor(ProvisionAnchor(item.id));
    out.push_back(Marked(std::move(head), item.id, "row"));
    out.push_back(Marked(TextParagraph(item.description), item.id, "description"));
    if (!item.period_wording.empty())
      out.push_back(Para(item.period_wording, ParagraphStyle::kNote));
    std::string start = DateText(item.start), end = DateText(item.end);
    if (!start.empty() && !end.empty()) {
      out.push_back(Para(T("provision.period_from_to", {{"start", start}, {"end", end}}),
                         ParagraphStyle::kNote));
    } else if (!start.empty()) {
      out.push_back(Para(T("provision.period_from", {{"start", start}}), ParagraphStyle::kNote));
    } else if (!end.empty()) {
      out.push_back(Para(T("provision.period_to", {{"end", end}}), ParagraphStyle::kNote));
    }
    if (item.personal_budget)
      out.push_back(Para(T("provision.personal_budget"), ParagraphStyle::kNote));
    if (auto evidence = Evidence("provision.evidence", item.sources))
      out.push_back(std::move(*evidence));
    return out;
  }

  void ProvisionSection(const ehcp::ProvisionSection& section) {
    AddSectionHeading(section.id);
    if (section.items.empty()) {
      AddNone(section.id, section.none);
      return;
    }
    std::string letter(SectionLetter(section.id));
    Table t;
    t.caption = T("provision.caption", {{"letter", letter}, {"title", SectionTitle(section.id)}});
    t.description = T("provision.description");
    // Four columns, each holding labelled lines, so a portrait A4 page at 12 pt has room
    // for whole words ("Occupational", "sessions", "Education"): eight one-fact columns
    // broke them mid-word.
    t.header = {T("provision.header_provision"), T("provision.header_who"),
                T("provision.header_amount"), T("provision.header_serves")};
    t.column_widths = {2.6, 1.7, 1.6, 1.25};
    for (const auto& item : section.items) {
      std::vector<Paragraph> who;
      who.push_back(Marked(Para(item.deliverer_role.empty() ? NotSpecified() : item.deliverer_role),
                           item.id, "role"));
      if (!item.deliverer_qualification.empty())
        who.push_back(Marked(Para(item.deliverer_qualification, ParagraphStyle::kNote), item.id,
                             "qualification"));
      std::string agency =
          item.agency ? T("agency." + std::string(Token(*item.agency))) : NotSpecified();
      who.push_back(Para(T("provision.agency_line", {{"agency", agency}}), ParagraphStyle::kNote));
      if (!item.commissioner.empty()) {
        who.push_back(Para(T("provision.commissioner", {{"commissioner", item.commissioner}}),
                           ParagraphStyle::kNote));
      }
      if (!item.provider.empty())
        who.push_back(
            Para(T("provision.provider", {{"provider", item.provider}}), ParagraphStyle::kNote));
      std::vector<Paragraph> amount{
          Marked(Para(T("provision.how_often_line", {{"value", FrequencyWords(item)}})), item.id,
                 "often"),
          Marked(
              Para(T("provision.how_long_line", {{"value", DurationWords(item.duration_minutes)}})),
              item.id, "long"),
          Marked(Para(T("provision.group_line", {{"value", StaffingWords(item.staffing)}})),
                 item.id, "group")};
      t.rows.push_back(
          {Cell(ProvisionCell(item)), Cell(std::move(who)), Cell(std::move(amount)),
           Cell(
               {Marked(LabelledRefs(T("provision.needs_label"), Ids(item.needs)), item.id, "needs"),
                Marked(LabelledRefs(T("provision.outcomes_label"), Ids(item.outcomes)), item.id,
                       "outcomes")})});
    }
    Add(std::move(t));
  }

  void SectionI() {
    AddSectionHeading(SectionId::kI);
    if (plan_.i.placements.empty()) {
      AddNone(SectionId::kI, plan_.i.none);
      return;
    }
    Table t;
    t.caption = T("placement.caption");
    t.description = T("placement.description");
    t.header = {T("placement.header_name"), T("placement.header_type"), T("placement.header_urn"),
                T("placement.header_attendance")};
    t.column_widths = {2.5, 2, 1, 1.3};
    for (const auto& p : plan_.i.placements) {
      std::vector<Paragraph> name{Para(p.name)};
      if (p.note) name.push_back(TextParagraph(*p.note, ParagraphStyle::kNote));
      t.rows.push_back({Cell(std::move(name)), Cell(p.type.empty() ? NotSpecified() : p.type),
                        Cell(p.urn.empty() ? NotSpecified() : p.urn),
                        Cell(p.attendance ? T("attendance." + std::string(Token(*p.attendance)))
                                          : NotSpecified())});
    }
    Add(std::move(t));
  }

  void SectionJ() {
    AddSectionHeading(SectionId::kJ);
    if (!plan_.j.budget) {
      AddNone(SectionId::kJ, plan_.j.none);
      return;
    }
    const PersonalBudget& b = *plan_.j.budget;
    Table t = KeyValueTable(T("budget.caption"), T("budget.description"));
    AddRow(t, T("budget.label_arrangement"),
           Cell(T("budget." + std::string(Token(b.arrangement)))));
    AddRow(
        t, T("budget.label_amount"),
        Cell(b.annual_amount_pence ? T("budget.amount", {{"amount", Money(*b.annual_amount_pence)}})
                                   : NotSpecified()));
    AddRow(t, T("budget.label_covers"),
           b.description.empty() ? Cell(NotSpecified()) : Cell(ProseParagraphs(b.description)));
    AddRow(t, T("budget.label_needs"),
           b.needs.empty() ? Cell(NotSpecified()) : Cell(RefLinks(Ids(b.needs))));
    AddRow(t, T("budget.label_outcomes"),
           b.outcomes.empty() ? Cell(NotSpecified()) : Cell(RefLinks(Ids(b.outcomes))));
    AddRow(t, T("budget.label_provision"),
           b.provision.empty() ? Cell(NotSpecified()) : Cell(RefLinks(Ids(b.provision))));
    Add(std::move(t));
  }

  void SectionK() {
    AddSectionHeading(SectionId::kK);
    if (plan_.k.advice.empty()) {
      Add(Para(T("section.K.none")));
      return;
    }
    Table t;
    t.caption = T("advice.caption");
    t.description = T("advice.description");
    // Five columns of labelled lines: nine one-fact columns broke words on portrait A4.
    t.header = {T("advice.header_id"), T("advice.header_title"), T("advice.header_from"),
                T("advice.header_dates"), T("advice.header_appended")};
    t.column_widths = {0.7, 2.2, 2.4, 1.9, 1.2};
    for (const auto& a : plan_.k.advice) {
      Paragraph id = Para({Bold(a.id)});
      id.anchor = UniqueAnchor(AdviceAnchor(a.id));
      std::vector<Paragraph> from;
      from.push_back(a.author.empty() ? Para(NotSpecified()) : Para(NameSpans(a.author, {})));
      for (const std::string* line : {&a.role, &a.organisation})
        if (!line->empty()) from.push_back(Para(*line, ParagraphStyle::kNote));
      if (a.agency)
        from.push_back(Para(T("agency." + std::string(Token(*a.agency))), ParagraphStyle::kNote));
      std::vector<Paragraph> dates{
          Para(T("advice.requested_line",
                 {{"date", a.requested ? DateText(a.requested) : NotSpecified()}})),
          Para(T("advice.received_line",
                 {{"date", a.received ? DateText(a.received) : NotSpecified()}}))};
      t.rows.push_back({Cell({std::move(id)}), Cell(a.title.empty() ? NotSpecified() : a.title),
                        Cell(std::move(from)), Cell(std::move(dates)), AppendedCell(a)});
    }
    Add(std::move(t));
  }

  // "Yes", or with the plan's appendices a link to the advice's: "Yes: Appendix K4".
  TableCell AppendedCell(const AdviceItem& a) {
    if (!a.appended) return Cell(T("advice.no"));
    auto link = options_ ? options_->appendix_links.find(a.id)
                         : std::map<std::string, std::string>::const_iterator();
    if (options_ == nullptr || link == options_->appendix_links.end()) return Cell(T("advice.yes"));
    Span span = Plain(T("advice.appended_link", {{"id", a.id}}));
    span.link = link->second;
    return Cell(std::vector<Span>{std::move(span)});
  }

 public:
  std::string AppendixTitle(const AdviceItem& a) {
    std::string from = a.author;
    for (const std::string* part : {&a.role, &a.organisation}) {
      if (part->empty()) continue;
      from += (from.empty() ? "" : ", ") + *part;
      break;  // the author and their role, or else the organisation
    }
    if (from.empty()) from = a.title;
    return T("appendix.title", {{"id", a.id}, {"from", from}});
  }

 private:
  void SignOff() {
    AddHeading(1, T("signoff.heading"), "sign-off");
    Add(Para(T(plan_.meta.sign_off ? "signoff.signed" : "signoff.unsigned")));
    // The signature block of an issued plan: who signed it for the council, and when.
    if (plan_.meta.sign_off && !shown_as_draft_) {
      const ehcp::SignOff& s = *plan_.meta.sign_off;
      Table block = KeyValueTable(T("signoff.block_caption"), T("signoff.block_description"));
      AddRow(block, T("signoff.label_for"), Cell(council_name_));
      AddRow(block, T("signoff.label_name"), Cell(NameSpans(s.name, {})));
      AddRow(block, T("signoff.label_role"), Cell(s.role));
      AddRow(block, T("signoff.label_date"), Cell(s.date.ToLongEnglish()));
      Add(std::move(block));
    }
    if (!plan_.meta.officer.name.empty()) Add(Para(T("signoff.contact")));
  }

  const Plan& plan_;
  const TemplateSet& templates_;
  DiagnosticList& diagnostics_;
  const PlanDocumentOptions* options_;  // nullptr: the defaults
  SourceLocation template_file_;
  doc::Document document_;
  mstch::data data_{mstch::data::type::object};
  std::string council_name_;
  std::string status_label_;
  std::optional<Date> issue_date_;  // of the version this plan is (final or amended)
  bool shown_as_draft_ = true;
  std::set<std::string> reported_;
  // Parsed once per document, by key: texts whose parse threads cannot share.
  std::unordered_map<std::string, std::unique_ptr<mstch::mustache>> engines_;
  std::set<std::string> anchors_;
  std::map<std::string, std::vector<const Outcome*>> outcomes_by_need_;
  std::map<std::string, std::vector<const ProvisionItem*>> provision_by_need_;
  std::map<std::string, std::vector<const ProvisionItem*>> provision_by_outcome_;
};

}  // namespace

doc::Document BuildPlanDocument(const Plan& plan, const TemplateSet& templates,
                                DiagnosticList& diagnostics) {
  return Builder(plan, templates, diagnostics).Build();
}

doc::Document BuildPlanDocument(const Plan& plan, const TemplateSet& templates,
                                const PlanDocumentOptions& options, DiagnosticList& diagnostics) {
  return Builder(plan, templates, diagnostics, &options).Build();
}

std::string AppendixTitle(const Plan& plan, const AdviceItem& advice, const TemplateSet& templates,
                          DiagnosticList& diagnostics) {
  return Builder(plan, templates, diagnostics).AppendixTitle(advice);
}

doc::Document BuildDecisionLetter(const Plan& plan, const TemplateSet& templates,
                                  DiagnosticList& diagnostics) {
  return Builder(plan, templates, diagnostics).BuildLetter();
}

}  // namespace ehcp
