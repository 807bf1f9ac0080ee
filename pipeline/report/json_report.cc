#include "report/json_report.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic_json.h"

namespace ehcp {
namespace {

// Writes JSON exactly as DumpJson(json, 2) writes the same values, without building
// nlohmann objects: a plan's findings went through about 600 K instructions of object
// building and serialising per 30-page plan. The caller gives an object's members in
// sorted key order (nlohmann's objects are std::maps). Strings that are valid UTF-8 are
// escaped here as nlohmann escapes them (ensure_ascii off); any other string, and every
// floating-point number, is handed to nlohmann itself, so odd bytes become U+FFFD and
// numbers keep nlohmann's shortest form as before.
class PrettyJson {
 public:
  explicit PrettyJson(std::string& out) : out_(out) {}

  void BeginObject() { Open('{', false); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('[', true); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key) {
    NextMember();
    out_ += '"';
    out_ += key;  // keys are ASCII names written here
    out_ += "\": ";
    after_key_ = true;
  }
  void String(std::string_view value) {
    BeforeValue();
    AppendString(value);
  }
  void Int(int64_t value) {
    BeforeValue();
    char buffer[24];
    char* end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out_.append(buffer, end);
  }
  void Bool(bool value) {
    BeforeValue();
    out_ += value ? "true" : "false";
  }
  void Null() {
    BeforeValue();
    out_ += "null";
  }
  void Double(double value) {
    BeforeValue();
    out_ += DumpJson(nlohmann::json(value));
  }

 private:
  struct Level {
    bool array;
    bool empty;
  };

  void Open(char bracket, bool array) {
    BeforeValue();
    out_ += bracket;
    levels_.push_back({array, true});
  }
  void Close(char bracket) {
    bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty) {
      out_ += '\n';
      out_.append(2 * levels_.size(), ' ');
    }
    out_ += bracket;
  }
  // A member or an element starts on its own line, indented by its depth.
  void NextMember() {
    out_ += levels_.back().empty ? "\n" : ",\n";
    levels_.back().empty = false;
    out_.append(2 * levels_.size(), ' ');
  }
  // A value after a key stays on the key's line; an array's element gets its own.
  void BeforeValue() {
    if (after_key_)
      after_key_ = false;
    else if (!levels_.empty() && levels_.back().array)
      NextMember();
  }

  // Table 3-7 of the Unicode standard, the sequences nlohmann's decoder accepts.
  static bool ValidUtf8(std::string_view s) {
    auto in = [](unsigned char c, unsigned char lo, unsigned char hi) {
      return c >= lo && c <= hi;
    };
    size_t i = 0, n = s.size();
    while (i < n) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        ++i;
        continue;
      }
      size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                   : c >= 0xE0 && c <= 0xEF ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4
                                            : 0;
      if (len == 0 || i + len > n) return false;
      auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
      unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
      unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
      if (!in(b(1), lo, hi)) return false;
      for (size_t k = 2; k < len; ++k)
        if (!in(b(k), 0x80, 0xBF)) return false;
      i += len;
    }
    return true;
  }

  void AppendString(std::string_view s) {
    if (!ValidUtf8(s)) {
      out_ += DumpJson(nlohmann::json(std::string(s)));
      return;
    }
    out_ += '"';
    size_t run = 0;  // start of the bytes not yet written
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
          static const char* kHex = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 15];
        }
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string& out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

// DiagnosticToJson's members, in key order.
void WriteDiagnostic(PrettyJson& j, const Diagnostic& d) {
  auto optional = [&j](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    j.Key(key);
    j.String(value);
  };
  j.BeginObject();
  if (d.accepted_reason) {
    j.Key("accepted");
    j.String(*d.accepted_reason);
  }
  j.Key("code");
  j.String(d.code);
  j.Key("column");
  j.Int(d.location.column);
  optional("detail", d.detail);
  j.Key("file");
  j.String(d.location.FileName());
  optional("hint", d.hint);
  optional("item", d.item_id);
  j.Key("line");
  j.Int(d.location.line);
  j.Key("message");
  j.String(d.message);
  optional("path", d.element_path);
  optional("place", d.location.place);
  optional("quote", d.quote);
  optional("section", d.section);
  j.Key("severity");
  j.String(SeverityName(d.severity));
  optional("source", d.source);
  j.EndObject();
}

// What CaseStatusJson wrote, in key order.
void WriteCaseStatus(PrettyJson& j, const CaseStatus& status, const std::optional<Date>& as_of) {
  j.BeginObject();
  j.Key("firstFinal");
  j.BeginObject();
  if (status.weeks_days) {
    j.Key("days");
    j.Int(*status.weeks_days);
  }
  if (status.first_final_issued) {
    j.Key("issued");
    j.String(status.first_final_issued->ToIso());
  }
  if (status.request_received) {
    j.Key("requestReceived");
    j.String(status.request_received->ToIso());
  }
  j.Key("timeliness");
  j.String(FirstFinalToken(status.first_final));
  j.EndObject();
  j.Key("next");
  j.BeginObject();
  j.Key("date");
  if (status.next_date)
    j.String(status.next_date->ToIso());
  else
    j.Null();
  j.Key("from");
  j.String(status.next_basis);
  j.Key("kind");
  j.String(NextDateToken(status.next));
  if (as_of) {
    j.Key("overdue");
    j.Bool(status.OverdueOn(*as_of));
  }
  if (status.under_five) {
    j.Key("underFive");
    j.Bool(true);
  }
  j.EndObject();
  j.Key("stage");
  j.String(CaseStageToken(status.stage));
  j.EndObject();
}

}  // namespace

JsonReportWriter::JsonReportWriter(std::ostream& out) : out_(out) {
  out_ << "{\n\"plans\": [";
}

void JsonReportWriter::Add(const PlanFindings& plan) {
  // Members in the order nlohmann's std::map objects sort their keys, which is the order
  // the report has always had (see PrettyJson).
  std::string text;
  text.reserve(4096 + 1024 * (plan.findings.size() + plan.load_problems.size()));
  PrettyJson j(text);
  j.BeginObject();
  const auto& items = plan.loaded ? plan.findings : plan.load_problems;
  auto diagnostics = [&](bool accepted) {
    j.BeginArray();
    for (const auto& d : items)
      if (d.accepted_reason.has_value() == accepted) WriteDiagnostic(j, d);
    j.EndArray();
  };
  j.Key("accepted");
  diagnostics(true);
  if (plan.case_status) {
    j.Key("caseStatus");
    WriteCaseStatus(j, *plan.case_status, as_of_);
  }
  j.Key("counts");
  j.BeginObject();
  j.Key("error");
  j.Int(plan.Count(Severity::kError));
  j.Key("info");
  j.Int(plan.Count(Severity::kInfo));
  j.Key("warning");
  j.Int(plan.Count(Severity::kWarning));
  j.EndObject();
  j.Key("file");
  j.String(plan.file);
  j.Key("findings");
  diagnostics(false);
  if (plan.grade) {
    j.Key("grade");
    j.String(GradeName(plan.grade->overall));
  }
  if (plan.loaded) {
    j.Key("plan");
    j.String(plan.plan_id);
  }
  if (plan.grade) {
    j.Key("provision");
    j.BeginObject();
    j.Key("fullyQuantified");
    j.Int(plan.provision_quantified);
    j.Key("items");
    j.Int(plan.provision_items);
    j.EndObject();
    j.Key("score");
    j.Double(plan.grade->score);
    j.Key("sections");
    j.BeginArray();
    for (const auto& s : plan.grade->sections) {
      j.BeginObject();
      j.Key("criteria");
      j.Int(s.criteria);
      j.Key("grade");
      j.String(GradeName(s.grade));
      j.Key("met");
      j.Int(s.met);
      j.Key("score");
      j.Double(s.score);
      j.Key("section");
      j.String(s.section);
      j.Key("unmet");
      j.BeginArray();
      for (const auto& rule : s.unmet) j.String(rule);
      j.EndArray();
      j.EndObject();
    }
    j.EndArray();
  }
  if (plan.loaded && plan.status) {
    j.Key("status");
    j.String(Token(*plan.status));
  }
  j.Key("valid");
  j.Bool(plan.loaded);
  j.EndObject();
  out_ << (first_ ? "\n" : ",\n") << text;
  first_ = false;
}

void JsonReportWriter::Finish(const CaseloadSummary& summary) {
  // As Add: members in nlohmann's sorted key order. Grade and stage names are data, so
  // those two objects are sorted here.
  std::string text;
  text.reserve(2048 + 128 * summary.Rows().size());
  PrettyJson j(text);
  auto counts = [&j](std::vector<std::pair<std::string_view, int>> named) {
    std::sort(named.begin(), named.end());
    j.BeginObject();
    for (const auto& [name, count] : named) {
      j.Key(name);
      j.Int(count);
    }
    j.EndObject();
  };
  j.BeginObject();
  if (summary.AsOf()) {
    j.Key("asOf");
    j.String(summary.AsOf()->ToIso());
  }
  j.Key("byGrade");
  std::vector<std::pair<std::string_view, int>> grades;
  for (Grade g :
       {Grade::kOutstanding, Grade::kGood, Grade::kRequiresImprovement, Grade::kInadequate})
    grades.emplace_back(GradeName(g), summary.ByGrade(g));
  counts(std::move(grades));
  if (summary.AsOf()) {
    j.Key("byStage");
    std::vector<std::pair<std::string_view, int>> stages;
    for (CaseStage stage :
         {CaseStage::kDraft, CaseStage::kFinal, CaseStage::kProposedAmendment, CaseStage::kAmended})
      stages.emplace_back(CaseStageToken(stage), summary.ByStage(stage));
    counts(std::move(stages));
  }
  j.Key("invalid");
  j.Int(summary.Invalid());
  j.Key("mostFrequent");
  j.BeginArray();
  for (const auto& r : summary.MostFrequent(10)) {
    j.BeginObject();
    j.Key("findings");
    j.Int(r.findings);
    j.Key("plans");
    j.Int(r.plans);
    j.Key("rule");
    j.String(r.rule);
    j.EndObject();
  }
  j.EndArray();
  if (summary.AsOf()) {
    j.Key("overdue");
    j.BeginArray();
    for (const auto& row : summary.Rows()) {
      if (!row.overdue) continue;
      j.BeginObject();
      j.Key("date");
      j.String(row.status->next_date->ToIso());
      j.Key("daysOverdue");
      j.Int(row.overdue_days);
      j.Key("file");
      j.String(row.file);
      j.Key("next");
      j.String(NextDateToken(row.status->next));
      j.Key("plan");
      j.String(row.plan_id);
      j.EndObject();
    }
    j.EndArray();
  }
  j.Key("plans");
  j.Int(summary.Plans());
  j.Key("provision");
  j.BeginObject();
  j.Key("fullyQuantified");
  j.Int(summary.ProvisionQuantified());
  j.Key("items");
  j.Int(summary.ProvisionItems());
  j.EndObject();
  j.Key("skipped");
  j.Int(summary.Skipped());
  if (summary.AsOf()) {
    const TwentyWeekShare& t = summary.TwentyWeeks();
    j.Key("twentyWeeks");
    j.BeginObject();
    j.Key("exception");
    j.Int(t.exception);
    j.Key("from");
    j.String(t.from.ToIso());
    j.Key("issued");
    j.Int(t.issued);
    j.Key("late");
    j.Int(t.late);
    j.Key("share");
    j.String(SharePercent(t.within, t.within + t.late));
    j.Key("to");
    j.String(t.to.ToIso());
    j.Key("unknown");
    j.Int(t.unknown);
    j.Key("weeks");
    j.Int(t.weeks);
    j.Key("within");
    j.Int(t.within);
    j.EndObject();
  }
  j.EndObject();
  out_ << "\n],\n\"summary\": " << text << "\n}\n";
}

std::string PathToUri(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

std::string SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "error";
}

}  // namespace

SarifReportWriter::SarifReportWriter(std::ostream& out, const RuleSet& rules)
    : out_(out), rules_(rules) {
  nlohmann::json driver;
  driver["name"] = "ehcp-lint";
  driver["fullName"] = "ehcp lint: EHC plan quality-framework linter";
  driver["version"] = "0.1.0";
  driver["semanticVersion"] = "0.1.0";
  driver["rules"] = nlohmann::json::array();
  for (const auto& rule : rules_.Rules()) {
    const RuleSpec& spec = rule->Spec();
    nlohmann::json r;
    r["id"] = spec.id;
    r["shortDescription"] = {{"text", spec.title}};
    r["fullDescription"] = {{"text", spec.title + ". Source: " + spec.source}};
    if (!spec.hint.empty()) r["help"] = {{"text", spec.hint}};
    r["defaultConfiguration"] = {{"level", SarifLevel(spec.severity)}};
    r["properties"] = {
        {"kind", spec.kind}, {"source", spec.source}, {"sections", spec.scope.sections}};
    driver["rules"].push_back(std::move(r));
  }
  nlohmann::json run;
  run["tool"] = {{"driver", driver}};
  // Columns in ehcp locations count UTF-8 bytes; SARIF has no byte column kind, and for the
  // ASCII text where columns matter most, code points and bytes agree.
  run["columnKind"] = "unicodeCodePoints";
  std::string head = DumpJson(run, 2);
  head.resize(head.rfind('}'));  // leave the run object open for the results
  while (!head.empty() && (head.back() == '\n' || head.back() == ' ')) head.pop_back();
  out_ << "{\n\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n\"version\": "
          "\"2.1.0\",\n\"runs\": [\n"
       << head << ",\n\"results\": [";
}

void SarifReportWriter::Add(const PlanFindings& plan) {
  const auto& items = plan.loaded ? plan.findings : plan.load_problems;
  for (const auto& d : items) {
    nlohmann::json r;
    r["ruleId"] = d.code;
    for (size_t i = 0; i < rules_.Rules().size(); ++i)
      if (rules_.Rules()[i]->Spec().id == d.code) r["ruleIndex"] = i;
    r["level"] = SarifLevel(d.severity);
    std::string text = d.message;
    if (!d.hint.empty()) text += ". Hint: " + d.hint;
    r["message"] = {{"text", text}};
    nlohmann::json physical;
    physical["artifactLocation"] = {
        {"uri", PathToUri(d.location.FileName().empty() ? plan.file : d.location.FileName())}};
    if (d.location.line > 0) {
      nlohmann::json region{{"startLine", d.location.line}};
      if (d.location.column > 0) region["startColumn"] = d.location.column;
      physical["region"] = region;
    }
    nlohmann::json location{{"physicalLocation", physical}};
    // A Word or PDF plan has no lines: the place is said in words, as SARIF allows.
    if (!d.location.place.empty()) location["message"] = {{"text", d.location.place}};
    if (!d.section.empty()) {
      std::string name = d.section == "meta" ? "plan" : "section" + d.section;
      if (!d.item_id.empty()) name += "/" + d.item_id;
      location["logicalLocations"] =
          nlohmann::json::array({{{"fullyQualifiedName", name}, {"kind", "element"}}});
    }
    r["locations"] = nlohmann::json::array({location});
    if (d.accepted_reason)
      r["suppressions"] = nlohmann::json::array(
          {{{"kind", "external"}, {"status", "accepted"}, {"justification", *d.accepted_reason}}});
    if (!d.source.empty()) r["properties"] = {{"source", d.source}, {"planId", plan.plan_id}};
    out_ << (first_ ? "\n" : ",\n") << DumpJson(r);
    first_ = false;
  }
}

void SarifReportWriter::Finish() {
  out_ << "\n]\n}\n]\n}\n";
}

}  // namespace ehcp
