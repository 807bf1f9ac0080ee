#pragma once

// `ehcp bundle` as a library call: read the manifest and the rules, open and check every
// document, and only when nothing is wrong write the bundle PDF atomically, with its page
// map and SHA-256.

#include <filesystem>
#include <optional>
#include <string>

#include "bundle/page_map.h"
#include "diagnostics/diagnostic.h"
#include "resources/resource_paths.h"

namespace ehcp {

struct BundleOptions {
  std::filesystem::path manifest;
  std::filesystem::path output;
  std::filesystem::path page_map;       // optional JSON page map
  std::filesystem::path evidence_root;  // default: the manifest's folder
};

enum class BundleOutcome {
  kWritten,     // the bundle (and page map) were written
  kRejected,    // invalid manifest or a failed check: nothing written
  kNotWritten,  // unreadable manifest, missing rules, output problem: nothing written
};

struct BundleResult {
  BundleOutcome outcome = BundleOutcome::kNotWritten;
  DiagnosticList diagnostics;
  std::optional<PageMap> page_map;  // with its sha256, when written
};

BundleResult BuildBundle(const BundleOptions& options, const ResourcePaths& resources);

}  // namespace ehcp
