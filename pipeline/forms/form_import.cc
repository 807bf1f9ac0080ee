#include "forms/form_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "assemble/plan_xml_writer.h"
#include "forms/form_writer.h"
#include "loader/xml_tree.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"

namespace ehcp::forms {

std::optional<std::string> FormKindOf(const WordDocument& word) {
  for (const auto& p : word.paragraphs)
    for (const auto& mark : p.marks)
      if (mark.field == kFormMarkField) return mark.item_id;
  return std::nullopt;
}

namespace {

std::string Trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return std::string(text.substr(b, e - b));
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool SameMark(const doc::FieldMark& a, const doc::FieldMark& b) {
  return a.item_id == b.item_id && a.field == b.field;
}

// "2026-07-09", "09/07/2026", "9.7.2026" or "9 July 2026" (days first, as in England).
std::optional<Date> ReadDate(std::string_view words) {
  std::string text = Trim(words);
  if (auto iso = Date::FromIso(text)) return iso;
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      current += c;
    } else if (!current.empty()) {
      parts.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) parts.push_back(current);
  if (parts.size() != 3) return std::nullopt;
  auto number = [](const std::string& s) -> int {
    if (s.empty() || s.size() > 4) return -1;
    for (char c : s)
      if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    return std::stoi(s);
  };
  int day = number(parts[0]);
  int month = number(parts[1]);
  if (month < 0) {
    std::string name = Lower(parts[1]);
    for (int i = 0; i < 12; ++i)
      if (name.size() >= 3 && kMonths[i].substr(0, name.size()) == name) month = i + 1;
  }
  int year = number(parts[2]);
  if (parts[2].size() != 4 || !IsValidDate(year, month, day)) return std::nullopt;
  return Date{year, month, day};
}

// The words of a box or a cell: its non-empty paragraphs and the place of the first.
struct Answer {
  std::vector<std::string> paragraphs;
  WordPlace place;
  bool present = false;  // the box is in the document (its mark was found)
  std::string Joined() const {
    std::string out;
    for (const auto& p : paragraphs) out += (out.empty() ? "" : " ") + p;
    return out;
  }
};

using Row = std::vector<Answer>;  // by column

class FormReader {
 public:
  FormReader(const WordDocument& word, const std::string& name, const FormSpec& spec,
             const ProvisionGrammar& grammar)
      : word_(word),
        name_(std::make_shared<const std::string>(name)),
        spec_(spec),
        grammar_(grammar) {}

  FormImport Read() {
    CollectWording();
    Collect();
    Build();
    return std::move(out_);
  }

 private:
  SourceLocation At(const WordPlace& place) const {
    SourceLocation where(name_);
    where.place = place.ToString();
    where.order = place.paragraph;
    return where;
  }

  void CollectWording() {
    known_.insert(Trim(spec_.title));
    for (const auto& i : spec_.intro) known_.insert(Trim(i));
    for (const auto& part : spec_.parts) {
      known_.insert(Trim(part.title));
      known_.insert(Trim(part.intro));
      for (const auto& p : part.prompts) {
        known_.insert(Trim(p.prompt));
        known_.insert(Trim(p.hint));
        for (const auto& c : p.columns) known_.insert(Trim(c.label));
        prompts_.push_back(&p);
      }
    }
  }

  const FormPrompt* PromptFor(const doc::FieldMark& mark) const {
    for (const FormPrompt* p : prompts_)
      if (SameMark(PromptMark(*p), mark)) return p;
    return nullptr;
  }

  // Sorts every paragraph into a box, a table row, the form's own wording, or not mapped.
  void Collect() {
    std::map<int, const FormPrompt*> table_of;  // table number -> its prompt
    std::map<int, int> header_row;
    for (const auto& p : word_.paragraphs)
      for (const auto& mark : p.marks)
        if (mark.field == "formtable" && p.place.table > 0)
          if (const FormPrompt* prompt = PromptFor(mark)) {
            table_of.emplace(p.place.table, prompt);
            header_row.emplace(p.place.table, p.place.row);
          }

    const FormPrompt* previous_box = nullptr;  // the box the paragraph before was in
    for (const auto& p : word_.paragraphs) {
      std::string text = Trim(p.text);
      const FormPrompt* was_in = previous_box;
      previous_box = nullptr;
      if (p.place.table > 0 && table_of.count(p.place.table) > 0) {
        const FormPrompt* table = table_of[p.place.table];
        if (p.place.row <= header_row[p.place.table]) continue;  // the column headings
        auto& row = tables_[table][p.place.row];
        size_t column = static_cast<size_t>(p.place.column - 1);
        if (column >= table->columns.size()) {
          NotMapped(p, text, "a column the form does not have");
          continue;
        }
        row.resize(table->columns.size());
        Answer& cell = row[column];
        if (cell.paragraphs.empty())
          cell.place = WordPlace{p.place.paragraph, p.place.table, p.place.row, 0};
        if (!text.empty()) cell.paragraphs.push_back(text);
        continue;
      }
      const FormPrompt* box = nullptr;
      for (const auto& mark : p.marks)
        if (mark.field != "formtable")
          if ((box = PromptFor(mark)) != nullptr) break;
      if (box != nullptr) {
        Answer& answer = boxes_[box];
        if (!answer.present) answer.place = p.place;
        answer.present = true;
        if (!text.empty()) answer.paragraphs.push_back(text);
        previous_box = box;
        continue;
      }
      if (was_in != nullptr && ContinuesBox(boxes_[was_in], text)) continue;
      if (text.empty() || known_.count(text) > 0) continue;
      NotMapped(p, text,
                p.place.table > 0 ? "a table that is not one of the form's" : "outside the boxes");
    }
  }

  // LibreOffice (7.4) keeps only the first paragraph of a box of several in the content
  // control, and writes after it one unmarked paragraph with the whole box's text run
  // together ("First.Second."). That paragraph is the box's, not stray text: its words
  // after the ones already read are taken into the box (as one paragraph).
  static bool ContinuesBox(Answer& answer, const std::string& text) {
    std::string read;
    for (const auto& p : answer.paragraphs) read += p;
    if (read.empty() || text.size() <= read.size() || text.compare(0, read.size(), read) != 0)
      return false;
    std::string rest = Trim(std::string_view(text).substr(read.size()));
    if (!rest.empty()) answer.paragraphs.push_back(rest);
    return true;
  }

  void NotMapped(const WordParagraph& p, const std::string& text, const std::string& why) {
    if (text.empty()) return;
    out_.diagnostics.Warning("form.not-mapped",
                             "not mapped: \"" + text + "\" is " + why +
                                 "; copy it into the box it belongs to and import again",
                             At(p.place));
  }

  const Answer* Box(const FormPrompt* prompt) const {
    auto it = boxes_.find(prompt);
    return it == boxes_.end() ? nullptr : &it->second;
  }

  // A field's words; an error when a required one is missing or empty.
  std::string Field(std::string_view name, std::string_view what) {
    const FormPrompt* prompt = spec_.Field(name);
    if (prompt == nullptr) return {};
    const Answer* answer = Box(prompt);
    std::string text = answer != nullptr ? answer->Joined() : std::string();
    if (text.empty() && prompt->required) {
      SourceLocation where(name_);
      if (answer != nullptr) {
        where = At(answer->place);
      } else {
        where.place = "no box for it in the document";
      }
      out_.diagnostics.Error("form.required",
                             "\"" + prompt->prompt + "\" is empty; the " + std::string(what) +
                                 " is needed to use this advice",
                             where);
    }
    if (!text.empty() && answer != nullptr)
      out_.read.push_back({answer->place.ToString(), std::string(what), text, ""});
    return text;
  }

  std::optional<Date> DateField(std::string_view name, std::string_view what) {
    std::string text = Field(name, what);
    if (text.empty()) return std::nullopt;
    std::optional<Date> date = ReadDate(text);
    if (!date) {
      const FormPrompt* prompt = spec_.Field(name);
      out_.diagnostics.Error(
          "form.date",
          "\"" + text + "\" in \"" + prompt->prompt +
              "\" is not a date; write it as day/month/year, for example 17/01/2014",
          At(Box(prompt)->place));
    }
    return date;
  }

  static std::string IdDigest(const std::string& text) {
    uint32_t hash = 2166136261u;  // FNV-1a: two contributors on one day get different ids
    for (unsigned char c : text) hash = (hash ^ c) * 16777619u;
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(hash >> shift) & 0xF];
    return out;
  }

  // The needs a "which need" cell names: an area's short name or title, or a need id.
  std::vector<ItemRef> NeedRefs(const Answer& cell, const std::string& what) {
    std::vector<ItemRef> refs;
    std::string words = Lower(cell.Joined());
    if (words.empty()) return refs;
    for (const auto& [prompt, id] : need_ids_) {
      std::string short_name = Lower(prompt->short_name);
      std::string label = Lower(std::string(Label(prompt->area)));
      if ((!short_name.empty() && words.find(short_name) != std::string::npos) ||
          words.find(label) != std::string::npos || words == Lower(id))
        refs.push_back({id, {}});
    }
    if (refs.empty())
      out_.diagnostics.Warning("form.not-mapped",
                               "not mapped: \"" + cell.Joined() + "\" (which need " + what +
                                   " is about) names no need written on this form; link it in "
                                   "the plan by hand",
                               At(cell.place));
    return refs;
  }

  static std::string RefList(const std::vector<ItemRef>& refs) {
    std::string out;
    for (const auto& r : refs) out += (out.empty() ? "" : ", ") + r.id;
    return out;
  }

  void Build() {
    Contribution c;
    c.lang = "en-GB";
    c.category = spec_.category;
    c.title = spec_.contribution_title;
    c.contributor.kind = spec_.contributor;
    c.contributor.agency = spec_.agency;
    c.about_name = Field("childName", "child's or young person's name");
    std::optional<Date> born = DateField("dateOfBirth", "date of birth");
    c.contributor.name = spec_.Field("contributorName") != nullptr
                             ? Field("contributorName", "name of whoever wrote the advice")
                             : c.about_name;  // the child's own form: asked once
    c.contributor.role =
        spec_.Field("role") != nullptr ? Field("role", "writer's role") : spec_.role;
    if (c.contributor.role.empty()) c.contributor.role = spec_.title;
    c.contributor.organisation = Field("organisation", "organisation");
    std::optional<Date> written = DateField("written", "date it was written");
    for (const auto& p : [&] {
           const FormPrompt* s = spec_.Field("summary");
           const Answer* a = s != nullptr ? Box(s) : nullptr;
           return a != nullptr ? a->paragraphs : std::vector<std::string>{};
         }())
      c.summary.push_back(Text{p, {}, {}});
    if (!c.summary.empty())
      out_.read.push_back(
          {Box(spec_.Field("summary"))->place.ToString(), "summary", c.summary.front().value, ""});
    if (out_.diagnostics.HasErrors()) return;
    c.about_date_of_birth = *born;
    c.written = *written;
    std::string date = c.written.ToIso();
    date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
    std::string kind = spec_.kind;
    std::transform(kind.begin(), kind.end(), kind.begin(), ::toupper);
    c.id = "C-" + kind + "-" + date + "-" + IdDigest(c.contributor.name + "\n" + c.about_name);
    SourceRef source{c.id, "", {}};

    for (const FormPrompt* prompt : prompts_) {
      const Answer* a = Box(prompt);
      if (a == nullptr || a->paragraphs.empty()) continue;
      Prose prose;
      for (const auto& p : a->paragraphs) prose.push_back(Text{p, {}, {}});
      if (prompt->kind == PromptKind::kView) {
        ViewEntry v;
        v.id = "V" + std::to_string(c.views.size() + 1);
        v.kind = prompt->view;
        v.attribution = spec_.attribution;
        v.speaker = c.contributor.name;
        v.gathered = spec_.gathered + ", " + c.written.ToLongEnglish();
        v.text = prose;
        v.sources.push_back(source);
        out_.read.push_back({a->place.ToString(),
                             "view " + v.id + " (" + std::string(Label(v.kind)) + ")",
                             a->paragraphs.front(), ""});
        c.views.push_back(std::move(v));
      } else if (prompt->kind == PromptKind::kNeed) {
        Need n;
        n.id = "N" + std::to_string(c.needs.size() + 1);
        n.area = prompt->area;
        n.description = prose;
        n.sources.push_back(source);
        need_ids_.emplace_back(prompt, n.id);
        out_.read.push_back({a->place.ToString(),
                             "need " + n.id + " (" + std::string(Label(n.area)) + ")",
                             a->paragraphs.front(), ""});
        c.needs.push_back(std::move(n));
      }
    }

    for (const FormPrompt* prompt : prompts_) {
      if (prompt->kind != PromptKind::kTable) continue;
      for (auto& [number, row] : tables_[prompt]) {
        row.resize(prompt->columns.size());
        std::map<std::string, const Answer*> cells;
        bool any = false;
        for (size_t i = 0; i < prompt->columns.size(); ++i) {
          cells[prompt->columns[i].name] = &row[i];
          any = any || !row[i].paragraphs.empty();
        }
        if (!any) continue;  // the empty row the form came with
        WordPlace place = row[0].place;
        place.table = 0;
        for (const auto& cell : row)
          if (cell.place.table > 0) place = cell.place;
        std::string where =
            "table " + std::to_string(place.table) + ", row " + std::to_string(number);
        auto text_of = [&](const std::string& column) {
          auto it = cells.find(column);
          return it == cells.end() ? std::string() : it->second->Joined();
        };
        std::string main_column = prompt->name == "outcomes" ? "text" : "description";
        std::string main = text_of(main_column);
        if (main.empty()) {
          SourceLocation at(name_);
          at.place = where;
          at.order = place.paragraph;
          out_.diagnostics.Warning("form.not-mapped",
                                   "not mapped: a row with no \"" + prompt->columns.front().label +
                                       "\"; write what it is in the first column and import again",
                                   at);
          continue;
        }
        std::vector<ItemRef> needs;
        if (cells.count("need") > 0 && !cells["need"]->paragraphs.empty())
          needs =
              NeedRefs(*cells["need"], prompt->name == "outcomes" ? "this outcome" : "this help");
        if (prompt->name == "outcomes") {
          Outcome o;
          o.id = "O" + std::to_string(c.outcomes.size() + 1);
          o.text = Text{main, {}, {}};
          o.needs = needs;
          std::string by = text_of("by");
          std::string note = needs.empty() ? "" : "meets " + RefList(needs);
          if (!by.empty()) {
            if (auto d = ReadDate(by))
              o.timeframe.by = d;
            else
              o.timeframe.phase = by;
            note += std::string(note.empty() ? "" : "; ") + "by " + by;
          }
          o.sources.push_back(source);
          out_.read.push_back({where, "outcome " + o.id, main, note});
          c.outcomes.push_back(std::move(o));
        } else {
          ProvisionItem p;
          p.id = "P" + std::to_string(c.provision.size() + 1);
          std::string amount = text_of("amount");
          // The writer's words are kept whole; the grammar adds the structured fields.
          p.description = Text{amount.empty() ? main : main + " (" + amount + ")", {}, {}};
          p.needs = needs;
          ProvisionWording wording = grammar_.Read(amount);
          ApplyWording(wording, p);
          ApplyWording(grammar_.Read(main), p);
          std::string note = ReadNote(p);
          if (!needs.empty())
            note += std::string(note.empty() ? "" : "; ") + "meets " + RefList(needs);
          if (!amount.empty() && wording.Empty())
            note += std::string(note.empty() ? "" : "; ") +
                    "how often and how long not read from \"" + amount +
                    "\" (kept in the description)";
          p.sources.push_back(source);
          out_.read.push_back({where, "provision " + p.id, main, note});
          c.provision.push_back(std::move(p));
        }
      }
    }
    out_.contribution = std::move(c);
  }

  static std::string ReadNote(const ProvisionItem& p) {
    std::vector<std::string> parts;
    if (p.frequency)
      parts.push_back("frequency " + std::to_string(p.frequency->count) + " per " +
                      std::string(Token(p.frequency->per)));
    if (p.duration_minutes)
      parts.push_back("duration " + std::to_string(*p.duration_minutes) + " minutes");
    if (p.staffing.ratio)
      parts.push_back("ratio " + std::to_string(p.staffing.ratio->first) + ":" +
                      std::to_string(p.staffing.ratio->second));
    if (p.staffing.group_size)
      parts.push_back("group of " + std::to_string(*p.staffing.group_size));
    if (!p.deliverer_role.empty()) parts.push_back("delivered by " + p.deliverer_role);
    if (!p.deliverer_qualification.empty())
      parts.push_back("qualification " + p.deliverer_qualification);
    std::string out;
    for (const auto& s : parts) out += (out.empty() ? "read: " : "; ") + s;
    return out;
  }

  const WordDocument& word_;
  std::shared_ptr<const std::string> name_;
  const FormSpec& spec_;
  const ProvisionGrammar& grammar_;
  std::set<std::string> known_;
  std::vector<const FormPrompt*> prompts_;
  std::map<const FormPrompt*, Answer> boxes_;
  std::map<const FormPrompt*, std::map<int, Row>> tables_;
  std::vector<std::pair<const FormPrompt*, std::string>> need_ids_;
  FormImport out_;
};

}  // namespace

FormImport ImportForm(const WordDocument& word, const std::string& docx_name, const FormSpec& spec,
                      const ProvisionGrammar& grammar) {
  return FormReader(word, docx_name, spec, grammar).Read();
}

FormImportRun RunFormImport(const std::string& docx, const std::string& output,
                            const ResourcePaths& resources) {
  FormImportRun run;
  auto fail = [&](int code) {
    run.exit_code = code;
    return std::move(run);
  };
  OutputGuard guard;
  guard.AddInputs({docx});
  if (!guard.ClaimOutput(output, OutputKind::kXml, run.diagnostics)) return fail(2);
  std::optional<WordDocument> word = ReadDocxFile(docx, run.diagnostics);
  if (!word) return fail(2);
  SourceLocation file = FileLocation(docx);
  std::optional<std::string> kind = FormKindOf(*word);
  if (!kind) {
    bool plan = std::any_of(word->paragraphs.begin(), word->paragraphs.end(),
                            [](const WordParagraph& p) { return !p.marks.empty(); });
    run.diagnostics.Error(
        "form.not-a-form",
        plan ? "this is a plan that ehcp rendered, not an advice form; import a plan's edits "
               "with --base PLAN.xml"
             : "not an advice form written by `ehcp form contribution` (no form marks in the "
               "document); write a form with `ehcp form contribution --from KIND`",
        file);
    return fail(plan ? 2 : 1);
  }
  auto schemas = SchemaRegistry::WithDocumentSchemas(resources.Schemas());
  RegisterGrammarSchema(*schemas);
  RegisterFormSchema(*schemas);
  std::optional<FormWording> wording =
      LoadFormWording(FormWordingFile(resources.Templates()), *schemas, run.diagnostics);
  if (!wording) return fail(2);
  const FormSpec* spec = wording->Find(*kind);
  if (spec == nullptr) {
    run.diagnostics.Error(
        "form.kind",
        "the form says it is a '" + *kind + "' form, which templates/forms/forms.xml does not have",
        file);
    return fail(1);
  }
  std::optional<ProvisionGrammar> grammar = ProvisionGrammar::Load(
      resources.Quality() / "provision-grammar.xml", *schemas, run.diagnostics);
  if (!grammar) return fail(2);
  run.import = ImportForm(*word, docx, *spec, *grammar);
  run.diagnostics.Append(run.import->diagnostics);
  if (!run.import->contribution) return fail(1);

  std::string xml = RenderContributionXml(*run.import->contribution);
  ParsedXml check = ParseXmlMemory(xml, output, *schemas);
  if (!check.root || check.diagnostics.HasErrors()) {
    for (auto d : check.diagnostics.Items()) {
      d.message = "the contribution read from the form is not valid: " + d.message;
      run.diagnostics.Add(std::move(d));
    }
    return fail(1);
  }
  if (!WriteFileAtomically(output, xml, run.diagnostics)) return fail(2);
  run.written = true;
  run.exit_code = 0;
  return run;
}

std::string FormImportReportText(const FormImportRun& run, const std::string& docx,
                                 const std::string& output) {
  std::string out;
  if (run.import) {
    for (const auto& r : run.import->read) {
      std::string text = r.text.size() > 80 ? r.text.substr(0, 77) + "..." : r.text;
      out += docx + " (" + r.place + "): read " + r.what + ": \"" + text + "\"";
      if (!r.note.empty()) out += " (" + r.note + ")";
      out += "\n";
    }
  }
  int not_mapped = 0;
  for (const auto& d : run.diagnostics.Items()) {
    if (d.code == "form.not-mapped") ++not_mapped;
    out += FormatDiagnostic(d) + "\n";
  }
  if (run.import && run.import->contribution) {
    const Contribution& c = *run.import->contribution;
    out += std::to_string(c.views.size()) + " views, " + std::to_string(c.needs.size()) +
           " needs, " + std::to_string(c.outcomes.size()) + " outcomes, " +
           std::to_string(c.provision.size()) + " provision, " + std::to_string(not_mapped) +
           " not mapped; ";
  }
  out += (run.written ? "wrote " : "not written: ") + output + "\n";
  return out;
}

}  // namespace ehcp::forms
