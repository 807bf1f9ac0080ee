#pragma once

// The provision grammar: reads provision written in words ("twice a week for 30 minutes,
// 1:1 with an HCPC-registered speech and language therapist") into the plan model's
// structured fields. The words themselves are data (quality/provision-grammar.xml, checked
// against schemas/ehcp-grammar-1.xsd); this unit holds only the shapes of the phrases.
// Words that are not listed are never read as quantities ("Year 2", "Key Stage 3",
// "15 metres", "up to now").

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "model/plan.h"

namespace ehcp {

// What was found in one piece of text; a field is empty when the text does not say it.
struct ProvisionWording {
  std::optional<Frequency> frequency;
  std::optional<int> duration_minutes;  // per session
  Staffing staffing;
  std::string deliverer_role;           // the role's name as the grammar file gives it
  std::string deliverer_qualification;  // as written ("HCPC registered", "trained in ELSA")

  bool Empty() const {
    return !frequency && !duration_minutes && !staffing.ratio && !staffing.group_size &&
           deliverer_role.empty() && deliverer_qualification.empty();
  }
};

class ProvisionGrammar {
 public:
  ~ProvisionGrammar();
  ProvisionGrammar(ProvisionGrammar&&) noexcept;
  ProvisionGrammar& operator=(ProvisionGrammar&&) noexcept;

  // Loads and validates the word lists; nothing on error (reported in `diagnostics`).
  static std::optional<ProvisionGrammar> Load(const std::filesystem::path& path,
                                              const SchemaRegistry& schemas,
                                              DiagnosticList& diagnostics);

  ProvisionWording Read(std::string_view text) const;

  struct Lists;  // the loaded word lists (defined in the .cc)

 private:
  explicit ProvisionGrammar(std::unique_ptr<Lists> lists);
  std::unique_ptr<Lists> lists_;
};

// Registers the grammar file's root element (<provisionGrammar>).
void RegisterGrammarSchema(SchemaRegistry& schemas);

// Fills the fields of `item` that are empty from what `wording` says; fields already set
// are kept (structured values written by the officer win over words).
void ApplyWording(const ProvisionWording& wording, ProvisionItem& item);

}  // namespace ehcp
