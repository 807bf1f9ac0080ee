#pragma once

// Loading plans and template sets for the document builder tests.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "document/plan_document.h"
#include "loader/document_loader.h"

namespace ehcp::testing {

inline const std::filesystem::path kTemplates =
    std::filesystem::path(EHCP_SOURCE_DIR) / "templates";

inline Plan LoadPlanOrDie(const std::string& path) {
  auto schemas =
      SchemaRegistry::WithDocumentSchemas(std::filesystem::path(EHCP_SOURCE_DIR) / "schemas");
  LoadedDocument loaded = LoadDocument(path, *schemas);
  EXPECT_TRUE(loaded.Ok()) << path;
  for (const auto& d : loaded.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  return loaded.plan ? *loaded.plan : Plan{};
}

inline TemplateSet LoadTemplateOrDie(const std::string& name) {
  DiagnosticList diagnostics;
  auto set = LoadTemplateSet(kTemplates / name, diagnostics);
  for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  EXPECT_TRUE(set.has_value()) << name;
  return set ? *set : TemplateSet{};
}

}  // namespace ehcp::testing
