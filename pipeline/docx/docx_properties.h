#pragma once

// Package-level metadata: core properties (title, subject, author, language, dates),
// extended (app) properties, and word/settings.xml.

#include <cstdint>
#include <string>

#include "document/document.h"

namespace ehcp::docx {

// docProps/core.xml. Both dates are `epoch_seconds` (SOURCE_DATE_EPOCH), never the clock,
// so the same plan gives the same bytes.
std::string CorePropertiesXml(const doc::Document& document, int64_t epoch_seconds);

// docProps/app.xml: the producing application and the council (Company).
std::string AppPropertiesXml(const doc::Document& document);

// word/settings.xml: Word 2013+ compatibility mode and the document language; with
// `footnotes`, the separator notes (ids -1 and 0) of word/footnotes.xml.
std::string SettingsXml(const doc::Document& document, bool footnotes = false);

// "2026-11-24T23:14:54Z" (W3CDTF in UTC).
std::string W3cDateTime(int64_t epoch_seconds);

}  // namespace ehcp::docx
