#include "document/template_set.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "document/mustache_depth.h"
#include "image/image_file.h"
#include "output/input_file.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxTemplateBytes = 1024 * 1024;
constexpr int kMaxExtendsDepth = 4;
constexpr const char* kTemplateFile = "template.json";
constexpr const char* kHtmlPageFile = "plan.html";

// nlohmann reports a byte offset; diagnostics want line and column.
SourceLocation LocationOfByte(const std::string& file, const std::string& text, size_t byte) {
  int line = 1, column = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return FileLocation(file, line, column);
}

// Keys starting with "_" are comments for the people who edit the file.
bool IsComment(const std::string& key) {
  return !key.empty() && key[0] == '_';
}

// Groups of strings inside "strings" ("cover.title" is two levels; the shipped sets use
// three). A deeper file is refused: the walk recurses once a level and builds every key
// from its prefix, so a 1 MiB template of nested objects would exhaust the stack.
constexpr int kMaxStringDepth = 8;

void FlattenStrings(const nlohmann::json& node, const std::string& prefix, int depth,
                    const SourceLocation& where, std::map<std::string, std::string>& out,
                    DiagnosticList& diagnostics) {
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (IsComment(it.key())) continue;
    std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object()) {
      if (depth + 1 >= kMaxStringDepth) {
        diagnostics.Error("template.invalid",
                          "template strings are grouped more than " +
                              std::to_string(kMaxStringDepth) + " levels deep (at \"" +
                              key.substr(0, 200) + "\")",
                          where);
        return;
      }
      FlattenStrings(*it, key, depth + 1, where, out, diagnostics);
    } else if (it->is_string()) {
      std::string text = it->get<std::string>();
      if (int depth = MustacheSectionDepth(text); depth > kMaxMustacheSectionDepth) {
        diagnostics.Error("template.invalid",
                          "template string \"" + key + "\" nests sections " +
                              std::to_string(depth) + " deep; the limit is " +
                              std::to_string(kMaxMustacheSectionDepth),
                          where);
        continue;
      }
      out[key] = std::move(text);
    } else {
      diagnostics.Error("template.invalid", "template string \"" + key + "\" must be text", where);
    }
  }
}

// The logo must be a PNG or JPEG file inside the template folder: a council template is
// data, and must not be able to make the renderer embed an arbitrary file. It is decoded
// in full here, so a damaged or oversized logo stops the run before anything is written,
// with the template named; the writers decode it again from the same path.
std::optional<fs::path> ResolveLogo(const fs::path& folder, const std::string& logo,
                                    const SourceLocation& where, DiagnosticList& diagnostics) {
  fs::path relative(logo);
  if (relative.is_absolute()) {
    diagnostics.Error("template.logo-outside",
                      "logo \"" + logo + "\" must be a path inside the template folder", where);
    return std::nullopt;
  }
  for (const auto& part : relative) {
    if (part == "..") {
      diagnostics.Error(
          "template.logo-outside",
          "logo \"" + logo + "\" must not leave the template folder (\"..\" is not allowed)",
          where);
      return std::nullopt;
    }
  }
  std::error_code ec;
  fs::path root = fs::canonical(folder, ec);
  fs::path resolved = ec ? fs::path() : fs::weakly_canonical(root / relative, ec);
  if (ec || !fs::is_regular_file(resolved, ec)) {
    diagnostics.Error("template.logo-missing",
                      "logo file \"" + logo + "\" not found in " + folder.string(), where);
    return std::nullopt;
  }
  // A symbolic link inside the folder may still point outside it.
  auto [root_end, unused] =
      std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
  (void)unused;
  if (root_end != root.end()) {
    diagnostics.Error(
        "template.logo-outside",
        "logo \"" + logo + "\" resolves to " + resolved.string() + ", outside the template folder",
        where);
    return std::nullopt;
  }
  image::ImageResult decoded = image::ReadImageFile(resolved);
  if (decoded.problem == image::ImageProblem::kUnreadable ||
      decoded.problem == image::ImageProblem::kNotAnImage) {
    diagnostics.Error("template.logo-format",
                      "logo \"" + logo + "\" is not a PNG or JPEG image under 16 MiB", where);
    return std::nullopt;
  }
  if (!decoded.Ok()) {
    diagnostics.Error("template.image",
                      "logo \"" + logo + "\" (" + resolved.string() + "): " + decoded.message,
                      where);
    return std::nullopt;
  }
  return resolved;
}

void ReadBranding(const nlohmann::json& node, const fs::path& folder, const SourceLocation& where,
                  Branding& branding, std::vector<fs::path>& files, DiagnosticList& diagnostics) {
  auto text = [&](const char* key, std::string& target) {
    if (!node.contains(key)) return;
    if (node[key].is_string()) {
      target = node[key].get<std::string>();
    } else {
      diagnostics.Error("template.invalid", std::string("branding.") + key + " must be text",
                        where);
    }
  };
  text("council_name", branding.council_name);
  text("logo_alt", branding.logo_alt);
  if (node.contains("contact_lines")) {
    const auto& lines = node["contact_lines"];
    bool ok = lines.is_array();
    if (ok) {
      for (const auto& line : lines) ok = ok && line.is_string();
    }
    if (ok) {
      branding.contact_lines = lines.get<std::vector<std::string>>();
    } else {
      diagnostics.Error("template.invalid", "branding.contact_lines must be a list of text lines",
                        where);
    }
  }
  if (node.contains("logo_width_pt")) {
    if (node["logo_width_pt"].is_number() && node["logo_width_pt"].get<double>() >= 0) {
      branding.logo_width_pt = node["logo_width_pt"].get<double>();
    } else {
      diagnostics.Error("template.invalid",
                        "branding.logo_width_pt must be a number of points, 0 or more", where);
    }
  }
  std::string logo;
  text("logo", logo);
  if (!logo.empty()) {
    if (auto resolved = ResolveLogo(folder, logo, where, diagnostics)) branding.logo = *resolved;
    if (!branding.logo.empty()) files.push_back(branding.logo);
    if (branding.logo_alt.empty()) {
      diagnostics.Error(
          "template.logo-alt",
          "branding.logo_alt is required when a logo is given: describe the logo for people "
          "who cannot see it",
          where);
    }
  }
}

// Where the key at `path` ("layout", "margins", "top") is written in the file, found by
// looking for each key's quoted name after the one before it: nlohmann keeps no positions,
// and a council correcting a margin wants the line.
SourceLocation LocateKey(const std::string& file, const std::string& text,
                         const std::vector<std::string>& path) {
  size_t at = 0;
  for (const auto& key : path) {
    size_t found = text.find("\"" + key + "\"", at);
    if (found == std::string::npos) return FileLocation(file);
    at = found;
  }
  return LocationOfByte(file, text, at);
}

// The WCAG relative luminance of an sRGB colour.
double Luminance(const doc::Colour& c) {
  auto channel = [](uint8_t v) {
    double x = v / 255.0;
    return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double Contrast(const doc::Colour& a, const doc::Colour& b) {
  double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::optional<doc::Colour> ParseColour(const std::string& text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  uint8_t bytes[3];
  for (int i = 0; i < 3; ++i) {
    int hi = hex(text[1 + 2 * i]), lo = hex(text[2 + 2 * i]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return doc::Colour{bytes[0], bytes[1], bytes[2]};
}

// Reads template.json's "layout" over `spec` (which holds what the set extends): every
// key given replaces the inherited one. The limits keep a council's plan readable and its
// running header and footer clear of the text; each mistake is an error at its key.
class LayoutReader {
 public:
  LayoutReader(const std::string& file, const std::string& text, DiagnosticList& diagnostics)
      : file_(file), text_(text), diagnostics_(diagnostics) {}

  void Read(const nlohmann::json& layout, doc::LayoutSpec& spec) {
    if (!Object(layout, {"layout"})) return;
    for (auto it = layout.begin(); it != layout.end(); ++it) {
      const std::string& key = it.key();
      if (IsComment(key)) continue;
      if (key == "page") {
        ReadPage(*it, spec);
      } else if (key == "margins") {
        ReadMargins(*it, spec);
      } else if (key == "font_family") {
        ReadFont(*it, spec);
      } else if (key == "sizes") {
        ReadSizes(*it, spec);
      } else if (key == "line_spacing") {
        if (auto v = Number(*it, {"layout", key}, 1.0, 3.0, "times the type size"))
          spec.line_spacing = *v;
      } else if (key == "colours") {
        ReadColours(*it, spec);
      } else {
        Error({"layout", key}, "unexpected \"layout." + key +
                                   "\": a layout has \"page\", \"margins\", \"font_family\", "
                                   "\"sizes\", \"line_spacing\" and \"colours\"");
      }
    }
    // Inherited page sizes count too: a council's margins on its base's page.
    if (spec.margins &&
        (spec.page_width - spec.margins->left - spec.margins->right < spec.page_width / 2 ||
         spec.page_height - spec.margins->top - spec.margins->bottom < spec.page_height / 2)) {
      Error({"layout", "margins"},
            "layout.margins leave less than half the page's width or height for the text");
    }
  }

 private:
  void Error(const std::vector<std::string>& path, const std::string& message) {
    diagnostics_.Error("template.layout", message, LocateKey(file_, text_, path));
  }

  static std::string Dotted(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& key : path) out += (out.empty() ? "" : ".") + key;
    return out;
  }

  bool Object(const nlohmann::json& node, const std::vector<std::string>& path) {
    if (node.is_object()) return true;
    Error(path, Dotted(path) + " must be an object of named values");
    return false;
  }

  // A number of points (or a multiple) within [least, most].
  std::optional<double> Number(const nlohmann::json& node, const std::vector<std::string>& path,
                               double least, double most, const char* unit) {
    std::string name = Dotted(path);
    auto range = [&] {
      std::ostringstream out;
      out << least << " to " << most << " " << unit;
      return out.str();
    };
    if (!node.is_number()) {
      Error(path, name + " must be a number, " + range());
      return std::nullopt;
    }
    double value = node.get<double>();
    if (!std::isfinite(value) || value < least || value > most) {
      std::ostringstream shown;
      shown << value;
      Error(path, name + " is " + shown.str() + ": it must be " + range());
      return std::nullopt;
    }
    return value;
  }

  // A type size: Word counts half points, so 10.25 would not mean the same in both formats.
  std::optional<double> Size(const nlohmann::json& node, const std::vector<std::string>& path,
                             double least) {
    auto value = Number(node, path, least, 72, "points");
    if (value && std::fmod(*value * 2, 1) != 0) {
      Error(path, Dotted(path) + " must be a whole or half number of points (Word's steps)");
      return std::nullopt;
    }
    return value;
  }

  void Unexpected(const std::vector<std::string>& path, const std::string& expected) {
    Error(path, "unexpected \"" + Dotted(path) + "\": expected " + expected);
  }

  void ReadPage(const nlohmann::json& page, doc::LayoutSpec& spec) {
    if (!Object(page, {"layout", "page"})) return;
    for (auto it = page.begin(); it != page.end(); ++it) {
      std::vector<std::string> path{"layout", "page", it.key()};
      if (IsComment(it.key())) continue;
      if (it.key() == "width") {
        if (auto v = Number(*it, path, 288, 1728, "points")) spec.page_width = *v;
      } else if (it.key() == "height") {
        if (auto v = Number(*it, path, 288, 1728, "points")) spec.page_height = *v;
      } else {
        Unexpected(path, "\"width\" and \"height\" in points");
      }
    }
  }

  void ReadMargins(const nlohmann::json& node, doc::LayoutSpec& spec) {
    if (!Object(node, {"layout", "margins"})) return;
    static const char* kSides[] = {"top", "right", "bottom", "left"};
    doc::Margins margins;
    double* slots[] = {&margins.top, &margins.right, &margins.bottom, &margins.left};
    bool ok = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (IsComment(it.key())) continue;
      if (std::find(std::begin(kSides), std::end(kSides), it.key()) == std::end(kSides)) {
        Unexpected({"layout", "margins", it.key()}, "\"top\", \"right\", \"bottom\" and \"left\"");
        ok = false;
      }
    }
    std::string missing;
    for (const char* side : kSides) {
      if (!node.contains(side)) missing += std::string(missing.empty() ? "" : ", ") + side;
    }
    if (!missing.empty()) {
      Error({"layout", "margins"}, "layout.margins must give all four sides; missing: " + missing);
      return;
    }
    for (int i = 0; i < 4; ++i) {
      std::vector<std::string> path{"layout", "margins", kSides[i]};
      // The running header and footer are drawn inside the top and bottom margins.
      bool edge = i == 0 || i == 2;
      auto v = Number(node[kSides[i]], path, edge ? 56 : 28, 288, "points");
      if (v) {
        *slots[i] = *v;
      } else {
        ok = false;
      }
    }
    if (ok) spec.margins = margins;
  }

  void ReadFont(const nlohmann::json& node, doc::LayoutSpec& spec) {
    // A font name goes into Word's XML and VML: letters, digits, spaces and hyphens only.
    bool ok = node.is_string() && !node.get<std::string>().empty() &&
              node.get<std::string>().size() <= 64;
    if (ok) {
      for (char c : node.get<std::string>())
        ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-');
    }
    if (!ok) {
      Error({"layout", "font_family"},
            "layout.font_family must be a font's name (letters, digits, spaces and hyphens, "
            "at most 64), such as \"Arial\"");
      return;
    }
    spec.font_family = node.get<std::string>();
  }

  void ReadSizes(const nlohmann::json& node, doc::LayoutSpec& spec) {
    if (!Object(node, {"layout", "sizes"})) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string& key = it.key();
      if (IsComment(key)) continue;
      std::vector<std::string> path{"layout", "sizes", key};
      // Nothing a reader needs is smaller than 12 pt, the plan's accessibility floor.
      if (key == "body") {
        if (auto v = Size(*it, path, 12)) spec.body_size = *v;
      } else if (key == "table") {
        if (auto v = Size(*it, path, 12)) spec.table_size = *v;
      } else if (key == "title") {
        if (auto v = Size(*it, path, 12)) spec.title_size = *v;
      } else if (key == "heading1" || key == "heading2" || key == "heading3") {
        if (auto v = Size(*it, path, 12)) spec.heading_size[key.back() - '1'] = *v;
      } else {
        Unexpected(path,
                   "\"body\", \"table\", \"title\", \"heading1\", \"heading2\" and \"heading3\"");
      }
    }
  }

  void ReadColours(const nlohmann::json& node, doc::LayoutSpec& spec) {
    if (!Object(node, {"layout", "colours"})) return;
    const doc::Colour white{255, 255, 255};
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string& key = it.key();
      if (IsComment(key)) continue;
      std::vector<std::string> path{"layout", "colours", key};
      std::optional<doc::Colour>* slot = key == "text"           ? &spec.text_colour
                                         : key == "heading"      ? &spec.heading_colour
                                         : key == "link"         ? &spec.link_colour
                                         : key == "rule"         ? &spec.rule_colour
                                         : key == "table_header" ? &spec.table_header_colour
                                                                 : nullptr;
      if (!slot) {
        Unexpected(path, "\"text\", \"heading\", \"link\", \"rule\" and \"table_header\"");
        continue;
      }
      std::string written = it->is_string() ? it->get<std::string>() : it->dump();
      auto colour = it->is_string() ? ParseColour(written) : std::nullopt;
      if (!colour) {
        Error(path, Dotted(path) + " is " + (it->is_string() ? "\"" + written + "\"" : written) +
                        ": a colour is written \"#RRGGBB\" in hexadecimal, such as \"#1F3864\"");
        continue;
      }
      // Text on white keeps the 7:1 contrast the default colours have (WCAG AAA); a
      // header row's fill keeps it for the text on it.
      bool text = key == "text" || key == "heading" || key == "link";
      double contrast = text                    ? Contrast(*colour, white)
                        : key == "table_header" ? Contrast(*colour, doc::Colour{18, 18, 18})
                                                : 7;
      if (contrast < 7) {
        std::ostringstream ratio;
        ratio.precision(3);
        ratio << contrast;
        Error(path, Dotted(path) + " \"" + written + "\" has a contrast of " + ratio.str() + ":1 " +
                        (text ? "on white" : "with the text") + "; it must be 7:1 or more");
        continue;
      }
      *slot = colour;
    }
  }

  const std::string& file_;
  const std::string& text_;
  DiagnosticList& diagnostics_;
};

bool LoadInto(const fs::path& folder, int depth, TemplateSet& set, DiagnosticList& diagnostics) {
  fs::path file = folder / kTemplateFile;
  SourceLocation where = FileLocation(file.string());
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    diagnostics.Error("template.not-found", "template folder " + folder.string() + " not found",
                      where);
    return false;
  }
  InputFile in = ReadInputFile(file.string(), kMaxTemplateBytes);
  if (in.status == InputFileStatus::kTooLarge) {
    diagnostics.Error("template.too-large", "template file is larger than 1 MiB", where);
    return false;
  }
  if (!in.Ok()) {
    diagnostics.Error("template.not-found", "cannot read " + file.string() + ": " + in.problem,
                      where);
    return false;
  }
  const std::string& text = in.bytes;
  set.files.push_back(file);

  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::string message = e.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> the reason.
    if (auto colon = message.find(": "); colon != std::string::npos)
      message = message.substr(colon + 2);
    diagnostics.Error("template.malformed", "template is not valid JSON: " + message,
                      LocationOfByte(file.string(), text, e.byte > 0 ? e.byte - 1 : 0));
    return false;
  } catch (const nlohmann::json::exception& e) {
    // A number too large for a double ("1e999") is out_of_range, which carries no byte
    // offset; its message quotes the number, so point at its first occurrence.
    std::string message = e.what();
    std::size_t at = 0;
    if (auto open = message.find('\''); open != std::string::npos) {
      auto close = message.find('\'', open + 1);
      if (close != std::string::npos) {
        auto found = text.find(message.substr(open + 1, close - open - 1));
        if (found != std::string::npos) at = found;
      }
    }
    if (auto colon = message.find("] "); colon != std::string::npos)
      message = message.substr(colon + 2);
    diagnostics.Error("template.malformed", "template is not valid JSON: " + message,
                      LocationOfByte(file.string(), text, at));
    return false;
  }
  if (!root.is_object()) {
    diagnostics.Error("template.invalid", "template must be a JSON object", where);
    return false;
  }

  // A council template may extend a sibling (usually "default") and change only some
  // strings. Branding is never inherited: the logo must live in the council's own folder.
  if (root.contains("extends")) {
    const auto& base = root["extends"];
    std::string name = base.is_string() ? base.get<std::string>() : "";
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
      diagnostics.Error("template.invalid",
                        "\"extends\" must name a sibling template folder, such as \"default\"",
                        where);
      return false;
    }
    if (depth >= kMaxExtendsDepth) {
      diagnostics.Error("template.invalid", "templates extend each other too deeply (a loop?)",
                        where);
      return false;
    }
    // The sibling must really be one: a symbolic link named like a template may lead
    // anywhere, and a council's template must not pull in files from outside.
    fs::path templates_root = fs::weakly_canonical(folder.parent_path(), ec);
    fs::path base_folder = fs::weakly_canonical(folder.parent_path() / name, ec);
    if (ec || base_folder.parent_path() != templates_root) {
      diagnostics.Error("template.outside",
                        "\"extends\": \"" + name + "\" resolves to " + base_folder.string() +
                            ", outside the templates folder " + templates_root.string(),
                        where);
      return false;
    }
    TemplateSet base_set;
    if (!LoadInto(base_folder, depth + 1, base_set, diagnostics)) return false;
    for (auto& [key, value] : base_set.strings) set.strings[key] = std::move(value);
    for (auto& base_file : base_set.files) set.files.push_back(std::move(base_file));
    set.html_page = std::move(base_set.html_page);
    set.html_page_file = std::move(base_set.html_page_file);
    set.about_me_page = base_set.about_me_page;
    set.layout = base_set.layout;
  }

  // The set's own page skeleton replaces the one it extends.
  fs::path page = folder / kHtmlPageFile;
  if (fs::exists(page, ec)) {
    // Like the logo: a symbolic link may lead out of the folder, and the page is copied
    // into every HTML plan.
    fs::path resolved = fs::weakly_canonical(page, ec);
    if (ec || resolved.parent_path() != fs::weakly_canonical(folder, ec)) {
      diagnostics.Error(
          "template.outside",
          page.string() + " resolves to " + resolved.string() + ", outside the template folder",
          FileLocation(page.string()));
      return false;
    }
    InputFile page_in = ReadInputFile(page.string(), kMaxTemplateBytes);
    if (!page_in.Ok()) {
      diagnostics.Error("template.invalid", "cannot read " + page.string() + ": " + page_in.problem,
                        FileLocation(page.string()));
      return false;
    }
    set.html_page = std::move(page_in.bytes);
    set.html_page_file = page;
    set.files.push_back(page);
  }

  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string& key = it.key();
    if (IsComment(key) || key == "extends") continue;
    if (key == "strings" && it->is_object()) {
      FlattenStrings(*it, "", 0, where, set.strings, diagnostics);
    } else if (key == "about_me_page") {
      if (it->is_boolean()) {
        set.about_me_page = it->get<bool>();
      } else {
        diagnostics.Error("template.invalid", "\"about_me_page\" must be true or false", where);
      }
    } else if (key == "layout") {
      LayoutReader(file.string(), text, diagnostics).Read(*it, set.layout);
    } else if (key == "branding" && it->is_object()) {
      if (depth == 0) ReadBranding(*it, folder, where, set.branding, set.files, diagnostics);
    } else {
      diagnostics.Error("template.invalid",
                        "unexpected \"" + key +
                            "\": a template has \"extends\", \"branding\", \"strings\", \"layout\" "
                            "and \"about_me_page\"",
                        where);
    }
  }
  return true;
}

}  // namespace

const std::string& TemplateSet::String(const std::string& key, const std::string& fallback) const {
  auto it = strings.find(key);
  return it == strings.end() ? fallback : it->second;
}

std::optional<TemplateSet> LoadTemplateSet(const std::filesystem::path& folder,
                                           DiagnosticList& diagnostics) {
  DiagnosticList local;
  TemplateSet set;
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(folder, ec);
  set.folder = ec ? folder : canonical;
  bool ok = LoadInto(set.folder, 0, set, local);
  bool errors = local.HasErrors();
  diagnostics.Append(local);
  if (!ok || errors) return std::nullopt;
  return set;
}

}  // namespace ehcp
