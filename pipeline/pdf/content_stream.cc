#include "pdf/content_stream.h"

#include <cmath>
#include <cstdio>

namespace ehcp::pdf {
namespace {

void AppendHex(const std::vector<uint16_t>& gids, std::string& out) {
  static const char kDigits[] = "0123456789ABCDEF";
  out += '<';
  for (uint16_t gid : gids) {
    out += kDigits[(gid >> 12) & 0xF];
    out += kDigits[(gid >> 8) & 0xF];
    out += kDigits[(gid >> 4) & 0xF];
    out += kDigits[gid & 0xF];
  }
  out += '>';
}

std::string Colour(const Rgb& c, bool fill) {
  return FormatNumber(c.r) + ' ' + FormatNumber(c.g) + ' ' + FormatNumber(c.b) + (fill ? " rg\n" : " RG\n");
}

}  // namespace

std::string FormatNumber(double value) {
  // Two decimals are finer than any printer; rounding keeps the bytes reproducible.
  long long hundredths = std::llround(value * 100.0);
  bool negative = hundredths < 0;
  if (negative) hundredths = -hundredths;
  std::string out = negative ? "-" : "";
  out += std::to_string(hundredths / 100);
  int frac = static_cast<int>(hundredths % 100);
  if (frac != 0) {
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
  return out;
}

void ContentStream::BeginTagged(std::string_view tag, int mcid) {
  Out() += '/';
  Out() += tag;
  Out() += " <</MCID " + std::to_string(mcid) + ">> BDC\n";
}

void ContentStream::BeginArtifact() { Out() += "/Artifact BMC\n"; }

void ContentStream::BeginPagination(std::string_view subtype) {
  Out() += "/Artifact <</Type /Pagination /Subtype /";
  Out() += subtype;
  Out() += ">> BDC\n";
}

void ContentStream::End() { Out() += "EMC\n"; }

void ContentStream::Text(const std::string& font, double size, double x, double y,
                         const std::vector<uint16_t>& gids, const Rgb& colour) {
  std::string& out = Out();
  out += "BT\n" + Colour(colour, true) + '/' + font + ' ' + FormatNumber(size) + " Tf\n" + FormatNumber(x) + ' ' +
         FormatNumber(y) + " Td\n";
  AppendHex(gids, out);
  out += " Tj\nET\n";
}

void ContentStream::RotatedText(const std::string& font, double size, double x, double y, double degrees,
                                const std::vector<uint16_t>& gids, const Rgb& colour) {
  double radians = degrees * M_PI / 180.0;
  double c = std::cos(radians), s = std::sin(radians);
  std::string& out = Out();
  out += "BT\n" + Colour(colour, true) + '/' + font + ' ' + FormatNumber(size) + " Tf\n" + FormatNumber(c) + ' ' +
         FormatNumber(s) + ' ' + FormatNumber(-s) + ' ' + FormatNumber(c) + ' ' + FormatNumber(x) + ' ' +
         FormatNumber(y) + " Tm\n";
  AppendHex(gids, out);
  out += " Tj\nET\n";
}

void ContentStream::FillRect(double x, double y, double width, double height, const Rgb& colour) {
  Out() += Colour(colour, true) + FormatNumber(x) + ' ' + FormatNumber(y) + ' ' + FormatNumber(width) + ' ' +
           FormatNumber(height) + " re f\n";
}

void ContentStream::Line(double x1, double y1, double x2, double y2, double width, const Rgb& colour) {
  Out() += Colour(colour, false) + FormatNumber(width) + " w " + FormatNumber(x1) + ' ' + FormatNumber(y1) + " m " +
           FormatNumber(x2) + ' ' + FormatNumber(y2) + " l S\n";
}

void ContentStream::DottedLine(double x1, double y, double x2, double width, const Rgb& colour) {
  Out() += "q 1 J [0 3] 0 d " + Colour(colour, false) + FormatNumber(width) + " w " + FormatNumber(x1) + ' ' +
           FormatNumber(y) + " m " + FormatNumber(x2) + ' ' + FormatNumber(y) + " l S Q\n";
}

void ContentStream::Image(const std::string& name, double x, double y, double width, double height) {
  Out() += "q " + FormatNumber(width) + " 0 0 " + FormatNumber(height) + ' ' + FormatNumber(x) + ' ' +
           FormatNumber(y) + " cm /" + name + " Do Q\n";
}

size_t ContentStream::ReserveSlot() {
  chunks_.emplace_back();
  size_t slot = chunks_.size() - 1;
  chunks_.emplace_back();
  return slot;
}

void ContentStream::Fill(size_t slot, std::string operators) { chunks_[slot] = std::move(operators); }

std::string ContentStream::Take() const {
  size_t size = 0;
  for (const auto& chunk : chunks_) size += chunk.size();
  std::string out;
  out.reserve(size);
  for (const auto& chunk : chunks_) out += chunk;
  return out;
}

}  // namespace ehcp::pdf
