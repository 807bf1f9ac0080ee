#pragma once

// One way to compare an output with its golden file. After an intended change, run the
// test with EHCP_UPDATE_GOLDEN=1: the golden is rewritten (and the test reported as
// skipped), then review the diff like any other change before committing.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "support/file_text.h"

namespace ehcp::testing {

// True when the run should rewrite golden files instead of comparing with them.
inline bool UpdatingGoldens() {
  const char* update = std::getenv("EHCP_UPDATE_GOLDEN");
  return update != nullptr && *update != '\0' && std::string(update) != "0";
}

// Expects `actual` to equal the golden file, reporting the first differing line rather
// than two whole documents. `normalise`, if given, is applied to both sides before they are
// compared (for example to drop PDF object numbers); the golden is written unnormalised.
inline void ExpectMatchesGolden(
    const std::string& actual, const std::filesystem::path& golden,
    const std::function<std::string(const std::string&)>& normalise = {}) {
  if (UpdatingGoldens()) {
    std::filesystem::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
    GTEST_SKIP() << "updated " << golden;
  }
  ASSERT_TRUE(std::filesystem::exists(golden))
      << golden << " is missing: run with EHCP_UPDATE_GOLDEN=1 to create it";
  std::string want = ReadFileText(golden);
  std::string got = actual;
  if (normalise) {
    want = normalise(want);
    got = normalise(got);
  }
  if (got == want) return;
  std::istringstream got_lines(got), want_lines(want);
  std::string g, w;
  for (int line = 1;; ++line) {
    bool more_g = static_cast<bool>(std::getline(got_lines, g));
    bool more_w = static_cast<bool>(std::getline(want_lines, w));
    if (more_g != more_w || g != w) {
      ADD_FAILURE()
          << golden.filename() << ":" << line << " differs\n  expected: " << (more_w ? w : "(end)")
          << "\n  actual:   " << (more_g ? g : "(end)")
          << "\nIf the change is intended, rerun with EHCP_UPDATE_GOLDEN=1 and review the diff.";
      return;
    }
    if (!more_g) break;
  }
  // Equal line by line but not byte for byte: a difference in the final newline or in a
  // carriage return.
  ADD_FAILURE() << golden.filename() << " differs only in line endings or the final newline";
}

}  // namespace ehcp::testing
