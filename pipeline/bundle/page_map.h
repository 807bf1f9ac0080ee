#pragma once

// The page map of a written bundle: which bundle pages each document occupies, plus the
// SHA-256 of the file, so every party can confirm they hold the same bundle.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bundle/bundle_manifest.h"
#include "bundle/bundle_order.h"

namespace ehcp {

struct PageMapEntry {
  std::string tab;
  std::string section;  // section id
  std::string section_title;
  std::string title;
  std::string author;
  std::string party;
  Date date;
  std::string source;  // the href in the manifest
  int first_page = 0;
  int last_page = 0;
  bool tagged = false;
  std::vector<int> pages_without_text;  // bundle page numbers
  std::vector<RemovedContent> removed;  // active content taken out; bundle page numbers
};

struct PageMap {
  std::string tribunal_reference;
  int issue = 1;
  int total_pages = 0;
  int front_matter_pages = 0;  // cover and index
  std::vector<PageMapEntry> documents;
  std::string sha256;
};

PageMap MakePageMap(const BundleManifest& manifest, const std::vector<OrderedSection>& sections,
                    int total_pages);

// A plain-text table, one line per document: "A1  p. 3-4  Decision letter (12/09/2026)".
std::string FormatPageMap(const PageMap& map);
nlohmann::json PageMapToJson(const PageMap& map);

}  // namespace ehcp
