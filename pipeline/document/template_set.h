#pragma once

// A council's template set: section titles, boilerplate wording and branding, read at
// run time from templates/<name>/ so a council adapts them without recompiling.
// Text values may contain Mustache tags ({{child.known_as}}, {{council.name}}, ...)
// that the plan document builder fills from the plan.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "document/layout_spec.h"

namespace ehcp {

struct Branding {
  std::string council_name;  // shown on the cover and in the footer; empty = plan's LA name
  std::vector<std::string> contact_lines;
  std::filesystem::path logo;  // inside the template folder; empty = no logo
  std::string logo_alt;        // required when a logo is given
  double logo_width_pt = 0;
};

struct TemplateSet {
  std::filesystem::path folder;  // templates/<name>/
  Branding branding;
  // Named strings: "section.B.title", "section.C.none", "cover.heading", ... (Mustache).
  std::map<std::string, std::string> strings;
  // The HTML page skeleton and styles (plan.html): the set's own, else the one of the set
  // it extends. Empty when none has one (the HTML writer then cannot be used).
  std::string html_page;
  std::filesystem::path html_page_file;
  // Whether the plan opens with a one-page "about me" summary (template.json
  // "about_me_page": true; its wording is strings.about_me.*). Inherited like strings.
  std::optional<bool> about_me_page;
  bool AboutMePage() const { return about_me_page.value_or(false); }
  // Page size, margins, font, type sizes and colours (template.json "layout"), each key
  // inherited from the set it extends unless the set gives its own.
  doc::LayoutSpec layout;
  // Every file read to make the set (template.json of it and the sets it extends, the
  // logo), so that no output of a run overwrites one.
  std::vector<std::filesystem::path> files;

  // The string for `key`, or `fallback` when the template does not define it.
  const std::string& String(const std::string& key, const std::string& fallback) const;
};

// Loads templates/<name>/ (or a folder path). Paths inside it (the logo) must stay inside
// the folder; anything else is a diagnostic and the set is not returned.
std::optional<TemplateSet> LoadTemplateSet(const std::filesystem::path& folder,
                                           DiagnosticList& diagnostics);

}  // namespace ehcp
