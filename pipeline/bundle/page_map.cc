#include "bundle/page_map.h"

#include <cstdio>

#include "policy/wording.h"

namespace ehcp {

PageMap MakePageMap(const BundleManifest& manifest, const std::vector<OrderedSection>& sections,
                    int total_pages) {
  PageMap map;
  map.tribunal_reference = manifest.tribunal_reference;
  map.issue = manifest.issue_number;
  map.total_pages = total_pages;
  map.front_matter_pages = total_pages;
  for (const auto& section : sections) {
    for (const auto& doc : section.documents) {
      PageMapEntry e;
      e.tab = doc.tab;
      e.section = section.rule->id;
      e.section_title = section.rule->title;
      e.title = doc.entry->title;
      e.author = doc.entry->author;
      e.party = std::string(BundlePartyName(doc.entry->party));
      e.date = doc.entry->date;
      e.source = doc.entry->href;
      e.first_page = doc.first_page;
      e.last_page = doc.last_page;
      e.tagged = doc.facts.tagged;
      for (int p : doc.facts.pages_without_text)
        e.pages_without_text.push_back(doc.first_page + p - 1);
      for (const RemovedContent& r : doc.removed) {
        RemovedContent& bundle = e.removed.emplace_back(RemovedContent{r.what, {}});
        for (int p : r.pages) bundle.pages.push_back(doc.first_page + p - 1);
      }
      map.front_matter_pages = std::min(map.front_matter_pages, doc.first_page - 1);
      map.documents.push_back(std::move(e));
    }
  }
  return map;
}

std::string FormatPageMap(const PageMap& map) {
  std::string out = "Page map (" + map.tribunal_reference + ", issue " + std::to_string(map.issue) +
                    ", " + Counted(map.total_pages, "page", "pages") + ")\n";
  char line[64];
  out += "  cover and index  pages 1-" + std::to_string(map.front_matter_pages) + "\n";
  for (const auto& e : map.documents) {
    std::string pages = e.first_page == e.last_page
                            ? std::to_string(e.first_page)
                            : std::to_string(e.first_page) + "-" + std::to_string(e.last_page);
    std::snprintf(line, sizeof line, "  %-4s %-9s ", e.tab.c_str(), pages.c_str());
    out += line + e.title + " (" + e.date.ToIso() + ", " + e.author + ")";
    if (!e.tagged) out += " [untagged]";
    if (!e.pages_without_text.empty())
      out += " [no text layer on " + std::to_string(e.pages_without_text.size()) + " page(s)]";
    if (!e.removed.empty()) out += " [active content removed]";
    out += "\n";
  }
  return out;
}

nlohmann::json PageMapToJson(const PageMap& map) {
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& e : map.documents) {
    nlohmann::json removed = nlohmann::json::array();
    for (const RemovedContent& r : e.removed)
      removed.push_back({{"what", r.what}, {"pages", r.pages}});
    documents.push_back({{"tab", e.tab},
                         {"section", e.section},
                         {"section_title", e.section_title},
                         {"title", e.title},
                         {"author", e.author},
                         {"party", e.party},
                         {"date", e.date.ToIso()},
                         {"source", e.source},
                         {"first_page", e.first_page},
                         {"last_page", e.last_page},
                         {"pages", e.last_page - e.first_page + 1},
                         {"tagged", e.tagged},
                         {"pages_without_text", e.pages_without_text},
                         {"active_content_removed", removed}});
  }
  return {{"tribunal_reference", map.tribunal_reference},
          {"issue", map.issue},
          {"total_pages", map.total_pages},
          {"front_matter_pages", map.front_matter_pages},
          {"sha256", map.sha256},
          {"documents", documents}};
}

}  // namespace ehcp
