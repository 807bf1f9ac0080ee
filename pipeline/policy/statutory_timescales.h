#pragma once

// The statutory timescales of an EHC plan, read once from quality/timescales.xml
// (schemas/ehcp-timescales-1.xsd). Assembly, the statutory-date lint rules, the amendment
// notice and the caseload status all count with these, so they cannot disagree; no number
// of weeks, days or months is written in C++. The date functions are the only arithmetic:
// call them rather than adding the numbers yourself.

#include <filesystem>
#include <optional>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "loader/xml_tree.h"
#include "model/date.h"

namespace ehcp {

struct MonthDay {
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

struct StatutoryTimescales {
  int decision_to_assess_weeks = 0;  // request -> decision whether to assess
  int advice_weeks = 0;              // request for advice -> advice given (lint's advice-late)
  int final_plan_weeks = 0;          // request -> final plan
  int family_comment_days = 0;       // draft or proposed amendments -> the family's comments
  int amended_plan_weeks = 0;        // proposed amendments -> final amended plan
  int review_months = 0;             // final plan or last review -> next review
  int under_five_review_months = 0;  // the same for a child under 5
  int review_decision_weeks = 0;     // review meeting -> decision notified
  MonthDay phase_transfer_school;    // in the calendar year of the September transfer
  MonthDay phase_transfer_post16;
  SourceLocation location;  // the file, for messages about the timescales themselves

  Date DecisionToAssessDue(const Date& request) const;
  Date FinalPlanDue(const Date& request) const;
  Date CommentsDue(const Date& sent) const;  // a draft or proposed amendments
  Date AmendedPlanDue(const Date& proposals) const;
  Date ReviewDecisionDue(const Date& meeting) const;
  // The months allowed before the next review, for a child born on `birth`, counted from
  // `from` (under 5 on that day: the shorter interval).
  int ReviewMonths(const Date& birth, const Date& from) const;
  Date ReviewDue(const Date& birth, const Date& from) const;
  // The date a final draft's plan is due: the later of the request + final_plan_weeks and
  // the draft + family_comment_days (a draft cannot be finalised before its comments).
  Date PlannedFinalIssue(const Date& request, const Date& draft) const;
  Date PhaseTransferDeadline(int transfer_year, bool post16) const;
};

// quality/timescales.xml under a quality folder.
std::filesystem::path StatutoryTimescalesFile(const std::filesystem::path& quality_dir);

// Registers the <timescales> root element (schemas/ehcp-timescales-1.xsd).
void RegisterTimescalesSchema(SchemaRegistry& schemas);

// Reads and validates `file` against `schemas` (RegisterTimescalesSchema called). A bad
// file is reported at its file:line:col and gives nothing.
std::optional<StatutoryTimescales> LoadStatutoryTimescales(const std::filesystem::path& file,
                                                           const SchemaRegistry& schemas,
                                                           DiagnosticList& diagnostics);

// The same from the root element of a file already parsed and validated (the linter reads
// it with its rule files).
std::optional<StatutoryTimescales> ReadStatutoryTimescales(const XmlElement& root,
                                                           DiagnosticList& diagnostics);

// The same with a registry of its own: for a caller that has none (the caseload status).
std::optional<StatutoryTimescales> LoadStatutoryTimescales(const std::filesystem::path& quality_dir,
                                                           const std::filesystem::path& schema_dir,
                                                           DiagnosticList& diagnostics);

}  // namespace ehcp
