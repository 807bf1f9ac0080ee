#include "docx_reader/docx_reader.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>

#include "diagnostics/error_kind.h"
#include "document/field_mark.h"
#include "docx_reader/zip_archive.h"
#include "output/input_file.h"

namespace ehcp {

std::string WordPlace::ToString() const {
  if (table > 0)
    return "table " + std::to_string(table) + ", row " + std::to_string(row) + ", column " +
           std::to_string(column);
  return "paragraph " + std::to_string(paragraph);
}

namespace {

constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view kZipMagic = "PK\x03\x04";

class PackageReader {
 public:
  PackageReader(std::string_view bytes, const std::string& name, DiagnosticList& diagnostics,
                const DocxLimits& limits)
      : bytes_(bytes),
        location_{std::make_shared<const std::string>(name), 0, 0},
        diagnostics_(diagnostics),
        limits_(limits) {}

  std::optional<WordDocument> Read() {
    std::string_view bytes = bytes_;
    if (bytes.size() > limits_.max_file_bytes)
      return Fail("the file is " + std::to_string(bytes.size() / (1024 * 1024)) +
                  " MB, over the limit of " +
                  std::to_string(limits_.max_file_bytes / (1024 * 1024)) +
                  " MB for a Word document");
    if (bytes.substr(0, kOleMagic.size()) == kOleMagic)
      return Fail(
          "this is a password-protected (encrypted) Word document or an old .doc file, not a "
          "DOCX; remove the password or save it as .docx in Word and import that");
    if (bytes.substr(0, kZipMagic.size()) != kZipMagic)
      return Fail("not a Word document (.docx): the file is not a ZIP package");

    std::string problem;
    ZipLimits zip_limits{limits_.max_entries, limits_.max_entry_bytes, limits_.max_total_bytes,
                         limits_.max_ratio};
    zip_ = ZipArchive::Open(bytes, zip_limits, problem);
    if (!zip_) return Fail(problem);

    if (zip_->Has("word/vbaProject.bin"))
      return Fail("the document contains macros (vbaProject.bin); save it as a plain .docx");
    auto types = Part("[Content_Types].xml");
    if (!types) return std::nullopt;
    if (types->find("macroEnabled") != std::string::npos)
      return Fail("the document is macro-enabled (.docm); save it as a plain .docx");

    NoteRelationships();
    if (failed_) return std::nullopt;
    auto body = Part("word/document.xml");
    if (!body) return std::nullopt;
    return ParseBody(*body);
  }

 private:
  std::nullopt_t Fail(const std::string& message) {
    diagnostics_.Error("docx.unreadable", message, location_);
    failed_ = true;
    return std::nullopt;
  }

  std::optional<std::string> Part(const std::string& name) {
    if (!zip_->Has(name)) return Fail("the package has no " + name + "; it is not a Word document");
    std::string problem;
    std::optional<std::string> part = zip_->Read(name, problem);
    if (!part) return Fail(problem);
    return part;
  }

  // External targets are never fetched and embedded objects never run: each is one note.
  void NoteRelationships() {
    if (!zip_->Has("word/_rels/document.xml.rels")) return;
    auto rels = Part("word/_rels/document.xml.rels");
    if (!rels) return;
    pugi::xml_document xml;
    if (!xml.load_buffer(rels->data(), rels->size(), pugi::parse_default & ~pugi::parse_doctype))
      return;
    int linked = 0, embedded = 0;
    for (pugi::xml_node r : xml.document_element().children()) {
      std::string type = r.attribute("Type").value();
      std::string_view kind = std::string_view(type).substr(type.rfind('/') + 1);
      bool external = std::string_view(r.attribute("TargetMode").value()) == "External";
      if (external && kind != "hyperlink") ++linked;
      if (kind == "oleObject" || kind == "package" || kind == "control") ++embedded;
    }
    if (linked > 0)
      diagnostics_.Warning("docx.ignored",
                           std::to_string(linked) +
                               " linked file(s) (images, templates) point outside the document; "
                               "they were not fetched",
                           location_);
    if (embedded > 0)
      diagnostics_.Warning(
          "docx.ignored",
          std::to_string(embedded) + " embedded object(s) (spreadsheets, controls) were ignored",
          location_);
  }

  // ---------- word/document.xml ----------

  std::optional<WordDocument> ParseBody(const std::string& xml_text) {
    pugi::xml_document xml;
    // No DOCTYPE processing at all: pugixml never reads external entities.
    pugi::xml_parse_result parsed = xml.load_buffer(xml_text.data(), xml_text.size(),
                                                    pugi::parse_default & ~pugi::parse_doctype);
    if (!parsed)
      return Fail(std::string("word/document.xml is not well-formed XML: ") + parsed.description());
    pugi::xml_node body = xml.document_element().child("w:body");
    if (!body) return Fail("word/document.xml has no body");
    WordDocument out;
    Walk(body, out, 0);
    if (objects_ > 0)
      diagnostics_.Warning(
          "docx.ignored", std::to_string(objects_) + " embedded object(s) in the text were ignored",
          location_);
    return out;
  }

  void Walk(pugi::xml_node node, WordDocument& out, int depth) {
    if (depth > 64) return;  // nesting no real document has
    for (pugi::xml_node child : node.children()) {
      std::string_view name = child.name();
      if (name == "w:p") {
        Paragraph(child, out);
      } else if (name == "w:tbl") {
        int table = ++tables_;
        int row = 0;
        for (pugi::xml_node tr : child.children()) {
          std::vector<pugi::xml_node> rows;
          if (std::string_view(tr.name()) == "w:tr") rows.push_back(tr);
          // A row inside a content control (w:sdt around w:tr)
          if (std::string_view(tr.name()) == "w:sdt")
            for (pugi::xml_node r : tr.child("w:sdtContent").children("w:tr")) rows.push_back(r);
          for (pugi::xml_node r : rows) {
            ++row;
            int column = 0;
            for (pugi::xml_node tc : r.children("w:tc")) {
              ++column;
              WordPlace saved = cell_;
              cell_ = WordPlace{0, table, row, column};
              Walk(tc, out, depth + 1);
              cell_ = saved;
            }
          }
        }
      } else if (name == "w:sdt") {
        // A content control tagged with a field mark (an ehcp form's box) marks every
        // paragraph inside it, however many the writer typed.
        auto mark = ControlMark(child);
        if (mark) control_marks_.push_back(*mark);
        Walk(child.child("w:sdtContent"), out, depth + 1);
        if (mark) control_marks_.pop_back();
      } else if (name == "w:bookmarkStart" || name == "w:bookmarkEnd") {
        Bookmark(child);
      } else if (name == "w:customXml" || name == "w:smartTag" || name == "w:ins" ||
                 name == "w:moveTo") {
        Walk(child, out, depth + 1);
      }
    }
  }

  static std::optional<doc::FieldMark> ControlMark(pugi::xml_node sdt) {
    return doc::ParseFieldMarkName(sdt.child("w:sdtPr").child("w:tag").attribute("w:val").value());
  }

  void Bookmark(pugi::xml_node node) {
    std::string id = node.attribute("w:id").value();
    if (std::string_view(node.name()) == "w:bookmarkStart") {
      if (auto mark = doc::ParseFieldMarkName(node.attribute("w:name").value())) {
        open_[id] = *mark;
        if (current_ != nullptr) current_->marks.push_back(*mark);
      }
    } else {
      open_.erase(id);
    }
  }

  void Paragraph(pugi::xml_node p, WordDocument& out) {
    WordParagraph paragraph;
    paragraph.place = cell_;
    paragraph.place.paragraph = ++paragraphs_;
    for (const auto& [id, mark] : open_) paragraph.marks.push_back(mark);
    for (const auto& mark : control_marks_) paragraph.marks.push_back(mark);
    current_ = &paragraph;
    Runs(p, paragraph.text, 0);
    current_ = nullptr;
    out.paragraphs.push_back(std::move(paragraph));
  }

  // Text of runs, hyperlinks, insertions and fields; deletions are left out.
  void Runs(pugi::xml_node node, std::string& text, int depth) {
    if (depth > 32) return;
    for (pugi::xml_node child : node.children()) {
      std::string_view name = child.name();
      if (name == "w:r") {
        for (pugi::xml_node part : child.children()) {
          std::string_view part_name = part.name();
          if (part_name == "w:t")
            text += part.text().get();
          else if (part_name == "w:tab")
            text += '\t';
          else if (part_name == "w:br" || part_name == "w:cr")
            text += ' ';
          else if (part_name == "w:object" || part_name == "w:embed")
            ++objects_;
        }
      } else if (name == "w:bookmarkStart" || name == "w:bookmarkEnd") {
        Bookmark(child);
      } else if (name == "w:del" || name == "w:moveFrom" || name == "w:pPr") {
        continue;
      } else if (name == "w:hyperlink" || name == "w:ins" || name == "w:smartTag" ||
                 name == "w:customXml" || name == "w:fldSimple" || name == "w:moveTo" ||
                 name == "w:sdt" || name == "w:sdtContent") {
        if (name == "w:sdt" && current_ != nullptr)
          if (auto mark = ControlMark(child)) current_->marks.push_back(*mark);
        Runs(child, text, depth + 1);
      }
    }
  }

  std::string_view bytes_;
  SourceLocation location_;
  DiagnosticList& diagnostics_;
  DocxLimits limits_;
  std::unique_ptr<ZipArchive> zip_;
  bool failed_ = false;
  std::map<std::string, doc::FieldMark> open_;  // bookmarks open at this point, by w:id
  std::vector<doc::FieldMark> control_marks_;   // tagged content controls around this point
  WordParagraph* current_ = nullptr;
  WordPlace cell_;
  int tables_ = 0;
  int paragraphs_ = 0;
  int objects_ = 0;
};

}  // namespace

std::optional<WordDocument> ParseDocx(std::string_view bytes, const std::string& display_name,
                                      DiagnosticList& diagnostics, const DocxLimits& limits) {
  return PackageReader(bytes, display_name, diagnostics, limits).Read();
}

std::optional<WordDocument> ReadDocxFile(const std::string& path, DiagnosticList& diagnostics,
                                         const DocxLimits& limits) {
  SourceLocation where{std::make_shared<const std::string>(path), 0, 0};
  // The one input reader: a FIFO or device is refused, the size comes from the open file.
  InputFile in = ReadInputFile(path, limits.max_file_bytes);
  if (in.status == InputFileStatus::kTooLarge) {
    diagnostics.Error("docx.unreadable",
                      "the file is over the limit of " +
                          std::to_string(limits.max_file_bytes / (1024 * 1024)) +
                          " MB for a Word document",
                      where);
    return std::nullopt;
  }
  if (!in.Ok()) {
    diagnostics.Error(kReadFailedCode, in.problem, where);
    return std::nullopt;
  }
  return ParseDocx(in.bytes, path, diagnostics, limits);
}

}  // namespace ehcp
