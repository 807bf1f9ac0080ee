#include "plan_diff/diff_report.h"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "diagnostics/diagnostic_json.h"
#include "document/mustache_depth.h"
#include "output/input_file.h"

namespace ehcp {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

constexpr size_t kMaxTemplateBytes = 1024 * 1024;

std::string Heading(const SectionDiff& section, const ItemChange& item) {
  std::string id;
  if (item.kind == ChangeKind::kRenumbered)
    id = item.old_id + " → " + item.new_id;
  else
    id = item.new_id.empty() ? item.old_id : item.new_id;
  std::string out = SectionHeading(section.section);
  if (!id.empty()) out += ", " + id;
  if (!item.label.empty()) out += id.empty() ? ", " + item.label : " (" + item.label + ")";
  return out;
}

std::string OneLine(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (c == '\n') c = ' ';
  return out;
}

std::string Quoted(const std::string& value) {
  return value.empty() ? "(none)" : OneLine(value);
}

// Control characters other than tab and newline are dropped from HTML (the escaper keeps them).
std::string Clean(const std::string& text) {
  std::string out;
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
  return out;
}

nlohmann::json WordsJson(const WordDiff& words) {
  nlohmann::json pieces = nlohmann::json::array();
  for (const auto& p : words.pieces) {
    std::string op = p.op == DiffOp::kSame      ? "same"
                     : p.op == DiffOp::kDeleted ? "deleted"
                                                : "inserted";
    pieces.push_back({{"op", op}, {"text", p.text}, {"spaceBefore", p.space_before}});
  }
  return {{"replaced", words.replaced}, {"pieces", pieces}};
}

data List() {
  return data{data::type::list};
}

// Words inserted in place of deleted ones follow them directly, "[-three-]{+two+}": the
// space before both is shown once, before the deletion.
bool JoinsDeletion(const TextPiece* previous, const TextPiece& piece) {
  return previous && previous->op == DiffOp::kDeleted && piece.op == DiffOp::kInserted;
}

data PiecesData(const WordDiff& words) {
  data list = List();
  const TextPiece* previous = nullptr;
  for (const auto& p : words.pieces) {
    data piece;
    if (p.space_before && previous && !JoinsDeletion(previous, p)) piece.set("space", " ");
    previous = &p;
    piece.set("text", Clean(p.text));
    piece.set(p.op == DiffOp::kSame      ? "same"
              : p.op == DiffOp::kDeleted ? "deleted"
                                         : "inserted",
              true);
    list << piece;
  }
  return list;
}

}  // namespace

std::string SectionHeading(SectionId section) {
  return "Section " + std::string(SectionLetter(section));
}

std::string MarkedText(const WordDiff& words) {
  std::string out;
  const TextPiece* previous = nullptr;
  for (const auto& p : words.pieces) {
    if (p.space_before && !out.empty() && !JoinsDeletion(previous, p)) out += ' ';
    previous = &p;
    if (p.op == DiffOp::kSame)
      out += p.text;
    else if (p.op == DiffOp::kDeleted)
      out += "[-" + p.text + "-]";
    else
      out += "{+" + p.text + "+}";
  }
  return OneLine(out);
}

std::string DiffText(const PlanDiff& diff, const DiffSubject& subject) {
  std::ostringstream out;
  out << "--- " << subject.old_file << "\n+++ " << subject.new_file << "\n";
  if (diff.Empty()) {
    out << "No differences.\n";
    return out.str();
  }
  for (const auto& section : diff.sections) {
    for (const auto& item : section.items) {
      out << Heading(section, item) << ": " << ChangeKindName(item.kind)
          << (item.moved ? ", moved" : "") << "\n";
      for (const auto& f : item.fields) {
        out << "  " << f.field << ": ";
        if (item.kind == ChangeKind::kAdded)
          out << OneLine(f.new_value);
        else if (item.kind == ChangeKind::kRemoved)
          out << OneLine(f.old_value);
        else if (f.words)
          out << MarkedText(*f.words);
        else
          out << Quoted(f.old_value) << " → " << Quoted(f.new_value);
        out << "\n";
      }
    }
  }
  out << diff.Count(ChangeKind::kAdded) << " added, " << diff.Count(ChangeKind::kRemoved)
      << " removed, " << diff.Count(ChangeKind::kChanged) << " changed, "
      << diff.Count(ChangeKind::kRenumbered) << " renumbered\n";
  return out.str();
}

std::string DiffJson(const PlanDiff& diff, const DiffSubject& subject) {
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& section : diff.sections) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : section.items) {
      nlohmann::json fields = nlohmann::json::array();
      for (const auto& f : item.fields) {
        nlohmann::json field{{"field", f.field}, {"old", f.old_value}, {"new", f.new_value}};
        if (f.words) field["words"] = WordsJson(*f.words);
        if (!f.links_added.empty() || !f.links_removed.empty()) {
          field["linksAdded"] = f.links_added;
          field["linksRemoved"] = f.links_removed;
        }
        fields.push_back(std::move(field));
      }
      items.push_back({{"change", std::string(ChangeKindName(item.kind))},
                       {"oldId", item.old_id},
                       {"newId", item.new_id},
                       {"label", item.label},
                       {"moved", item.moved},
                       {"fields", std::move(fields)}});
    }
    sections.push_back(
        {{"section", std::string(SectionLetter(section.section))}, {"items", std::move(items)}});
  }
  nlohmann::json out{{"old", subject.old_file},
                     {"new", subject.new_file},
                     {"planId", subject.plan_id},
                     {"identical", diff.Empty()},
                     {"summary",
                      {{"added", diff.Count(ChangeKind::kAdded)},
                       {"removed", diff.Count(ChangeKind::kRemoved)},
                       {"changed", diff.Count(ChangeKind::kChanged)},
                       {"renumbered", diff.Count(ChangeKind::kRenumbered)}}},
                     {"sections", std::move(sections)}};
  return DumpJson(out, 2) + "\n";
}

std::filesystem::path DiffTemplateFile(const std::filesystem::path& templates_dir) {
  return templates_dir / "diff" / "report.html";
}

std::optional<std::string> DiffHtml(const PlanDiff& diff, const DiffSubject& subject,
                                    const std::filesystem::path& template_file,
                                    DiagnosticList& diagnostics) {
  InputFile in = ReadInputFile(template_file.string(), kMaxTemplateBytes);
  if (!in.Ok()) {
    diagnostics.Error("template.missing", "cannot read the HTML template: " + in.problem,
                      FileLocation(template_file.string()));
    return std::nullopt;
  }
  if (int depth = MustacheSectionDepth(in.bytes); depth > kMaxMustacheSectionDepth) {
    diagnostics.Error("template.invalid",
                      "HTML template nests sections " + std::to_string(depth) +
                          " deep; the limit is " + std::to_string(kMaxMustacheSectionDepth),
                      FileLocation(template_file.string()));
    return std::nullopt;
  }
  mustache tpl(in.bytes);
  if (!tpl.is_valid()) {
    diagnostics.Error("template.invalid", "HTML template does not parse: " + tpl.error_message(),
                      FileLocation(template_file.string()));
    return std::nullopt;
  }
  data root;
  root.set("oldFile", Clean(subject.old_file));
  root.set("newFile", Clean(subject.new_file));
  root.set("planId", Clean(subject.plan_id));
  root.set("child", Clean(subject.child));
  root.set("added", std::to_string(diff.Count(ChangeKind::kAdded)));
  root.set("removed", std::to_string(diff.Count(ChangeKind::kRemoved)));
  root.set("changed", std::to_string(diff.Count(ChangeKind::kChanged)));
  root.set("renumbered", std::to_string(diff.Count(ChangeKind::kRenumbered)));
  if (diff.Empty()) root.set("identical", true);
  data sections = List();
  for (const auto& section : diff.sections) {
    data s;
    s.set("title", SectionHeading(section.section));
    s.set("anchor", "section-" + std::string(SectionLetter(section.section)));
    data items = List();
    for (const auto& item : section.items) {
      data i;
      i.set("heading", Clean(Heading(section, item)));
      i.set("change", std::string(ChangeKindName(item.kind)));
      if (item.moved) i.set("moved", true);
      data fields = List();
      for (const auto& f : item.fields) {
        data field;
        field.set("field", Clean(f.field));
        if (item.kind == ChangeKind::kAdded)
          field.set("addedValue", Clean(f.new_value));
        else if (item.kind == ChangeKind::kRemoved)
          field.set("removedValue", Clean(f.old_value));
        else if (f.words)
          field.set("pieces", PiecesData(*f.words));
        else {
          if (!f.old_value.empty()) field.set("oldValue", Clean(f.old_value));
          if (!f.new_value.empty()) field.set("newValue", Clean(f.new_value));
        }
        fields << field;
      }
      i.set("fields", fields);
      items << i;
    }
    s.set("items", items);
    sections << s;
  }
  root.set("sections", sections);
  std::string html = tpl.render(root);
  if (!tpl.is_valid()) {
    diagnostics.Error("template.invalid", "HTML template does not render: " + tpl.error_message(),
                      FileLocation(template_file.string()));
    return std::nullopt;
  }
  return html;
}

}  // namespace ehcp
