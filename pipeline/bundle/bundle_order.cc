#include "bundle/bundle_order.h"

#include <algorithm>

namespace ehcp {

int OrderedSection::Pages() const {
  int pages = 0;
  for (const auto& d : documents) pages += d.facts.pages;
  return pages;
}

std::vector<OrderedSection> OrderBundle(const BundleManifest& manifest, const BundleRules& rules,
                                        DiagnosticList& diagnostics) {
  if (rules.FindAppealType(manifest.appeal_type) == nullptr) {
    std::string known;
    for (const auto& a : rules.appeal_types) known += (known.empty() ? "" : ", ") + a.id;
    diagnostics.Error(
        "bundle.appeal-type",
        "unknown appeal type \"" + manifest.appeal_type + "\" (the rules know: " + known + ")",
        manifest.location);
  }
  std::vector<OrderedSection> sections;
  for (const auto& entry : manifest.sections) {
    auto index = rules.SectionIndex(entry.ref);
    if (!index) {
      std::string known;
      for (const auto& s : rules.sections) known += (known.empty() ? "" : ", ") + s.id;
      diagnostics.Error(
          "bundle.section",
          "unknown bundle section \"" + entry.ref + "\" (the rules know: " + known + ")",
          entry.location);
      continue;
    }
    OrderedSection section;
    section.rule = &rules.sections[*index];
    section.entry = &entry;
    for (const auto& doc : entry.documents) {
      if (!doc.kind.empty() && rules.FindDocumentKind(doc.kind) == nullptr)
        diagnostics.Error(
            "bundle.document-kind",
            "document \"" + doc.title + "\": unknown document kind \"" + doc.kind + "\"",
            doc.location);
      section.documents.push_back(OrderedDocument{&doc, {}, {}, 0, 0, {}});
    }
    // Chronological within a section (Practice Direction); ties by title so the order
    // never depends on how the manifest happens to list them.
    std::stable_sort(section.documents.begin(), section.documents.end(),
                     [](const OrderedDocument& a, const OrderedDocument& b) {
                       if (a.entry->date != b.entry->date) return a.entry->date < b.entry->date;
                       return a.entry->title < b.entry->title;
                     });
    sections.push_back(std::move(section));
  }
  std::stable_sort(sections.begin(), sections.end(),
                   [&](const OrderedSection& a, const OrderedSection& b) {
                     return *rules.SectionIndex(a.rule->id) < *rules.SectionIndex(b.rule->id);
                   });
  for (size_t i = 0; i < sections.size(); ++i) {
    // A..Z, then AA, AB...: more than 26 sections is unlikely but must not break.
    std::string letter;
    for (size_t n = i + 1; n > 0; n = (n - 1) / 26)
      letter.insert(letter.begin(), static_cast<char>('A' + (n - 1) % 26));
    sections[i].letter = letter;
    for (size_t j = 0; j < sections[i].documents.size(); ++j)
      sections[i].documents[j].tab = letter + std::to_string(j + 1);
  }
  return sections;
}

int NumberPages(std::vector<OrderedSection>& sections, int front_matter_pages) {
  int page = front_matter_pages;
  for (auto& section : sections) {
    for (auto& doc : section.documents) {
      doc.first_page = page + 1;
      page += doc.facts.pages;
      doc.last_page = page;
    }
  }
  return page;
}

}  // namespace ehcp
