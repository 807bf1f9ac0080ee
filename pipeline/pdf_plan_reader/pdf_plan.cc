#include "pdf_plan_reader/pdf_plan.h"

#include "pdf_plan_reader/pdf_plan_reader.h"

namespace ehcp {

LoadedDocument LoadPdfPlanToLint(const std::string& path, const CouncilPlanReader& reader) {
  LoadedDocument loaded;
  std::optional<PlanText> text = ReadPdfFile(path, loaded.diagnostics);
  return LoadPlanTextToLint(std::move(text), std::move(loaded), path, reader);
}

}  // namespace ehcp
