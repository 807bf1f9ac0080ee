#include "docx_reader/docx_reader.h"

#include "output/input_file.h"

#include <minizip/unzip.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>

#include "document/field_mark.h"

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

// minizip reads through these callbacks from memory: the file is read once, and the
// fuzzer drives the same code.
struct MemoryStream {
  std::string_view bytes;
  size_t position = 0;
};

voidpf MemOpen(voidpf opaque, const void*, int) {
  return opaque;
}
uLong MemRead(voidpf, voidpf stream, void* buffer, uLong size) {
  auto* s = static_cast<MemoryStream*>(stream);
  size_t n = std::min<size_t>(size, s->bytes.size() - s->position);
  std::memcpy(buffer, s->bytes.data() + s->position, n);
  s->position += n;
  return static_cast<uLong>(n);
}
uLong MemWrite(voidpf, voidpf, const void*, uLong) {
  return 0;
}
ZPOS64_T MemTell(voidpf, voidpf stream) {
  return static_cast<MemoryStream*>(stream)->position;
}
long MemSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* s = static_cast<MemoryStream*>(stream);
  ZPOS64_T base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = s->position; break;
    case ZLIB_FILEFUNC_SEEK_END: base = s->bytes.size(); break;
    default: return -1;
  }
  if (offset > s->bytes.size() - std::min<ZPOS64_T>(base, s->bytes.size())) return -1;
  s->position = static_cast<size_t>(base + offset);
  return 0;
}
int MemClose(voidpf, voidpf) {
  return 0;
}
int MemError(voidpf, voidpf) {
  return 0;
}

class ZipClose {
 public:
  explicit ZipClose(unzFile f) : f_(f) {}
  ~ZipClose() {
    if (f_ != nullptr) unzClose(f_);
  }
  ZipClose(const ZipClose&) = delete;
  ZipClose& operator=(const ZipClose&) = delete;

 private:
  unzFile f_;
};

struct Entry {
  uint64_t compressed = 0;
  uint64_t uncompressed = 0;
};

class PackageReader {
 public:
  PackageReader(std::string_view bytes, const std::string& name, DiagnosticList& diagnostics,
                const DocxLimits& limits)
      : stream_{bytes, 0},
        location_{std::make_shared<const std::string>(name), 0, 0},
        diagnostics_(diagnostics),
        limits_(limits) {}

  std::optional<WordDocument> Read() {
    std::string_view bytes = stream_.bytes;
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

    zlib_filefunc64_def functions{};
    functions.zopen64_file = MemOpen;
    functions.zread_file = MemRead;
    functions.zwrite_file = MemWrite;
    functions.ztell64_file = MemTell;
    functions.zseek64_file = MemSeek;
    functions.zclose_file = MemClose;
    functions.zerror_file = MemError;
    functions.opaque = &stream_;
    unzFile zip = unzOpen2_64("memory", &functions);
    if (zip == nullptr) return Fail("the ZIP package is damaged (no readable directory)");
    ZipClose closer(zip);
    zip_ = zip;
    if (!ListEntries()) return std::nullopt;

    if (entries_.count("word/vbaProject.bin") > 0)
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

  // Sizes come from the central directory and are checked before anything is inflated;
  // inflating then stops at the stated size, so a lying header gains nothing.
  bool ListEntries() {
    unz_global_info64 global{};
    if (unzGetGlobalInfo64(zip_, &global) != UNZ_OK)
      return Fail("the ZIP package is damaged"), false;
    if (global.number_entry > limits_.max_entries)
      return Fail("the ZIP package has " + std::to_string(global.number_entry) +
                  " parts, more than a Word document has (limit " +
                  std::to_string(limits_.max_entries) + ")"),
             false;
    int status = unzGoToFirstFile(zip_);
    while (status == UNZ_OK) {
      unz_file_info64 info{};
      char name[512];
      if (unzGetCurrentFileInfo64(zip_, &info, name, sizeof(name), nullptr, 0, nullptr, 0) !=
          UNZ_OK)
        return Fail("the ZIP package is damaged (an unreadable entry)"), false;
      entries_[name] = Entry{info.compressed_size, info.uncompressed_size};
      status = unzGoToNextFile(zip_);
    }
    if (status != UNZ_END_OF_LIST_OF_FILE) return Fail("the ZIP package is damaged"), false;
    return true;
  }

  std::optional<std::string> Part(const std::string& name) {
    auto found = entries_.find(name);
    if (found == entries_.end())
      return Fail("the package has no " + name + "; it is not a Word document");
    const Entry& e = found->second;
    if (e.uncompressed > limits_.max_entry_bytes)
      return Fail(name + " would inflate to " + std::to_string(e.uncompressed / (1024 * 1024)) +
                  " MB, over the limit; the file looks like a ZIP bomb");
    if (e.uncompressed > 1024 * 1024 &&
        static_cast<double>(e.uncompressed) >
            limits_.max_ratio * static_cast<double>(e.compressed + 1))
      return Fail(name + " is compressed more than " +
                  std::to_string(static_cast<int>(limits_.max_ratio)) +
                  " to 1; the file looks like a ZIP bomb");
    if (total_ + e.uncompressed > limits_.max_total_bytes)
      return Fail("the package inflates to more than " +
                  std::to_string(limits_.max_total_bytes / (1024 * 1024)) +
                  " MB; the file looks like a ZIP bomb");
    total_ += e.uncompressed;
    if (unzLocateFile(zip_, name.c_str(), 1) != UNZ_OK || unzOpenCurrentFile(zip_) != UNZ_OK)
      return Fail("the ZIP package is damaged (cannot open " + name + ")");
    std::string out(static_cast<size_t>(e.uncompressed), '\0');
    size_t got = 0;
    bool ok = true;
    while (got < out.size()) {
      unsigned chunk = static_cast<unsigned>(std::min<size_t>(out.size() - got, 1u << 20));
      int n = unzReadCurrentFile(zip_, out.data() + got, chunk);
      if (n <= 0) {
        ok = n == 0 && got == out.size();
        break;
      }
      got += static_cast<size_t>(n);
    }
    char extra;
    if (ok && unzReadCurrentFile(zip_, &extra, 1) != 0) ok = false;  // more than stated
    if (unzCloseCurrentFile(zip_) != UNZ_OK) ok = false;             // CRC mismatch
    if (!ok || got != out.size())
      return Fail("the ZIP package is damaged (" + name + " is corrupt)");
    return out;
  }

  // External targets are never fetched and embedded objects never run: each is one note.
  void NoteRelationships() {
    if (entries_.count("word/_rels/document.xml.rels") == 0) return;
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
        Walk(child.child("w:sdtContent"), out, depth + 1);
      } else if (name == "w:bookmarkStart" || name == "w:bookmarkEnd") {
        Bookmark(child);
      } else if (name == "w:customXml" || name == "w:smartTag" || name == "w:ins" ||
                 name == "w:moveTo") {
        Walk(child, out, depth + 1);
      }
    }
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
        Runs(child, text, depth + 1);
      }
    }
  }

  MemoryStream stream_;
  SourceLocation location_;
  DiagnosticList& diagnostics_;
  DocxLimits limits_;
  unzFile zip_ = nullptr;
  std::map<std::string, Entry> entries_;
  uint64_t total_ = 0;
  bool failed_ = false;
  std::map<std::string, doc::FieldMark> open_;  // bookmarks open at this point, by w:id
  WordParagraph* current_ = nullptr;
  WordPlace cell_;
  int tables_ = 0;
  int paragraphs_ = 0;
  int objects_ = 0;
};

}  // namespace

std::optional<WordDocument> ReadDocxMemory(std::string_view bytes, const std::string& display_name,
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
                      "the file is over the limit of " + std::to_string(limits.max_file_bytes / (1024 * 1024)) +
                          " MB for a Word document",
                      where);
    return std::nullopt;
  }
  if (!in.Ok()) {
    diagnostics.Error("io.read", in.problem, where);
    return std::nullopt;
  }
  return ReadDocxMemory(in.bytes, path, diagnostics, limits);
}

}  // namespace ehcp
