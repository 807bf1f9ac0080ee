#pragma once

// Internal to the bundle stage: the bundle's cover sheet and index, drawn with PoDoFo into
// a small PDF of their own (which the bundle then merges like any source) and tagged: Sect > H1, a
// key/value Table on the cover; H1, then per section an H2 and a Table whose Document cells hold a
// Link to the document's first page. Layout comes first (how many pages the index needs), drawing
// once page numbers are known.

#include <podofo/podofo.h>

#include <string>
#include <vector>

#include "bundle/bundle_manifest.h"
#include "bundle/bundle_order.h"
#include "bundle/bundle_rules.h"
#include "bundle/struct_tree_builder.h"
#include "diagnostics/diagnostic.h"

namespace ehcp {

struct FrontMatterFonts {
  PoDoFo::PdfFont* regular = nullptr;
  PoDoFo::PdfFont* bold = nullptr;
};

// A link annotation on an index page that must point at a document's first page once
// the documents are in the bundle.
struct IndexLink {
  PoDoFo::PdfObject* annotation = nullptr;
  const OrderedDocument* document = nullptr;
};

class FrontMatter {
 public:
  FrontMatter(const BundleManifest& manifest, const BundleRules& rules,
              const std::vector<OrderedSection>& sections, FrontMatterFonts fonts);
  // Lays out the cover and index; returns their page count (0 on an error, such as a
  // character the fonts cannot show, reported in `diagnostics`).
  int Layout(DiagnosticList& diagnostics);
  // Draws the laid-out pages at the end of `doc`, tagged under `parent`.
  std::vector<IndexLink> Draw(PoDoFo::PdfMemDocument& doc, StructTreeBuilder& tree,
                              PoDoFo::PdfObject* parent, int total_pages);

 private:
  struct Row {
    const OrderedDocument* document = nullptr;
    std::vector<std::string> title_lines;
    std::vector<std::string> author_lines;
    double height = 0;
  };
  struct Block {
    enum Kind { kSectionHeading, kTableHeader, kRow } kind = kRow;
    size_t section = 0;
    size_t row = 0;
    double top = 0;         // y of the block's top edge
    bool repeated = false;  // a table header repeated on a new page: an artifact
  };
  struct LaidPage {
    std::vector<Block> blocks;
  };

  std::vector<std::string> Wrap(PoDoFo::PdfFont* font, double size, const std::string& text,
                                double width) const;
  void CheckGlyphs(PoDoFo::PdfFont* font, const std::string& text,
                   DiagnosticList& diagnostics) const;

  const BundleManifest& manifest_;
  const BundleRules& rules_;
  const std::vector<OrderedSection>& sections_;
  FrontMatterFonts fonts_;
  std::vector<std::pair<std::string, std::string>> cover_rows_;
  std::vector<std::vector<Row>> rows_;  // per section
  std::vector<LaidPage> index_pages_;
};

// Writes `text` with `font` at `size` at (x, y) as content-stream operators, registering
// the glyphs for subsetting. `resource` is the font's name in the page resources (the
// font's own identifier when empty).
std::string TextOperators(PoDoFo::PdfFont* font, double size, double x, double y,
                          const std::string& text, const std::string& resource = {});

// `text` in `font`'s encoding as hex digits (for a <...> Tj), registering the glyphs for
// subsetting.
std::string HexText(PoDoFo::PdfFont* font, const std::string& text);

}  // namespace ehcp
