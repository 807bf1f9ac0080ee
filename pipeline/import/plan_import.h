#pragma once

// `ehcp import`: an officer's edits to a DOCX that ehcp wrote, read back into the plan.
// The paragraphs ehcp wrote carry field marks (bookmarks, document/field_mark.h); the
// base plan is rendered again with the same template, and every marked paragraph whose
// words differ is a change to that field. An item whose marks are all gone was deleted
// (links to it are removed and reported); a row typed into a provision table becomes a
// new item read through the provision grammar, with the next id in its section. Text
// that is neither the template's nor marked is reported as not mapped, never dropped.

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "document/document.h"
#include "docx_reader/docx_reader.h"
#include "model/plan.h"
#include "provision_text/provision_grammar.h"

namespace ehcp {

enum class ImportChangeKind { kChanged, kAdded, kDeleted, kLinkRemoved, kNotMapped };

std::string_view ImportChangeName(ImportChangeKind kind);  // "changed", "added", ...

struct ImportChange {
  ImportChangeKind kind = ImportChangeKind::kChanged;
  std::string item_id;  // empty for text not mapped to any item
  std::string field;    // "description", "frequency", ...; empty for whole items
  std::string before;
  std::string after;
  std::string place;  // where in the Word document ("table 3, row 2, column 1")
  std::string note;   // why a change could not be applied, or what was read
};

struct ImportResult {
  Plan plan;
  std::vector<ImportChange> changes;
};

// Applies `word` (read from the DOCX named `docx_name`) to `base`, whose rendering with the
// template the DOCX was written with is `base_document`.
ImportResult ImportWordEdits(const WordDocument& word, const std::string& docx_name,
                             const Plan& base, const doc::Document& base_document,
                             const ProvisionGrammar& grammar);

}  // namespace ehcp
