#include "pdf/line_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace ehcp::pdf {
namespace {

bool IsSpace(char16_t unit) { return unit == u' ' || unit == 0x00A0 || unit == 0x3000; }

// Appends the pieces of [start, end) that share a run and font, left to right; for a
// right-to-left range, the pieces and their glyphs come out reversed (visual order)
// with brackets mirrored.
void AppendVisual(const ShapedText& text, size_t start, size_t end, bool rtl, double size, FontSet& fonts,
                  TextLine& line, double& x, std::vector<LineRun>& scratch) {
  scratch.clear();
  size_t i = start;
  while (i < end) {
    LineRun piece;
    piece.font = text.font[i];
    piece.run = text.run[i];
    piece.right_to_left = rtl;
    piece.blank = true;
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

double MeasureWidth(const ShapedText& text, double size) {
  double width = 0;
  for (const Glyph& glyph : text.glyph) width += glyph.advance;
  return width * size / 1000.0;
}

double LineBreaker::LongestPiece(const ShapedText& text, double size) {
  size_t n = text.logical.size();
  if (n == 0) return 0;
  double widest = 0, piece = 0, trailing = 0;
  size_t next_break = n;
  icu::UnicodeString ustr(false, text.logical.data(), static_cast<int32_t>(n));
  if (iterator_) {
    iterator_->setText(ustr);
    int32_t b = iterator_->next();
    next_break = b == icu::BreakIterator::DONE ? n : static_cast<size_t>(b);
  }
  for (size_t i = 0; i < n; ++i) {
    double advance = text.glyph[i].advance * size / 1000.0;
    if (IsSpace(text.logical[i])) {
      trailing += advance;
    } else {
      piece += trailing + advance;
      trailing = 0;
    }
    if (i + 1 == next_break || i + 1 == n) {
      widest = std::max(widest, piece);
      piece = trailing = 0;
      if (iterator_ && i + 1 < n) {
        int32_t b = iterator_->next();
        next_break = b == icu::BreakIterator::DONE ? n : static_cast<size_t>(b);
      }
    }
  }
  if (iterator_) iterator_->setText(icu::UnicodeString());
  return widest;
}

std::vector<TextLine> LineBreaker::Break(const ShapedText& text, double size, double max_width,
                                         FontSet& fonts) {
  std::vector<TextLine> lines;
  size_t n = text.logical.size();
  if (n == 0) return lines;
  // Prefix sums of advances make every range width O(1).
  std::vector<double> prefix(n + 1, 0.0);
  for (size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + text.glyph[i].advance * size / 1000.0;
  auto width_without_trailing_spaces = [&](size_t start, size_t end) {
    while (end > start && IsSpace(text.logical[end - 1])) --end;
    return prefix[end] - prefix[start];
  };

  std::vector<size_t> breaks;  // allowed line ends, ascending, last = n
  if (iterator_) {
    icu::UnicodeString ustr(false, text.logical.data(), static_cast<int32_t>(n));
    iterator_->setText(ustr);
    for (int32_t b = iterator_->next(); b != icu::BreakIterator::DONE; b = iterator_->next()) {
      breaks.push_back(static_cast<size_t>(b));
    }
    // The iterator keeps a pointer to `ustr`; don't leave it dangling.
    iterator_->setText(icu::UnicodeString());
  }
  if (breaks.empty() || breaks.back() != n) breaks.push_back(n);

  std::vector<std::pair<size_t, size_t>> ranges;
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
  std::vector<LineRun> scratch;
  for (auto [s, e] : ranges) {
    TextLine line;
    line.width = width_without_trailing_spaces(s, e);
    line.right_to_left = rtl_paragraph;
    double x = 0;
    UErrorCode status = U_ZERO_ERROR;
    if (paragraph != nullptr) {
      ubidi_setLine(paragraph, static_cast<int32_t>(s), static_cast<int32_t>(e), line_bidi, &status);
    }
    if (paragraph != nullptr && U_SUCCESS(status)) {
      int32_t count = ubidi_countRuns(line_bidi, &status);
      for (int32_t r = 0; r < count && U_SUCCESS(status); ++r) {
        int32_t run_start = 0, run_length = 0;
        UBiDiDirection direction = ubidi_getVisualRun(line_bidi, r, &run_start, &run_length);
        AppendVisual(text, s + run_start, s + run_start + run_length, direction == UBIDI_RTL, size, fonts, line, x,
                     scratch);
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
