#include "docx/docx_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <future>

#include "docx/docx_body.h"
#include "docx/docx_header_footer.h"
#include "docx/docx_numbering.h"
#include "docx/docx_package.h"
#include "docx/docx_pagination.h"
#include "docx/docx_properties.h"
#include "docx/docx_styles.h"
#include "docx/word_package.h"
#include "output/atomic_output.h"

namespace ehcp {
namespace {

// The time stamped into the ZIP entries and core properties: the option, else
// $SOURCE_DATE_EPOCH (reproducible builds convention), else now.
int64_t ResolveEpoch(const DocxOptions& options, DiagnosticList& diagnostics) {
  if (options.source_date_epoch) return *options.source_date_epoch;
  if (const char* value = std::getenv("SOURCE_DATE_EPOCH"); value != nullptr && *value != '\0') {
    errno = 0;
    char* end = nullptr;
    long long seconds = std::strtoll(value, &end, 10);
    if (errno == 0 && end != nullptr && *end == '\0' && seconds >= 0) return seconds;
    diagnostics.Warning("docx.source-date-epoch",
                        std::string("SOURCE_DATE_EPOCH='") + value +
                            "' is not a number of seconds; using the time now",
                        SourceLocation{});
  }
  return static_cast<int64_t>(std::time(nullptr));
}

// Builds the package; writes it to `path` (atomically), or into `bytes` when path is empty.
bool WritePackage(const doc::Document& document, const DocxOptions& options,
                  const std::string& path, std::string* bytes, DiagnosticList& diagnostics) {
  using namespace docx;
  const int64_t epoch = ResolveEpoch(options, diagnostics);

  Relationships document_relationships;
  document_relationships.Add(relationship_type::kStyles, "styles.xml");
  document_relationships.Add(relationship_type::kNumbering, "numbering.xml");
  document_relationships.Add(relationship_type::kSettings, "settings.xml");
  std::optional<std::string> header = HeaderXml(document);
  std::optional<std::string> footer = FooterXml(document);

  ListNumbering numbering;
  Package media;
  BodyContext context;
  context.relationships = &document_relationships;
  context.numbering = &numbering;
  context.media = &media;
  context.asset_root = options.asset_root;
  if (header)
    context.header_relationship_id =
        document_relationships.Add(relationship_type::kHeader, "header1.xml");
  if (footer)
    context.footer_relationship_id =
        document_relationships.Add(relationship_type::kFooter, "footer1.xml");
  std::vector<std::string> footnotes;
  context.footnotes = &footnotes;
  // Only a document with contents is laid out: its entries get their pages. The PDF's
  // own layout cannot be reused: its margins and type sizes are not the DOCX's.
  const bool has_contents = std::any_of(
      document.blocks.begin(), document.blocks.end(),
      [](const doc::Block& block) { return std::holds_alternative<doc::TableOfContents>(block); });
  // It runs on a second thread while the body is written (they take about as long),
  // and the numbers are filled in after.
  std::future<std::optional<std::vector<int>>> pages;
  std::vector<ContentsNumberSlot> contents_numbers;
  if (has_contents) {
    pages = std::async(std::launch::async, [&document, &options] {
      return EstimateHeadingPages(document, options.asset_root);
    });
    context.contents_numbers = &contents_numbers;
  }
  std::optional<std::string> body = DocumentXml(document, context, diagnostics);
  if (pages.valid()) {
    std::optional<std::vector<int>> heading_pages = pages.get();
    if (body) body = FillContentsNumbers(*body, contents_numbers, heading_pages);
  }
  if (!body) return false;
  // Added after the body so documents without footnotes keep their relationship ids.
  if (!footnotes.empty())
    document_relationships.Add(relationship_type::kFootnotes, "footnotes.xml");

  Package package = StartWordPackage(document, epoch,
                                     {std::move(*body), &document_relationships, numbering.Xml(),
                                      SettingsXml(document, !footnotes.empty())});
  if (header) package.AddPart("word/header1.xml", content_type::kHeader, std::move(*header));
  if (footer) package.AddPart("word/footer1.xml", content_type::kFooter, std::move(*footer));
  if (!footnotes.empty())
    package.AddPart("word/footnotes.xml", content_type::kFootnotes, FootnotesXml(footnotes));
  package.Append(std::move(media));

  if (bytes != nullptr) return package.WriteToMemory(*bytes, epoch, document.title, diagnostics);
  // minizip writes the anonymous staging file by its /proc path; only a complete
  // package is linked into place.
  AtomicOutput output(path, Durability::kReproducible);
  if (!output.Open(diagnostics)) return false;
  if (!package.Write(output.TempPath(), epoch, path, diagnostics)) return false;
  return output.Commit(diagnostics);
}

}  // namespace

bool WriteDocx(const doc::Document& document, const DocxOptions& options, const std::string& path,
               DiagnosticList& diagnostics) {
  // Library exceptions (bad_alloc, filesystem errors) end here as a diagnostic; the
  // AtomicOutput has already dropped any partial file by the time we catch.
  try {
    return WritePackage(document, options, path, nullptr, diagnostics);
  } catch (const std::exception& error) {
    diagnostics.Error("docx.write", std::string("cannot write DOCX: ") + error.what(),
                      FileLocation(path));
    return false;
  }
}

bool RenderDocx(const doc::Document& document, const DocxOptions& options, std::string& bytes,
                DiagnosticList& diagnostics) {
  try {
    return WritePackage(document, options, {}, &bytes, diagnostics);
  } catch (const std::exception& error) {
    diagnostics.Error("docx.write", std::string("cannot write DOCX: ") + error.what(),
                      SourceLocation{});
    return false;
  }
}

}  // namespace ehcp
