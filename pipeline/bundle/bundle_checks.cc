#include "bundle/bundle_checks.h"

#include "policy/wording.h"

namespace ehcp {

namespace {

std::string PageList(const std::vector<int>& pages) {
  std::string out;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i == 8) return out + " and " + std::to_string(pages.size() - i) + " more";
    out += (i ? ", " : "") + std::to_string(pages[i]);
  }
  return out;
}

}  // namespace

void CheckBundle(const BundleManifest& manifest, const BundleRules& rules,
                 const std::vector<OrderedSection>& sections, DiagnosticList& diagnostics) {
  const AppealTypeRule* appeal = rules.FindAppealType(manifest.appeal_type);
  for (const auto& section : sections) {
    if (appeal != nullptr) {
      auto limit = rules.PageLimit(*section.rule, *appeal);
      int pages = section.Pages();
      if (limit && pages > *limit) {
        Diagnostic d;
        d.code = "bundle.page-limit";
        d.section = section.rule->id;
        d.location = section.entry->location;
        d.message = "section \"" + section.rule->title + "\" has " + std::to_string(pages) +
                    " pages; the limit for " +
                    (section.rule->limit_from_appeal_type
                         ? "each party's evidence in an appeal about \"" + appeal->title + "\""
                         : std::string("this section")) +
                    " is " + std::to_string(*limit) + " (" + std::to_string(pages - *limit) +
                    " over)";
        d.hint =
            "remove pages, or make a SEND7 request for extra pages and record it in the section's "
            "overLimitRequest attribute";
        d.source = "Practice Direction on bundles (SEND), April 2025: page limits";
        if (section.entry->over_limit_request.empty()) {
          d.severity = Severity::kError;
        } else {
          d.severity = Severity::kWarning;
          d.message += "; SEND7 request recorded: " + section.entry->over_limit_request;
        }
        diagnostics.Add(std::move(d));
      }
    }
    for (const auto& doc : section.documents) {
      const BundleDocumentEntry& e = *doc.entry;
      if (!e.kind.empty()) {
        if (const DocumentKindRule* kind = rules.FindDocumentKind(e.kind)) {
          if (kind->max_pages && doc.facts.pages > *kind->max_pages)
            diagnostics.Warning("bundle.document-length",
                                "document \"" + e.title + "\" (" + kind->title + ") has " +
                                    std::to_string(doc.facts.pages) + " pages; the limit is " +
                                    std::to_string(*kind->max_pages),
                                e.location);
          if (kind->max_age_years &&
              e.date.AddMonths(12 * *kind->max_age_years) < manifest.hearing_date)
            diagnostics.Warning("bundle.document-age",
                                "document \"" + e.title + "\" (" + kind->title + ", " +
                                    e.date.ToLongEnglish() + ") is more than " +
                                    Counted(*kind->max_age_years, "year", "years") +
                                    " old at the hearing date",
                                e.location);
        }
      }
      if (e.date > manifest.hearing_date)
        diagnostics.Warning("bundle.document-date",
                            "document \"" + e.title + "\" is dated " + e.date.ToLongEnglish() +
                                ", after the hearing date",
                            e.location);
      if (!doc.facts.pages_without_text.empty()) {
        Diagnostic d;
        d.severity = Severity::kWarning;
        d.code = "bundle.no-text";
        d.section = section.rule->id;
        d.location = e.location;
        bool plural = doc.facts.pages_without_text.size() > 1;
        d.message = "document \"" + e.title + "\": page" + (plural ? "s " : " ") +
                    PageList(doc.facts.pages_without_text) + " of the document " +
                    (plural ? "have" : "has") +
                    " no text layer (scanned images); run OCR on the file";
        d.source = "Practice Direction on bundles (SEND), April 2025: OCR-enabled PDF";
        diagnostics.Add(std::move(d));
      }
    }
  }
}

}  // namespace ehcp
