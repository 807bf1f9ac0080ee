#pragma once

// `ehcp form contribution --from KIND`: the advice form as a Word document. Each prompt
// of the form's wording (forms/form_wording.h) is a heading followed by a content control
// (a box the writer types into); outcomes and provision are tables with one empty row the
// writer copies. Every box carries its field mark twice, as the content control's tag and
// as a bookmark inside it (document/field_mark.h), so the import finds it after Word or
// LibreOffice has saved the file, whichever of the two survives.

#include <cstdint>
#include <optional>
#include <string>

#include "diagnostics/diagnostic.h"
#include "document/document.h"
#include "forms/form_wording.h"

namespace ehcp::forms {

// The marks the writer puts on a form and the import reads back.
doc::FieldMark FormKindMark(const std::string& kind);  // on the title: which form this is
doc::FieldMark PromptMark(const FormPrompt& prompt);   // on a box, or a table's header row

inline constexpr std::string_view kFormMarkField = "form";

// The package's bytes; `epoch_seconds` stamps the ZIP entries and core properties, so the
// same wording gives the same bytes (the Render… convention: bytes in memory, bool).
bool RenderFormDocx(const FormSpec& form, int64_t epoch_seconds, std::string& bytes,
                    DiagnosticList& diagnostics);

}  // namespace ehcp::forms
