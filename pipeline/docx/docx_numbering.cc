#include "docx/docx_numbering.h"

namespace ehcp::docx {
namespace {

// Three levels each, so an officer who indents an item in Word gets a sensible level.
constexpr std::string_view kAbstractDefinitions =
    R"(<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>)"
    R"(<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:lvl>)"
    R"(<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:lvl>)"
    R"(<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="◦"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="2160" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:lvl>)"
    R"(</w:abstractNum>)"
    R"(<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>)"
    R"(<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>)"
    R"(<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>)"
    R"(<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3."/><w:lvlJc w:val="right"/><w:pPr><w:ind w:left="2160" w:hanging="180"/></w:pPr></w:lvl>)"
    R"(</w:abstractNum>)";

}  // namespace

std::string ListNumbering::Xml() const {
  std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)";
  xml += kAbstractDefinitions;
  xml += "<w:num w:numId=\"" + std::to_string(kBulletNumId) +
         "\"><w:abstractNumId w:val=\"0\"/></w:num>";
  for (int i = 1; i <= numbered_lists_; ++i) {
    // startOverride makes each numbered list count from 1 again instead of continuing.
    xml += "<w:num w:numId=\"" + std::to_string(kBulletNumId + i) +
           "\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride "
           "w:val=\"1\"/>"
           "</w:lvlOverride></w:num>";
  }
  xml += "</w:numbering>";
  return xml;
}

}  // namespace ehcp::docx
