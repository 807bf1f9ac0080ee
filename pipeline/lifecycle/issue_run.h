#pragma once

// One `ehcp issue` run, for the CLI (and any other caller): reads the draft, the quality
// rules and the template set, issues the plan (plan_issue.h), and writes the final plan
// XML, its PDF and DOCX and the decision letter. Every output is made in memory first and
// the files are committed together, so a refusal or a failure leaves none of them.

#include <string>
#include <vector>

#include "lifecycle/plan_issue.h"
#include "resources/resource_paths.h"

namespace ehcp {

struct IssueFiles {
  std::string draft;                      // the draft plan XML
  std::string output;                     // the final plan XML
  std::string pdf;                        // optional
  std::string docx;                       // optional
  std::string letter;                     // optional: the decision letter, .pdf or .docx
  std::string appendices;                 // optional, with pdf: the advice PDFs' folder
  std::string template_name = "default";  // a name under templates/, or a folder
};

struct IssueRun {
  int exit_code = 2;  // 0 issued; 1 refused (findings, not a draft, invalid); 2 usage or I/O
  IssueResult result;
  DiagnosticList diagnostics;  // reading, rendering and writing problems
  std::vector<std::string> written;
};

IssueRun RunIssue(const IssueFiles& files, const IssueRequest& request,
                  const ResourcePaths& resources);

}  // namespace ehcp
