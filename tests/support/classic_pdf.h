#pragma once

// A small PDF made by hand for tests and fuzz targets that need one: objects 1..n with
// the given bodies, a classic xref table and a trailer whose /Root is object 1.

#include <cstdio>
#include <string>
#include <vector>

namespace ehcp::testing {

inline std::string PdfWithClassicXref(const std::vector<std::string>& bodies) {
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < bodies.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(bodies.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    out += line;
  }
  out += "trailer\n<</Size " + std::to_string(bodies.size() + 1) + " /Root 1 0 R>>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace ehcp::testing
