#pragma once

// What goes where in a bundle: sections in the rules' order, documents by date within a
// section (ties by title, then manifest order), and every document's bundle pages.

#include <string>
#include <vector>

#include "bundle/bundle_manifest.h"
#include "bundle/bundle_rules.h"
#include "diagnostics/diagnostic.h"

namespace ehcp {

// What was learnt about one document when it was opened.
struct DocumentFacts {
  int pages = 0;
  std::vector<int> pages_without_text;  // 1-based, within the document
  bool tagged = false;
};

// One kind of active content taken out of a document on its way into the bundle (see
// active_content.h), with the document's pages it was on (1-based; empty for what belongs
// to the document as a whole, such as its document-level JavaScript or embedded files).
struct RemovedContent {
  std::string what;  // "a JavaScript action", "a FileAttachment annotation and its embedded file"
  std::vector<int> pages;
};

struct OrderedDocument {
  const BundleDocumentEntry* entry = nullptr;
  std::string tab;  // "A1", "B3": section letter and position, for the index and hearing
  DocumentFacts facts;
  int first_page = 0;  // bundle page numbers, 1-based
  int last_page = 0;
  std::vector<RemovedContent> removed;  // filled in when the bundle is written
};

struct OrderedSection {
  const BundleSectionRule* rule = nullptr;
  const BundleSectionEntry* entry = nullptr;
  std::string letter;  // "A", "B", ... in bundle order
  std::vector<OrderedDocument> documents;
  int Pages() const;
};

// Orders the manifest's sections and documents. Unknown section, appeal type or document
// kind ids are errors (they must exist in the rules file).
std::vector<OrderedSection> OrderBundle(const BundleManifest& manifest, const BundleRules& rules,
                                        DiagnosticList& diagnostics);

// Numbers every document's pages, continuing after `front_matter_pages` (cover and
// index). Returns the bundle's total page count. Needs `facts` filled in.
int NumberPages(std::vector<OrderedSection>& sections, int front_matter_pages);

}  // namespace ehcp
