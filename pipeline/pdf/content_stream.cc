#include "pdf/content_stream.h"

#include <cmath>
#include <cstdio>
#include <initializer_list>

#include "pdfio/object_writer.h"

namespace ehcp::pdf {

using pdfio::AppendTextString;

namespace {

// Glyph ids as a literal string of two bytes each (Identity-H), half the size of hex, so
// there is less to compress. Only the bytes a literal string gives meaning to are escaped;
// CR and LF would be read back as a different end-of-line.
void AppendGlyphString(const std::vector<uint16_t>& gids, std::string& out) {
  // Written into room made once (at most four bytes a glyph), then trimmed: this runs for
  // every glyph of the document.
  size_t at = out.size();
  out.resize(at + 2 + 4 * gids.size());
  char* p = out.data() + at;
  *p++ = '(';
  for (uint16_t gid : gids) {
    for (char byte : {static_cast<char>(gid >> 8), static_cast<char>(gid & 0xFF)}) {
      switch (byte) {
        case '(': *p++ = '\\', *p++ = '('; break;
        case ')': *p++ = '\\', *p++ = ')'; break;
        case '\\': *p++ = '\\', *p++ = '\\'; break;
        case '\r': *p++ = '\\', *p++ = 'r'; break;
        case '\n': *p++ = '\\', *p++ = 'n'; break;
        default: *p++ = byte;
      }
    }
  }
  *p++ = ')';
  out.resize(static_cast<size_t>(p - out.data()));
}

// Each number followed by a space, ready for the operator that takes them: formatted on
// the stack, last first, and appended at once (a table's rules alone are some 10,000
// operators a plan, each with up to eight numbers).
void AppendOperands(std::string& out, std::initializer_list<double> values) {
  char buffer[8 * (pdfio::kNumberRoom + 1)];
  char* end = buffer + sizeof buffer;
  char* p = end;
  for (auto value = values.end(); value != values.begin();) {
    *--p = ' ';
    p = pdfio::FormatNumberBackwards(*--value, p);
  }
  out.append(p, static_cast<size_t>(end - p));
}

}  // namespace

void ContentStream::AppendColour(std::string& out, const Rgb& colour, bool fill) {
  ColourOperator& last = fill ? fill_ : stroke_;
  if (last.text.empty() || colour.r != last.rgb.r || colour.g != last.rgb.g ||
      colour.b != last.rgb.b) {
    last.rgb = colour;
    last.text.clear();
    AppendOperands(last.text, {colour.r, colour.g, colour.b});
    last.text += fill ? "rg\n" : "RG\n";
  }
  out += last.text;
}

void ContentStream::BeginText(std::string& out, const std::string& font, double size,
                              const Rgb& colour) {
  out += "BT\n";
  AppendColour(out, colour, true);
  out += '/';
  out += font;
  out += ' ';
  AppendOperands(out, {size});
  out += "Tf\n";
}

void AppendFormattedNumber(std::string& out, double value) {
  pdfio::AppendNumber(out, value);
}

std::string FormatNumber(double value) {
  std::string out;
  AppendFormattedNumber(out, value);
  return out;
}

void ContentStream::BeginTagged(std::string_view tag, int mcid) {
  std::string& out = Out();
  out += '/';
  out += tag;
  out += " <</MCID ";
  pdfio::AppendInt(out, mcid);
  out += ">> BDC\n";
}

void ContentStream::BeginArtifact() {
  Out() += "/Artifact BMC\n";
}

void ContentStream::BeginPagination(std::string_view subtype) {
  Out() += "/Artifact <</Type /Pagination /Subtype /";
  Out() += subtype;
  Out() += ">> BDC\n";
}

void ContentStream::End() {
  Out() += "EMC\n";
}

void ContentStream::Text(const std::string& font, double size, double x, double y,
                         const std::vector<uint16_t>& gids, const Rgb& colour) {
  std::string& out = Out();
  BeginText(out, font, size, colour);
  AppendOperands(out, {x, y});
  out += "Td\n";
  AppendGlyphString(gids, out);
  out += " Tj\nET\n";
}

void ContentStream::PlacedText(const std::string& font, double size, double x, double y,
                               const std::vector<uint16_t>& gids,
                               const std::vector<GlyphPlacement>& placements,
                               const std::vector<ActualTextRange>& actual_text, const Rgb& colour) {
  std::string& out = Out();
  BeginText(out, font, size, colour);
  // Each glyph at its own place: shaped text moves marks off the pen position and gives
  // advances the font's widths do not have.
  double pen = 0;
  auto range = actual_text.begin();
  for (size_t i = 0; i < gids.size() && i < placements.size(); ++i) {
    if (range != actual_text.end() && range->first == i && range->count > 0) {
      out += "/Span <</ActualText ";
      AppendTextString(out, range->text);
      out += ">> BDC\n";
    }
    const GlyphPlacement& p = placements[i];
    AppendOperands(
        out, {1, 0, 0, 1, x + (pen + p.x_offset) * size / 1000.0, y + p.y_offset * size / 1000.0});
    out += "Tm ";
    AppendGlyphString({gids[i]}, out);
    out += " Tj\n";
    pen += p.advance;
    if (range != actual_text.end() && i + 1 == range->first + range->count) {
      out += "EMC\n";
      ++range;
    }
  }
  out += "ET\n";
}

void ContentStream::RotatedText(const std::string& font, double size, double x, double y,
                                double degrees, const std::vector<uint16_t>& gids,
                                const Rgb& colour) {
  double radians = degrees * M_PI / 180.0;
  double c = std::cos(radians), s = std::sin(radians);
  std::string& out = Out();
  BeginText(out, font, size, colour);
  AppendOperands(out, {c, s, -s, c, x, y});
  out += "Tm\n";
  AppendGlyphString(gids, out);
  out += " Tj\nET\n";
}

void ContentStream::FillRect(double x, double y, double width, double height, const Rgb& colour) {
  std::string& out = Out();
  AppendColour(out, colour, true);
  AppendOperands(out, {x, y, width, height});
  out += "re f\n";
}

void ContentStream::Line(double x1, double y1, double x2, double y2, double width,
                         const Rgb& colour) {
  std::string& out = Out();
  AppendColour(out, colour, false);
  AppendOperands(out, {width});
  out += "w ";
  AppendOperands(out, {x1, y1});
  out += "m ";
  AppendOperands(out, {x2, y2});
  out += "l S\n";
}

void ContentStream::DottedLine(double x1, double y, double x2, double width, const Rgb& colour) {
  std::string& out = Out();
  out += "q 1 J [0 3] 0 d ";
  AppendColour(out, colour, false);
  AppendOperands(out, {width});
  out += "w ";
  AppendOperands(out, {x1, y});
  out += "m ";
  AppendOperands(out, {x2, y});
  out += "l S Q\n";
}

void ContentStream::Image(const std::string& name, double x, double y, double width,
                          double height) {
  std::string& out = Out();
  out += "q ";
  AppendOperands(out, {width, 0, 0, height, x, y});
  out += "cm /";
  out += name;
  out += " Do Q\n";
}

size_t ContentStream::ReserveSlot() {
  chunks_.emplace_back();
  size_t slot = chunks_.size() - 1;
  chunks_.emplace_back();
  return slot;
}

void ContentStream::Fill(size_t slot, std::string operators) {
  chunks_[slot] = std::move(operators);
}

std::string ContentStream::Take() const {
  size_t size = 0;
  for (const auto& chunk : chunks_) size += chunk.size();
  std::string out;
  out.reserve(size);
  for (const auto& chunk : chunks_) out += chunk;
  return out;
}

}  // namespace ehcp::pdf
