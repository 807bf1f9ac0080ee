#pragma once

// The wording of the advice forms (templates/forms/forms.xml, schemas/ehcp-form-1.xsd):
// for each kind of contributor, who they are in the contribution schema's terms and the
// form's parts in reading order. The parts are the contribution's own shapes (a field,
// the needs in one area, views of one kind, a table of outcomes or provision), so the
// writer and the import read the same list and a council rewords prompts without us.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "model/vocabulary.h"

namespace ehcp::forms {

// The kinds `ehcp form contribution --from` takes.
inline constexpr std::string_view kFormKinds[] = {"education", "health", "social-care", "parent",
                                                  "child"};

enum class PromptKind { kField, kNeed, kView, kTable };

struct FormColumn {
  std::string name;   // "text", "by", "description", "amount", "need"
  std::string label;  // the column's heading
};

struct FormPrompt {
  PromptKind kind = PromptKind::kField;
  std::string prompt;
  std::string hint;
  std::string name;  // kField: "childName", ...; kTable: "outcomes" or "provision"
  bool required = false;
  NeedArea area = NeedArea::kCommunicationInteraction;  // kNeed
  std::string short_name;                               // kNeed: how tables name the area
  ViewKind view = ViewKind::kViews;                     // kView
  std::vector<FormColumn> columns;                      // kTable
};

struct FormPart {
  std::string title;
  std::string intro;
  std::vector<FormPrompt> prompts;
};

struct FormSpec {
  std::string kind;  // "education", ..., "child"
  std::string title;
  std::string contribution_title;
  AdviceCategory category = AdviceCategory::kOther;
  ContributorKind contributor = ContributorKind::kOther;
  std::optional<Agency> agency;
  Attribution attribution = Attribution::kWrittenOnBehalf;
  std::string role;  // when the form does not ask for it
  std::string gathered;
  std::vector<std::string> intro;
  std::vector<FormPart> parts;

  const FormPrompt* Field(std::string_view name) const;
};

struct FormWording {
  std::vector<FormSpec> forms;
  const FormSpec* Find(std::string_view kind) const;
};

// Registers the wording file's root element (<formWording>).
void RegisterFormSchema(SchemaRegistry& schemas);

// templates/forms/forms.xml under `templates`.
std::filesystem::path FormWordingFile(const std::filesystem::path& templates);

// Loads and validates the wording; nothing on error (reported in `diagnostics`).
std::optional<FormWording> LoadFormWording(const std::filesystem::path& path,
                                           const SchemaRegistry& schemas,
                                           DiagnosticList& diagnostics);

}  // namespace ehcp::forms
