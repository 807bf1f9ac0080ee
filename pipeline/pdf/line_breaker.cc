#include "pdf/line_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <string_view>

namespace ehcp::pdf {
namespace {

bool IsSpace(char16_t unit) {
  return unit == u' ' || unit == 0x00A0 || unit == 0x3000;
}

bool IsDigit(char16_t unit) {
  return unit >= u'0' && unit <= u'9';
}
bool IsUpper(char16_t unit) {
  return unit >= u'A' && unit <= u'Z';
}
bool IsLetter(char16_t unit) {
  return (unit >= u'a' && unit <= u'z') || IsUpper(unit);
}

// The word ending just before `end` (letters and digits only) and the one starting at
// `start`, for the no-break rules.
std::u16string_view WordBefore(std::u16string_view text, size_t end) {
  size_t start = end;
  while (start > 0 && (IsLetter(text[start - 1]) || IsDigit(text[start - 1]))) --start;
  return text.substr(start, end - start);
}
std::u16string_view WordAt(std::u16string_view text, size_t start) {
  size_t end = start;
  while (end < text.size() && (IsLetter(text[end]) || IsDigit(text[end]))) ++end;
  return text.substr(start, end - start);
}

bool IsMonth(std::u16string_view word) {
  // Asked at every break opportunity: most words are not capitalised or not 3-9 letters.
  if (word.size() < 3 || word.size() > 9 || !IsUpper(word[0])) return false;
  static const char16_t* const kMonths[] = {u"January",   u"February", u"March",    u"April",
                                            u"May",       u"June",     u"July",     u"August",
                                            u"September", u"October",  u"November", u"December"};
  for (const char16_t* month : kMonths) {
    if (word == month) return true;
  }
  return false;
}

bool AllDigits(std::u16string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), IsDigit);
}

// "SW1A", "M1", "B33": the outward half of a UK postcode.
bool IsOutwardCode(std::u16string_view w) {
  size_t i = 0;
  while (i < w.size() && i < 2 && IsUpper(w[i])) ++i;
  if (i == 0 || i >= w.size() || !IsDigit(w[i])) return false;
  ++i;
  if (i < w.size() && (IsDigit(w[i]) || IsUpper(w[i]))) ++i;
  return i == w.size();
}
// "1AA": the inward half.
bool IsInwardCode(std::u16string_view w) {
  return w.size() == 3 && IsDigit(w[0]) && IsUpper(w[1]) && IsUpper(w[2]);
}

// A family must be able to read a phone number, a date, a postcode or an e-mail address
// in one piece: a line may not end at `at` when it would split one. (A piece wider than
// the whole line still breaks, between characters, as a long word does.)
bool KeepsTogether(std::u16string_view text, size_t at) {
  if (at == 0 || at >= text.size()) return false;
  size_t before = at;  // end of the text before the spaces
  while (before > 0 && IsSpace(text[before - 1])) --before;
  if (before == 0) return false;
  if (before == at) {
    // No space: a break inside a word (after a hyphen or a slash). Keep an e-mail
    // address or a web address whole.
    size_t s = at, e = at;
    while (s > 0 && !IsSpace(text[s - 1])) --s;
    while (e < text.size() && !IsSpace(text[e])) ++e;
    std::u16string_view token = text.substr(s, e - s);
    return token.find(u'@') != std::u16string_view::npos ||
           token.find(u"://") != std::u16string_view::npos || token.starts_with(u"www.");
  }
  char16_t last = text[before - 1], next = text[at];
  // Digit groups of a phone number: "01632 960233", "+44 7700 900123".
  if (IsDigit(last) && IsDigit(next)) return true;
  std::u16string_view left = WordBefore(text, before), right = WordAt(text, at);
  // Dates: "4 March 2026".
  if (left.size() <= 2 && AllDigits(left) && IsMonth(right)) return true;
  if (IsMonth(left) && right.size() == 4 && AllDigits(right)) return true;
  // Postcodes: "NE1 4XY".
  if (IsOutwardCode(left) && IsInwardCode(right)) return true;
  return false;
}

// Line-break opportunities of `text` (UAX #14), without those inside the pieces above;
// the last is always the text's end.
std::vector<size_t> BreakOpportunities(icu::BreakIterator* iterator, const std::u16string& text) {
  std::vector<size_t> breaks;
  size_t n = text.size();
  if (iterator != nullptr) {
    icu::UnicodeString ustr(false, text.data(), static_cast<int32_t>(n));
    iterator->setText(ustr);
    for (int32_t b = iterator->next(); b != icu::BreakIterator::DONE; b = iterator->next()) {
      auto at = static_cast<size_t>(b);
      if (at < n && KeepsTogether(text, at)) continue;
      breaks.push_back(at);
    }
    // The iterator keeps a pointer to `ustr`; don't leave it dangling.
    iterator->setText(icu::UnicodeString());
  }
  if (breaks.empty() || breaks.back() != n) breaks.push_back(n);
  return breaks;
}

// Appends the pieces of [start, end) that share a run and font, left to right; for a
// right-to-left range, the pieces and their glyphs come out reversed (visual order)
// with brackets mirrored.
void AppendVisual(const ShapedText& text, size_t start, size_t end, bool rtl, double size,
                  FontSet& fonts, TextLine& line, double& x, std::vector<LineRun>& scratch) {
  scratch.clear();
  size_t i = start;
  while (i < end) {
    LineRun piece;
    piece.font = text.font[i];
    piece.run = text.run[i];
    piece.right_to_left = rtl;
    piece.blank = true;
    piece.gids.reserve(end - i);  // one allocation, not one per doubling
    size_t j = i;
    bool placed = false;
    while (j < end && text.font[j] == piece.font && text.run[j] == piece.run) {
      if (!text.cluster_of.empty() && text.cluster_of[j] >= 0) {  // a shaped cluster: its glyphs
        const auto& cluster = text.clusters[static_cast<size_t>(text.cluster_of[j])];
        size_t stop = j + 1;
        while (stop < end && text.glyph[stop].gid == kNoGlyph) ++stop;
        piece.actual_text.push_back(
            {piece.gids.size(), cluster.size(), ToUtf8(text.logical.substr(j, stop - j))});
        for (const ShapedGlyph& g : cluster) {
          piece.gids.push_back(g.gid);
          piece.placements.push_back({g.advance, g.x_offset, g.y_offset});
        }
        placed = true;
        piece.width += text.glyph[j].advance * size / 1000.0;
        piece.blank = false;
        ++j;
        continue;
      }
      uint16_t gid = text.glyph[j].gid;
      if (gid == kNoGlyph) {  // part of a ligature or cluster drawn by its neighbour
        ++j;
        continue;
      }
      if (rtl) {
        // Brackets in a right-to-left run are drawn as their mirror image.
        char32_t mirrored = u_charMirror(text.display[j]);
        if (mirrored != text.display[j] && fonts.Covers(piece.font, mirrored))
          gid = fonts.GlyphOf(piece.font, mirrored).gid;
      }
      piece.gids.push_back(gid);
      if (!text.cluster_of.empty()) piece.placements.push_back({text.glyph[j].advance, 0, 0});
      piece.width += text.glyph[j].advance * size / 1000.0;
      if (!IsSpace(text.display[j])) piece.blank = false;
      ++j;
    }
    if (!placed) piece.placements.clear();  // the font's own advances place them
    if (rtl) {
      std::reverse(piece.gids.begin(), piece.gids.end());
      std::reverse(piece.placements.begin(), piece.placements.end());
      std::reverse(piece.actual_text.begin(), piece.actual_text.end());
      for (auto& range : piece.actual_text)
        range.first = piece.gids.size() - range.first - range.count;
    }
    if (!piece.gids.empty()) scratch.push_back(std::move(piece));
    i = j;
  }
  if (rtl) std::reverse(scratch.begin(), scratch.end());
  for (auto& piece : scratch) {
    piece.x = x;
    x += piece.width;
    line.runs.push_back(std::move(piece));
  }
}

}  // namespace

LineBreaker::LineBreaker() {
  UErrorCode status = U_ZERO_ERROR;
  iterator_.reset(icu::BreakIterator::createLineInstance(icu::Locale("en", "GB"), status));
  if (U_FAILURE(status)) iterator_.reset();
}

LineBreaker::~LineBreaker() = default;

const std::vector<size_t>& LineBreaker::Opportunities(const std::u16string& text) {
  auto found = opportunities_.find(text);
  if (found != opportunities_.end()) return found->second;
  // A table cell is measured, then broken at its column's width: the same text two or
  // three times, so its opportunities are kept (a bounded cache, not an index).
  if (opportunities_.size() >= 4096) opportunities_.clear();
  return opportunities_.emplace(text, BreakOpportunities(iterator_.get(), text)).first->second;
}

double MeasureWidth(const ShapedText& text, double size) {
  double width = 0;
  for (const Glyph& glyph : text.glyph) width += glyph.advance;
  return width * size / 1000.0;
}

double LineBreaker::LongestPiece(const ShapedText& text, double size) {
  size_t n = text.logical.size();
  if (n == 0) return 0;
  const std::vector<size_t>& breaks = Opportunities(text.logical);
  double widest = 0, piece = 0, trailing = 0;
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    double advance = text.glyph[i].advance * size / 1000.0;
    if (IsSpace(text.logical[i])) {
      trailing += advance;
    } else {
      piece += trailing + advance;
      trailing = 0;
    }
    if (i + 1 == breaks[k]) {
      widest = std::max(widest, piece);
      piece = trailing = 0;
      if (k + 1 < breaks.size()) ++k;
    }
  }
  return widest;
}

std::vector<TextLine> LineBreaker::Break(const ShapedText& text, double size, double max_width,
                                         FontSet& fonts) {
  std::vector<TextLine> lines;
  size_t n = text.logical.size();
  if (n == 0) return lines;
  // Prefix sums of advances make every range width O(1).
  std::vector<double>& prefix = prefix_;
  prefix.assign(n + 1, 0.0);
  for (size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + text.glyph[i].advance * size / 1000.0;
  auto width_without_trailing_spaces = [&](size_t start, size_t end) {
    while (end > start && IsSpace(text.logical[end - 1])) --end;
    return prefix[end] - prefix[start];
  };

  const std::vector<size_t>& breaks = Opportunities(text.logical);  // allowed line ends

  std::vector<std::pair<size_t, size_t>>& ranges = ranges_;
  ranges.clear();
  size_t start = 0;
  size_t k = 0;
  while (start < n) {
    size_t end = start;
    while (k < breaks.size() && breaks[k] <= start) ++k;
    size_t kk = k;
    while (kk < breaks.size() && width_without_trailing_spaces(start, breaks[kk]) <= max_width) {
      end = breaks[kk];
      ++kk;
    }
    if (end == start) {
      // One word wider than the line: break it between characters (not inside a
      // surrogate pair, a ligature or a shaped cluster, whose other characters are
      // kNoGlyph and drawn with its first).
      size_t limit = kk < breaks.size() ? breaks[kk] : n;
      end = start + 1;
      while (end < limit && prefix[end + 1] - prefix[start] <= max_width) ++end;
      while (end < n && text.glyph[end].gid == kNoGlyph) ++end;
      while (end < n && (IsSpace(text.logical[end]))) ++end;
    }
    ranges.emplace_back(start, end);
    start = end;
  }

  UBiDi* paragraph = nullptr;
  UBiDi* line_bidi = nullptr;
  if (text.has_rtl) {
    UErrorCode status = U_ZERO_ERROR;
    paragraph = ubidi_open();
    line_bidi = ubidi_open();
    // The paragraph's direction (ShapedText::right_to_left): an English sentence with an
    // Arabic name reads left to right; a parent's words quoted in Arabic right to left,
    // with the full stop at the left and lines aligned right.
    ubidi_setPara(paragraph, reinterpret_cast<const UChar*>(text.logical.data()),
                  static_cast<int32_t>(n), text.right_to_left ? 1 : 0, nullptr, &status);
    if (U_FAILURE(status)) {
      ubidi_close(paragraph);
      ubidi_close(line_bidi);
      paragraph = line_bidi = nullptr;
    }
  }
  const bool rtl_paragraph = paragraph != nullptr && text.right_to_left;
  std::vector<LineRun>& scratch = pieces_;
  lines.reserve(ranges.size());
  for (auto [s, e] : ranges) {
    TextLine line;
    line.width = width_without_trailing_spaces(s, e);
    line.right_to_left = rtl_paragraph;
    double x = 0;
    UErrorCode status = U_ZERO_ERROR;
    if (paragraph != nullptr) {
      ubidi_setLine(paragraph, static_cast<int32_t>(s), static_cast<int32_t>(e), line_bidi,
                    &status);
    }
    if (paragraph != nullptr && U_SUCCESS(status)) {
      int32_t count = ubidi_countRuns(line_bidi, &status);
      for (int32_t r = 0; r < count && U_SUCCESS(status); ++r) {
        int32_t run_start = 0, run_length = 0;
        UBiDiDirection direction = ubidi_getVisualRun(line_bidi, r, &run_start, &run_length);
        AppendVisual(text, s + run_start, s + run_start + run_length, direction == UBIDI_RTL, size,
                     fonts, line, x, scratch);
      }
    } else {
      AppendVisual(text, s, e, false, size, fonts, line, x, scratch);
    }
    line.advance = x;
    lines.push_back(std::move(line));
  }
  if (paragraph != nullptr) {
    ubidi_close(line_bidi);
    ubidi_close(paragraph);
  }
  return lines;
}

}  // namespace ehcp::pdf
