#pragma once

// `ehcp bundle` as a library call: read the manifest and the rules, open and check every
// document, and only when nothing is wrong write the bundle PDF atomically, with its page
// map and SHA-256.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "bundle/bundle_files.h"
#include "bundle/page_map.h"
#include "diagnostics/diagnostic.h"
#include "diagnostics/error_kind.h"
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

  // The outcome as an error kind (exit code, HTTP status): written none, rejected
  // invalid, not written unreadable or not-written as the diagnostics say.
  ErrorKind Kind() const;
};

BundleResult BuildBundle(const BundleOptions& options, const ResourcePaths& resources);

// The same for an upload held in memory (`ehcp serve`): the manifest's bytes, named
// `manifest_name` in diagnostics, and the files its paths resolve against. The checks,
// diagnostics and outcomes are BuildBundle's; kWritten means the bundle is in `pdf`.
// Nothing is written to disk.
BundleResult BuildBundleInMemory(std::string_view manifest, const std::string& manifest_name,
                                 const BundleFileSource& files, const ResourcePaths& resources,
                                 std::string& pdf);

}  // namespace ehcp
