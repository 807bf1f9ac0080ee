#include "diagnostics/diagnostic_json.h"

namespace ehcp {

nlohmann::json DiagnosticToJson(const Diagnostic& d) {
  nlohmann::json j;
  j["severity"] = std::string(SeverityName(d.severity));
  j["code"] = d.code;
  j["message"] = d.message;
  j["file"] = d.location.FileName();
  j["line"] = d.location.line;
  j["column"] = d.location.column;
  if (!d.location.place.empty()) j["place"] = d.location.place;
  if (!d.element_path.empty()) j["path"] = d.element_path;
  if (!d.section.empty()) j["section"] = d.section;
  if (!d.item_id.empty()) j["item"] = d.item_id;
  if (!d.hint.empty()) j["hint"] = d.hint;
  if (!d.source.empty()) j["source"] = d.source;
  if (!d.quote.empty()) j["quote"] = d.quote;
  if (!d.detail.empty()) j["detail"] = d.detail;
  if (d.accepted_reason) j["accepted"] = *d.accepted_reason;
  return j;
}

std::string DumpJson(const nlohmann::json& json, int indent) {
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ehcp
