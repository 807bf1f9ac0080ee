#include "assemble/assembly_inputs.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "diagnostics/error_kind.h"
#include "loader/document_loader.h"
#include "loader/xml_tree.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

bool HasIoProblem(const DiagnosticList& diagnostics) {
  return HasKind(diagnostics, ErrorKind::kUnreadable);
}

std::string RelativeTo(const fs::path& file, const fs::path& dir) {
  std::error_code ec;
  fs::path full = fs::weakly_canonical(file, ec);
  fs::path base = fs::weakly_canonical(dir.empty() ? fs::path(".") : dir, ec);
  fs::path relative = full.lexically_relative(base);
  if (relative.empty() || *relative.begin() == "..") return file.filename().generic_string();
  return relative.generic_string();
}

class InputReader {
 public:
  InputReader(const SchemaRegistry& schemas, AssemblyInputs& out) : schemas_(schemas), out_(out) {}

  // Parses one file; returns its root when it is valid.
  std::optional<XmlElement> Parse(const std::string& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      out_.diagnostics.Error(kReadFailedCode, "no such file", FileLocation(file));
      out_.usage_error = true;
      return std::nullopt;
    }
    out_.files.push_back(file);
    ParsedXml parsed = ReadXmlFile(file, schemas_);
    if (HasIoProblem(parsed.diagnostics)) out_.usage_error = true;
    out_.diagnostics.Append(parsed.diagnostics);
    return std::move(parsed.root);
  }

  void AddCase(const XmlElement& root) {
    if (out_.case_file) {
      out_.diagnostics.Error("assemble.two-cases", "a second case file; give exactly one",
                             root.location);
      return;
    }
    out_.case_file = ReadCaseFile(root, out_.diagnostics);
  }

  void AddContribution(const XmlElement& root, const std::string& file, bool in_memory = false) {
    std::error_code ec;
    std::string key = in_memory ? file : fs::weakly_canonical(file, ec).string();
    if (!seen_.insert(key).second) return;  // the same file named twice is read once
    ContributionInput input;
    input.contribution = ReadContribution(root, out_.diagnostics);
    input.file = file;
    out_.contributions.push_back(std::move(input));
  }

  void Classify(const XmlElement& root, const std::string& file, bool in_memory = false) {
    if (root.name == "case") {
      AddCase(root);
    } else if (root.name == "contribution") {
      AddContribution(root, file, in_memory);
    } else {
      out_.diagnostics.Error("assemble.input",
                             "<" + root.name +
                                 "> is not a case file or a contribution; assemble builds a plan "
                                 "from a case file and contributions",
                             root.location);
    }
  }

 private:
  const SchemaRegistry& schemas_;
  AssemblyInputs& out_;
  std::set<std::string> seen_;
};

std::vector<std::string> ContributionsFolder(const fs::path& case_dir) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::path folder = case_dir / "contributions";
  if (!fs::is_directory(folder, ec)) return files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.is_regular_file(ec) && entry.path().extension() == ".xml")
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

AssemblyInputs ReadAssemblyInputs(const std::vector<std::string>& inputs,
                                  const SchemaRegistry& schemas) {
  AssemblyInputs out;
  InputReader reader(schemas, out);
  std::error_code ec;
  bool folder = inputs.size() == 1 && fs::is_directory(inputs[0], ec);
  std::vector<std::pair<XmlElement, std::string>> named;

  if (folder) {
    std::string case_path = (fs::path(inputs[0]) / "case.xml").string();
    if (!fs::exists(case_path, ec)) {
      out.diagnostics.Error(kReadFailedCode, "no case.xml in this folder", FileLocation(inputs[0]));
      out.usage_error = true;
      return out;
    }
    if (auto root = reader.Parse(case_path)) reader.Classify(*root, case_path);
  } else {
    for (const auto& input : inputs) {
      if (fs::is_directory(input, ec)) {
        out.diagnostics.Error(kReadFailedCode,
                              "a folder can only be given on its own (the case folder)",
                              FileLocation(input));
        out.usage_error = true;
        continue;
      }
      if (auto root = reader.Parse(input)) reader.Classify(*root, input);
    }
  }
  if (!out.case_file) {
    if (!out.diagnostics.HasErrors()) {
      out.diagnostics.Error(
          "assemble.no-case",
          "no case file among the inputs (a <case> document, see "
          "schemas/ehcp-case-1.xsd)",
          FileLocation(inputs.empty() ? std::string("ehcp assemble") : inputs.front()));
      out.usage_error = true;
    }
    return out;
  }

  CaseFile& case_file = *out.case_file;
  // Explicit contribution files replace the case file's own list.
  if (out.contributions.empty()) {
    std::vector<std::string> files;
    for (const auto& c : case_file.contributions) {
      std::string file = (case_file.directory / c.file).string();
      if (fs::exists(file, ec)) {
        files.push_back(file);
      } else {
        // Point at the line of the case file that names it.
        out.diagnostics.Error(kReadFailedCode,
                              "the case file lists " + c.file + ", which does not exist",
                              c.location);
        out.usage_error = true;
      }
    }
    if (case_file.contributions.empty()) files = ContributionsFolder(case_file.directory);
    for (const auto& file : files) {
      if (auto root = reader.Parse(file)) reader.Classify(*root, file);
    }
  }
  for (auto& input : out.contributions) {
    input.relative = RelativeTo(input.file, case_file.directory);
    for (const auto& listed : case_file.contributions) {
      if (fs::path(listed.file).lexically_normal() == fs::path(input.relative).lexically_normal())
        input.received = listed.received;
    }
  }
  return out;
}

AssemblyInputs ParseAssemblyInputs(const std::vector<NamedDocument>& documents,
                                   const SchemaRegistry& schemas) {
  AssemblyInputs out;
  InputReader reader(schemas, out);
  for (const auto& document : documents) {
    ParsedXml parsed = ParseXmlMemory(document.bytes, document.name, schemas);
    out.diagnostics.Append(parsed.diagnostics);
    if (parsed.root) reader.Classify(*parsed.root, document.name, true);
  }
  if (!out.case_file) {
    if (!out.diagnostics.HasErrors()) {
      out.diagnostics.Error(
          "assemble.no-case",
          "no case file among the documents (a <case> document, see schemas/ehcp-case-1.xsd)",
          SourceLocation{});
      out.usage_error = true;
    }
    return out;
  }
  // Cited as a case folder cites them: as the case file lists them, else contributions/NAME.
  for (auto& input : out.contributions) {
    input.relative = "contributions/" + fs::path(input.file).filename().generic_string();
    for (const auto& listed : out.case_file->contributions) {
      if (fs::path(listed.file).filename() != fs::path(input.file).filename()) continue;
      input.relative = fs::path(listed.file).lexically_normal().generic_string();
      input.received = listed.received;
    }
  }
  return out;
}

}  // namespace ehcp
