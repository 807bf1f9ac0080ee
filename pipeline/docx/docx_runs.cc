#include "docx/docx_runs.h"

#include <algorithm>
#include <optional>

#include "document/text_direction.h"
#include "document/text_script.h"
#include "docx/xml_text.h"

namespace ehcp::docx {
namespace {

// Which of Word's font slots a run's characters fall in beyond ascii/hAnsi: East Asian
// (Chinese, Japanese, Korean) and complex (Arabic, Hebrew, the Indic scripts, Thai).
struct RunScripts {
  Script east_asian = Script::kCommon;  // kHan or kHangul when the run has such characters
  Script complex = Script::kCommon;     // the first complex script in the run
  bool ethiopic_only = false;           // Ethiopic letters and no Latin ones
};

bool IsComplex(Script script) {
  switch (script) {
    case Script::kHebrew:
    case Script::kArabic:
    case Script::kDevanagari:
    case Script::kBengali:
    case Script::kGurmukhi:
    case Script::kGujarati:
    case Script::kTamil:
    case Script::kThai: return true;
    default: return false;
  }
}

RunScripts ScriptsOf(std::string_view text, std::string_view lang) {
  RunScripts found;
  bool ethiopic = false, latin = false;
  for (const ScriptRun& run : SplitScriptRuns(text)) {
    if ((run.script == Script::kHan || run.script == Script::kHangul) &&
        found.east_asian == Script::kCommon)
      found.east_asian = run.script;
    if (IsComplex(run.script) && found.complex == Script::kCommon) found.complex = run.script;
    ethiopic = ethiopic || run.script == Script::kEthiopic;
    latin = latin || run.script == Script::kLatin;
  }
  if (!lang.empty() && found.east_asian == Script::kCommon && found.complex == Script::kCommon) {
    // A tagged run of digits and punctuation keeps its language's slot.
    if (auto script = ScriptOfLanguage(lang); script && IsComplex(*script)) found.complex = *script;
  }
  found.ethiopic_only = ethiopic && !latin;
  return found;
}

// Fonts Windows and Office for Mac ship for each script, named so that Word draws the
// family's words in a face made for them rather than its own substitute; a reader
// without them (LibreOffice on Linux) falls back by script as it would anyway.
const char* EastAsianFont(Script script, std::string_view lang) {
  if (script == Script::kHangul || lang.starts_with("ko")) return "Malgun Gothic";
  if (lang.starts_with("ja")) return "Yu Gothic";
  if (lang.starts_with("zh-Hant") || lang.starts_with("zh-TW") || lang.starts_with("zh-HK"))
    return "Microsoft JhengHei";
  return "Microsoft YaHei";
}

const char* ComplexFont(Script script) {
  switch (script) {
    case Script::kDevanagari:
    case Script::kBengali:
    case Script::kGurmukhi:
    case Script::kGujarati:
    case Script::kTamil: return "Nirmala UI";
    case Script::kThai: return "Leelawadee UI";
    default: return nullptr;  // Arabic and Hebrew: the document's Arial has them
  }
}

void AppendRunProperties(std::string& out, const RunFormat& format, bool right_to_left,
                         std::string_view text = {}) {
  bool other_language = !format.lang.empty();
  const RunScripts scripts = ScriptsOf(text, format.lang);
  const char* east_asian_font = scripts.east_asian != Script::kCommon
                                    ? EastAsianFont(scripts.east_asian, format.lang)
                                    : nullptr;
  const char* complex_font = ComplexFont(scripts.complex);
  bool fonts = east_asian_font != nullptr || complex_font != nullptr || scripts.ethiopic_only;
  if (format.character_style.empty() && !format.bold && !format.italic && !format.underline &&
      !format.strike && !right_to_left && !other_language && !fonts)
    return;
  out += "<w:rPr>";
  if (!format.character_style.empty()) {
    out += "<w:rStyle w:val=\"";
    out += format.character_style;
    out += "\"/>";
  }
  if (fonts) {
    out += "<w:rFonts";
    if (east_asian_font != nullptr && ScriptOfLanguage(format.lang) == Script::kHan)
      out += " w:hint=\"eastAsia\"";  // shared punctuation drawn as East Asian
    if (scripts.ethiopic_only) out += " w:ascii=\"Ebrima\" w:hAnsi=\"Ebrima\"";
    if (east_asian_font != nullptr) {
      out += " w:eastAsia=\"";
      out += east_asian_font;
      out += '"';
    }
    if (complex_font != nullptr) {
      out += " w:cs=\"";
      out += complex_font;
      out += '"';
    }
    out += "/>";
  }
  // Word takes bold/italic of right-to-left text from the complex-script switches.
  if (format.bold) out += "<w:b/><w:bCs/>";
  if (format.italic) out += "<w:i/><w:iCs/>";
  if (format.strike) out += "<w:strike/>";
  if (format.underline) out += "<w:u w:val=\"single\"/>";
  if (right_to_left) out += "<w:rtl/>";
  if (other_language) {
    // Word reads a run's language per slot: w:val for Latin letters, w:eastAsia for
    // Chinese, Japanese and Korean, w:bidi for the complex scripts (left to right too).
    const std::optional<Script> script = ScriptOfLanguage(format.lang);
    const bool east_asian = script == Script::kHan || script == Script::kHangul;
    const bool complex = script && IsComplex(*script);
    out += "<w:lang";
    if (!right_to_left) {
      out += " w:val=\"";
      AppendXmlAttribute(out, format.lang);
      out += '"';
    }
    if (east_asian && !right_to_left) {
      out += " w:eastAsia=\"";
      AppendXmlAttribute(out, format.lang);
      out += '"';
    }
    if (right_to_left || complex) {
      out += " w:bidi=\"";
      AppendXmlAttribute(out, format.lang);
      out += '"';
    }
    out += "/>";
  }
  out += "</w:rPr>";
}

// One run of text with the same direction; splits out w:br and w:tab.
void AppendRun(std::string& out, std::string_view text, const RunFormat& format,
               bool right_to_left) {
  if (text.empty()) return;
  out += "<w:r>";
  AppendRunProperties(out, format, right_to_left, text);
  size_t start = 0;
  while (start <= text.size()) {
    size_t stop = text.find_first_of("\t\n", start);
    std::string_view piece =
        text.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start);
    if (!piece.empty()) {
      std::string escaped;
      AppendXmlText(escaped, piece);
      if (!escaped.empty()) {
        out += "<w:t xml:space=\"preserve\">";
        out += escaped;
        out += "</w:t>";
      }
    }
    if (stop == std::string_view::npos) break;
    out += text[stop] == '\t' ? "<w:tab/>" : "<w:br/>";
    start = stop + 1;
  }
  out += "</w:r>";
}

// Byte length of the UTF-8 sequence starting with `lead` (1 for stray bytes).
size_t SequenceLength(unsigned char lead) {
  return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace

void AppendRuns(std::string& out, std::string_view text, const RunFormat& format) {
  if (!format.lang.empty() && IsRightToLeftLanguage(format.lang)) {
    AppendRun(out, text, format, true);
    return;
  }
  if (!ContainsRightToLeftText(text)) {
    AppendRun(out, text, format, false);
    return;
  }
  // Untagged or left-to-right-tagged text with right-to-left letters in it (an Arabic
  // name in an English sentence): each stretch from the first to the last right-to-left
  // letter, with the spaces between its words, becomes its own right-to-left run.
  RunFormat rtl_format = format;
  rtl_format.lang = {};
  size_t segment_start = 0;
  size_t rtl_start = std::string_view::npos, rtl_end = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t length = std::min(SequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
    Direction direction = FirstStrongDirection(text.substr(i, length));
    if (direction == Direction::kRightToLeft) {
      if (rtl_start == std::string_view::npos) rtl_start = i;
      rtl_end = i + length;
    } else if (direction == Direction::kLeftToRight && rtl_start != std::string_view::npos) {
      AppendRun(out, text.substr(segment_start, rtl_start - segment_start), format, false);
      AppendRun(out, text.substr(rtl_start, rtl_end - rtl_start), rtl_format, true);
      segment_start = rtl_end;
      rtl_start = std::string_view::npos;
    }
    i += length;
  }
  if (rtl_start != std::string_view::npos) {
    AppendRun(out, text.substr(segment_start, rtl_start - segment_start), format, false);
    AppendRun(out, text.substr(rtl_start, rtl_end - rtl_start), rtl_format, true);
    segment_start = rtl_end;
  }
  AppendRun(out, text.substr(segment_start), format, false);
}

void AppendSimpleFieldRuns(std::string& out, std::string_view instruction, std::string_view result,
                           const RunFormat& format) {
  auto field_char = [&](std::string_view type) {
    out += "<w:r>";
    AppendRunProperties(out, format, false);
    out += "<w:fldChar w:fldCharType=\"";
    out += type;
    out += "\"/></w:r>";
  };
  field_char("begin");
  out += "<w:r>";
  AppendRunProperties(out, format, false);
  out += "<w:instrText xml:space=\"preserve\"> ";
  AppendXmlText(out, instruction);
  out += " </w:instrText></w:r>";
  field_char("separate");
  AppendRun(out, result, format, false);
  field_char("end");
}

}  // namespace ehcp::docx
