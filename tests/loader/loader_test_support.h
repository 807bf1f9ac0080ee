#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "loader/schema_registry.h"

namespace ehcp::testing {

inline const SchemaRegistry& Schemas() {
  static auto registry = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
  return *registry;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline std::string MinimalPlan() {
  return ReadFile(EHCP_TEST_DATA "/minimal-plan.xml");
}

// The minimal plan with the first occurrence of `from` replaced by `to`.
inline std::string MinimalPlanWith(const std::string& from, const std::string& to) {
  std::string xml = MinimalPlan();
  auto at = xml.find(from);
  if (at != std::string::npos) xml.replace(at, from.size(), to);
  return xml;
}

}  // namespace ehcp::testing
