#pragma once

// The Open Packaging Conventions layer of a DOCX: named parts with content types, the
// relationships between them, and the ZIP container (written with zlib's minizip).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp::docx {

namespace relationship_type {
inline constexpr std::string_view kOfficeDocument =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
inline constexpr std::string_view kCoreProperties =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
inline constexpr std::string_view kExtendedProperties =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
inline constexpr std::string_view kStyles =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
inline constexpr std::string_view kNumbering =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
inline constexpr std::string_view kSettings =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
inline constexpr std::string_view kHeader =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
inline constexpr std::string_view kFooter =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
inline constexpr std::string_view kHyperlink =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
inline constexpr std::string_view kImage =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
inline constexpr std::string_view kFootnotes =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes";
}  // namespace relationship_type

namespace content_type {
inline constexpr std::string_view kRelationships =
    "application/vnd.openxmlformats-package.relationships+xml";
inline constexpr std::string_view kDocument =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
inline constexpr std::string_view kStyles =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
inline constexpr std::string_view kNumbering =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
inline constexpr std::string_view kSettings =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
inline constexpr std::string_view kHeader =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
inline constexpr std::string_view kFooter =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
inline constexpr std::string_view kFootnotes =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml";
inline constexpr std::string_view kCoreProperties =
    "application/vnd.openxmlformats-package.core-properties+xml";
inline constexpr std::string_view kExtendedProperties =
    "application/vnd.openxmlformats-officedocument.extended-properties+xml";
}  // namespace content_type

// The relationships of one part, in the order they were added (ids rId1, rId2, ...), so
// the same input always numbers them the same way.
class Relationships {
 public:
  // Adds a relationship and returns its id. External targets (web links) are URLs.
  std::string Add(std::string_view type, std::string_view target, bool external = false);
  // The .rels part.
  std::string Xml() const;

 private:
  std::string entries_;
  int count_ = 0;
};

// A package being assembled in memory. Parts are written in the order they are added,
// after [Content_Types].xml, so the ZIP bytes depend only on the content.
class Package {
 public:
  // An XML part with its own content type (an Override in [Content_Types].xml).
  void AddPart(std::string name, std::string_view content_type, std::string data);
  // A media file (word/media/image1.png); its type comes from the extension (a Default).
  void AddMedia(std::string name, std::string data);

  // Writes the ZIP to `path` (the caller makes that atomic). Every entry gets the DOS
  // time of `epoch_seconds` in UTC, independent of the local time zone. Returns false
  // with a diagnostic about `reported_path` when the ZIP cannot be written.
  bool Write(const std::string& path, int64_t epoch_seconds, const std::string& reported_path,
             DiagnosticList& diagnostics) const;
  // The same ZIP into `bytes`, written nowhere else.
  bool WriteToMemory(std::string& bytes, int64_t epoch_seconds, const std::string& reported_path,
                     DiagnosticList& diagnostics) const;

  // Appends the parts of `other` (the media collected while writing the body), keeping
  // their order.
  void Append(Package&& other);

  std::string ContentTypesXml() const;

 private:
  struct Part {
    std::string name;
    std::string content_type;  // empty for media
    std::string data;
  };
  std::vector<Part> parts_;

  // `archive`: a minizip zipFile (void* here so minizip's header stays in the .cc).
  bool WriteArchive(void* archive, int64_t epoch_seconds, const std::string& reported_path,
                    DiagnosticList& diagnostics) const;
};

}  // namespace ehcp::docx
