#pragma once

// word/numbering.xml: real list numbering, so Word, LibreOffice and screen readers see
// lists (L/LI in a tagged PDF) instead of typed bullets.

#include <string>

namespace ehcp::docx {

class ListNumbering {
 public:
  // The w:numId for bulleted list items (shared by every bulleted list).
  static constexpr int kBulletNumId = 1;

  // A fresh w:numId for one numbered list: each list restarts at 1.
  int NewNumberedList() { return kBulletNumId + ++numbered_lists_; }

  // The numbering part: a bullet and a decimal definition, and one w:num per list.
  std::string Xml() const;

 private:
  int numbered_lists_ = 0;
};

}  // namespace ehcp::docx
