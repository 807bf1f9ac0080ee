#pragma once

// The reg 22 amendment notice (`ehcp amend`): a covering letter (the family's right to
// comment within 15 days and to ask for a meeting, the 8-week limit for the final amended
// plan, how to appeal once it is final), the dates that follow from the notice date, and
// every changed item with its inserted and deleted words marked (doc::Revision) and the
// evidence for it. Built as a doc::Document, so the PDF and DOCX writers render it as they
// render plans. The wording is data (templates/amend/notice.json), and so are the
// timescales, in the one file every stage counts with (quality/timescales.xml).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "document/document.h"
#include "model/date.h"
#include "model/plan.h"
#include "plan_diff/plan_diff.h"
#include "policy/statutory_timescales.h"

namespace ehcp {

struct NoticeWording {
  std::string title, subject, running_header, salutation;
  std::vector<std::string> letter;  // paragraphs, with {placeholders}
  std::string sign_off, contact;
  std::string dates_heading, dates_caption, dates_description;
  std::string date_notice, date_comment_by, date_final_by;
  std::string changes_heading, reading_guide;
  std::string inserted_label, deleted_label;
  std::map<std::string, std::string> change_names;  // "added" -> the council's word
  std::string moved, evidence_label, evidence_none, review_evidence, no_changes;
};

// templates/amend/notice.json under a templates folder.
std::filesystem::path NoticeWordingFile(const std::filesystem::path& templates_dir);
// Nullopt with `template.missing` or `template.invalid` when it cannot be read or a
// string is missing, or when it still sets its own "timescales" (they are in
// quality/timescales.xml now: a council's number must not be silently ignored).
std::optional<NoticeWording> LoadNoticeWording(const std::filesystem::path& file,
                                               DiagnosticList& diagnostics);

// The dates that follow from the notice date, and the timescales they follow from.
struct NoticeDates {
  Date notice;
  Date comment_by;  // notice + comment_days (reg 22(2)(c))
  Date final_by;    // notice + final_weeks (reg 22(3))
  int comment_days = 0;
  int final_weeks = 0;
};
NoticeDates ComputeNoticeDates(const Date& notice, const StatutoryTimescales& timescales);

doc::Document BuildAmendmentNotice(const Plan& current, const Plan& proposed, const PlanDiff& diff,
                                   const NoticeDates& dates, const NoticeWording& wording);

// The proposed plan with the proposal recorded: its <dates proposedAmendmentsIssued> and a
// <history> issue of kind proposed-amendments on the notice date (added once: a second run
// with the same date changes nothing). When the history is empty, the current plan's
// history (or, failing that, its first final issue from <dates>) is carried over first.
Plan RecordProposal(const Plan& current, const Plan& proposed, const Date& notice);

}  // namespace ehcp
