#pragma once

// The pipeline behind the service's /v1 endpoints. Schemas, the rule set, the report and
// document templates and the fonts are loaded once here and then only read, by any number
// of request threads at once. Each endpoint calls the same library functions as the CLI
// command of the same name and answers with the same report, its exit code mapped to an
// HTTP status (StatusForExit) and given in the Ehcp-Exit-Code header.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "council_reader/council_reader.h"
#include "diagnostics/diagnostic.h"
#include "document/template_set.h"
#include "lint/linter.h"
#include "lint/rule_set.h"
#include "loader/schema_registry.h"
#include "policy/assembly_policy.h"
#include "report/html_report.h"
#include "resources/resource_paths.h"
#include "serve/http_message.h"

namespace ehcp::serve {

// A document a request carries: its bytes and the name reports give it.
struct RequestDocument {
  std::string_view bytes;
  std::string name;
};

// 0 -> 200, 1 (invalid input or findings at the fail-on level) -> 422, 2 (not a plan,
// unreadable) -> 400.
int StatusForExit(int exit_code);

// {"error": {"code": ..., "message": ...}} with `status`.
HttpResponse JsonError(int status, std::string_view code, std::string_view message);

class Pipeline {
 public:
  // `profile`: a council profile file for the linter, or empty.
  static std::unique_ptr<Pipeline> Load(const ResourcePaths& resources, const std::string& profile,
                                        DiagnosticList& diagnostics);

  // As `ehcp validate --format json FILE`.
  HttpResponse Validate(const RequestDocument& document) const;
  // As `ehcp lint --format FORMAT --fail-on FAIL_ON FILE`; format json, sarif, html or text.
  HttpResponse Lint(const RequestDocument& document, std::string_view format,
                    Severity fail_on) const;
  // As `ehcp lint --format FORMAT --fail-on FAIL_ON FILE...` over several plans: caseload
  // mode, with the summary (text), the summary object (json) or the dashboard (html).
  // `skipped`: documents of a folder left out as not plans, counted in the summary.
  HttpResponse LintCaseload(const std::vector<RequestDocument>& documents, std::string_view format,
                            Severity fail_on, int skipped = 0) const;
  // As `ehcp render --template NAME FILE --pdf|--docx`: the file itself, or the render
  // report as JSON when the plan is not rendered. Only template sets found at start-up
  // are offered; `template_name` is never a path.
  HttpResponse Render(const RequestDocument& document, std::string_view format,
                      const std::string& template_name) const;

  // As `ehcp assemble --format json`, from a case file and its contributions: JSON with
  // the assembly report and, when one was made, the draft plan's XML.
  HttpResponse Assemble(const std::vector<RequestDocument>& documents) const;

  // As `ehcp assemble CASE_DIR`: an uploaded case folder, its case.xml at the top and
  // every contribution in it (other XML, such as a plan kept beside them, is left out).
  HttpResponse AssembleFolder(const std::vector<RequestDocument>& files) const;

  // As `ehcp lint DIR`: the documents of an uploaded folder, where XML that is not a plan
  // (a case file, a contribution, a manifest) is skipped and counted, as lint skips it
  // in a folder. Otherwise LintCaseload.
  HttpResponse LintFolder(const std::vector<RequestDocument>& documents, std::string_view format,
                          Severity fail_on) const;

  // As `ehcp bundle MANIFEST -o OUT.pdf --page-map MAP.json`, from an upload held in memory:
  // `manifest_path` is the manifest's path among `files` (path -> bytes), and every
  // document path resolves inside the upload. format "pdf": the bundle itself (its SHA-256
  // and page count in Ehcp-Bundle-Sha256 and Ehcp-Bundle-Pages), or the JSON report when
  // no bundle is made; "json": the report always ({"manifest", "written", "diagnostics",
  // "page_map"}).
  HttpResponse Bundle(const std::map<std::string, std::string>& files,
                      const std::string& manifest_path, std::string_view format) const;

  // As `ehcp import DOCX --base PLAN --format json --template NAME`: {"report": the change
  // report, "plan": the imported plan's XML when it is a valid plan}.
  HttpResponse Import(const RequestDocument& docx, const RequestDocument& base,
                      const std::string& template_name) const;

  bool HasTemplate(const std::string& name) const { return templates_.count(name) > 0; }

 private:
  Pipeline() = default;
  ResourcePaths resources_;  // schemas/, quality/ and templates/, for bundle and import
  std::unique_ptr<SchemaRegistry> schemas_;
  std::unique_ptr<AssemblyPolicy> assembly_;  // quality/assembly.xml and timescales.xml
  std::unique_ptr<RuleSet> rules_;
  std::unique_ptr<Linter> linter_;
  std::unique_ptr<HtmlReporter> html_;
  std::unique_ptr<CouncilPlanReader> word_plans_;  // a council's own Word plans, for lint
  mutable std::mutex html_mutex_;  // the Mustache renderer keeps state while rendering
  std::map<std::string, TemplateSet> templates_;
};

}  // namespace ehcp::serve
