#include "amendment_notice.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "output/input_file.h"
#include "plan_diff/diff_report.h"
#include "policy/wording.h"

namespace ehcp {
namespace {

constexpr size_t kMaxWordingBytes = 256 * 1024;

// The notice's wording filled as every council wording is (policy/wording.h): unknown
// names are left as written, so a council's typo shows in the notice rather than vanishing.
std::string Fill(const std::string& text, const std::map<std::string, std::string>& values) {
  return FillWording(text, values);
}

doc::Span Plain(std::string text, bool bold = false) {
  doc::Span span;
  span.text = std::move(text);
  span.bold = bold;
  return span;
}

doc::Paragraph Para(std::vector<doc::Span> spans,
                    doc::ParagraphStyle style = doc::ParagraphStyle::kBody) {
  doc::Paragraph p;
  p.spans = std::move(spans);
  p.style = style;
  return p;
}

doc::Heading MakeHeading(int level, const std::string& text) {
  doc::Heading h;
  h.level = level;
  h.text = text;
  h.anchor = doc::MakeAnchor(text);
  return h;
}

// Newlines in a field (paragraphs of prose) read as spaces inside one marked run.
std::string OneLine(std::string text) {
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

class NoticeBuilder {
 public:
  NoticeBuilder(const NoticeWording& wording) : wording_(wording) {}

  doc::Span Revised(const std::string& text, doc::Revision revision) const {
    // A whole-field date reads as the family reads dates ("21 July 2027", not ISO).
    std::optional<Date> date = Date::FromIso(text);
    doc::Span span = Plain(date ? date->ToLongEnglish() : OneLine(text));
    span.revision = revision;
    span.revision_label =
        revision == doc::Revision::kInserted ? wording_.inserted_label : wording_.deleted_label;
    return span;
  }

  // One field of a changed item: "Description: " and the words as they change.
  doc::Paragraph Field(const ItemChange& item, const FieldChange& field) const {
    std::vector<doc::Span> spans{Plain(Capitalised(field.field) + ": ", true)};
    auto space = [&] {
      if (spans.size() > 1) spans.push_back(Plain(" "));
    };
    if (item.kind == ChangeKind::kAdded) {
      spans.push_back(Revised(field.new_value, doc::Revision::kInserted));
    } else if (item.kind == ChangeKind::kRemoved) {
      spans.push_back(Revised(field.old_value, doc::Revision::kDeleted));
    } else if (!field.links_added.empty() || !field.links_removed.empty()) {
      // A list of ids changes by the ids added or taken away: the ids kept stay plain, so
      // "meets needs B1, B2" gaining B3 reads as that, not as the whole list replaced.
      auto separator = [&] {
        if (spans.size() > 1) spans.push_back(Plain(", "));
      };
      for (const std::string& id : SplitIds(field.old_value)) {
        separator();
        bool removed = std::find(field.links_removed.begin(), field.links_removed.end(), id) !=
                       field.links_removed.end();
        spans.push_back(removed ? Revised(id, doc::Revision::kDeleted) : Plain(id));
      }
      for (const std::string& id : field.links_added) {
        separator();
        spans.push_back(Revised(id, doc::Revision::kInserted));
      }
    } else if (field.words && !IsDate(field.old_value) && !IsDate(field.new_value)) {
      // (A date is replaced whole, in words, rather than digit by digit.)
      for (const TextPiece& piece : field.words->pieces) {
        // The space before a change is plain text, so the underline starts at the word.
        // A deletion straight after an insertion (or the other way round) gets a space,
        // so the second label does not run into the first run's words.
        bool after_revision = spans.size() > 1 && spans.back().revision != doc::Revision::kNone;
        if (piece.space_before || (after_revision && piece.op != DiffOp::kSame)) space();
        if (piece.op == DiffOp::kSame) {
          if (spans.size() > 1 && spans.back().revision == doc::Revision::kNone &&
              !spans.back().bold)
            spans.back().text += piece.text;
          else
            spans.push_back(Plain(piece.text));
        } else {
          spans.push_back(Revised(piece.text, piece.op == DiffOp::kInserted
                                                  ? doc::Revision::kInserted
                                                  : doc::Revision::kDeleted));
        }
      }
    } else {
      if (!field.old_value.empty())
        spans.push_back(Revised(field.old_value, doc::Revision::kDeleted));
      if (!field.new_value.empty()) {
        space();
        spans.push_back(Revised(field.new_value, doc::Revision::kInserted));
      }
    }
    return Para(std::move(spans));
  }

  static bool IsDate(const std::string& text) { return Date::FromIso(text).has_value(); }

  // The ids of a link field as plan_diff joins them ("B1, B2").
  static std::vector<std::string> SplitIds(const std::string& joined) {
    std::vector<std::string> ids;
    size_t start = 0;
    while (start < joined.size()) {
      size_t comma = joined.find(", ", start);
      if (comma == std::string::npos) comma = joined.size();
      ids.push_back(joined.substr(start, comma - start));
      start = comma + 2;
    }
    return ids;
  }

  static std::string Capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
      text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
  }

 private:
  const NoticeWording& wording_;
};

const std::vector<SourceRef>* SourcesOf(const Plan& plan, const std::string& id) {
  if (id.empty()) return nullptr;
  if (const Need* need = plan.FindNeed(id)) return &need->sources;
  if (const Outcome* outcome = plan.FindOutcome(id)) return &outcome->sources;
  if (const ProvisionItem* item = plan.FindProvision(id)) return &item->sources;
  for (const ViewEntry& entry : plan.a.entries)
    if (entry.id == id) return &entry.sources;
  return nullptr;
}

// "K3: Speech and language therapy advice, Jo Bloggs (Speech and language therapist),
// received 3 June 2027".
std::string DescribeAdvice(const AdviceItem& advice) {
  std::string out = advice.id + ": " + advice.title;
  std::string who = advice.author;
  if (!advice.role.empty()) who += who.empty() ? advice.role : " (" + advice.role + ")";
  if (!advice.organisation.empty())
    who += who.empty() ? advice.organisation : ", " + advice.organisation;
  if (!who.empty()) out += ", " + who;
  if (advice.received) out += ", received " + advice.received->ToLongEnglish();
  return out;
}

// The advice an item rests on (in the proposed plan, or the current one for an item taken
// out), and the review meeting that led to the proposals.
std::vector<std::string> Evidence(const Plan& current, const Plan& proposed, const ItemChange& item,
                                  const NoticeWording& wording) {
  std::vector<std::string> out;
  const Plan& plan = item.kind == ChangeKind::kRemoved ? current : proposed;
  const std::string& id = item.kind == ChangeKind::kRemoved ? item.old_id : item.new_id;
  std::vector<std::string> advice_ids;
  if (const AdviceItem* advice = plan.FindAdvice(id)) advice_ids.push_back(advice->id);
  if (const auto* sources = SourcesOf(plan, id)) {
    for (const SourceRef& source : *sources) advice_ids.push_back(source.advice_id);
  }
  for (size_t i = 0; i < advice_ids.size(); ++i) {
    bool seen = false;
    for (size_t j = 0; j < i; ++j) seen = seen || advice_ids[j] == advice_ids[i];
    if (seen) continue;
    const AdviceItem* advice = plan.FindAdvice(advice_ids[i]);
    out.push_back(advice ? DescribeAdvice(*advice) : advice_ids[i]);
  }
  const auto& reviews = proposed.meta.history.reviews;
  if (!reviews.empty()) {
    out.push_back(
        Fill(wording.review_evidence, {{"meeting", reviews.back().meeting.ToLongEnglish()}}));
  }
  return out;
}

std::string ItemHeading(const SectionDiff& section, const ItemChange& item,
                        const NoticeWording& wording) {
  std::string id = item.kind == ChangeKind::kRenumbered
                       ? item.old_id + " → " + item.new_id
                       : (item.new_id.empty() ? item.old_id : item.new_id);
  std::string out = SectionHeading(section.section);
  if (!id.empty()) out += ", " + id;
  if (!item.label.empty()) out += id.empty() ? ", " + item.label : " (" + item.label + ")";
  auto name = wording.change_names.find(std::string(ChangeKindName(item.kind)));
  out += ": " + (name == wording.change_names.end() ? std::string(ChangeKindName(item.kind))
                                                    : name->second);
  return out;
}

std::string FamilyNames(const Plan& plan) {
  std::vector<std::string> names;
  for (const ParentCarer& parent : plan.family)
    if (parent.parental_responsibility && !parent.name.empty()) names.push_back(parent.name);
  if (names.empty()) return "parent or carer";
  std::string out = names[0];
  for (size_t i = 1; i < names.size(); ++i)
    out += (i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

size_t ChangeCount(const PlanDiff& diff) {
  size_t count = 0;
  for (const auto& section : diff.sections) count += section.items.size();
  return count;
}

}  // namespace

std::filesystem::path NoticeWordingFile(const std::filesystem::path& templates_dir) {
  return templates_dir / "amend" / "notice.json";
}

std::optional<NoticeWording> LoadNoticeWording(const std::filesystem::path& file,
                                               DiagnosticList& diagnostics) {
  InputFile input = ReadInputFile(file.string(), kMaxWordingBytes);
  if (input.status != InputFileStatus::kRead) {
    diagnostics.Error("template.missing",
                      "the amendment notice wording cannot be read: " + input.problem,
                      FileLocation(file.string()));
    return std::nullopt;
  }
  nlohmann::json json = nlohmann::json::parse(input.bytes, nullptr, false);
  NoticeWording w;
  std::string missing;
  auto text = [&](const nlohmann::json& object, const char* key, std::string& out) {
    if (object.is_object() && object.contains(key) && object[key].is_string())
      out = object[key].get<std::string>();
    else if (missing.empty())
      missing = key;
  };
  if (json.is_discarded() || !json.is_object()) {
    diagnostics.Error("template.invalid", "the amendment notice wording is not a JSON object",
                      FileLocation(file.string()));
    return std::nullopt;
  }
  if (json.contains("timescales")) {
    diagnostics.Error("template.invalid",
                      "the amendment notice wording sets \"timescales\"; they are read from "
                      "quality/timescales.xml (<familyComments days>, <amendedPlan weeks>) so "
                      "that every stage counts the same: move the numbers there",
                      FileLocation(file.string()));
    return std::nullopt;
  }
  text(json, "title", w.title);
  text(json, "subject", w.subject);
  text(json, "runningHeader", w.running_header);
  text(json, "salutation", w.salutation);
  if (json.contains("letter") && json["letter"].is_array()) {
    for (const auto& paragraph : json["letter"])
      if (paragraph.is_string()) w.letter.push_back(paragraph.get<std::string>());
  }
  if (w.letter.empty() && missing.empty()) missing = "letter";
  text(json, "signOff", w.sign_off);
  text(json, "contact", w.contact);
  text(json, "datesHeading", w.dates_heading);
  text(json, "datesCaption", w.dates_caption);
  text(json, "datesDescription", w.dates_description);
  const nlohmann::json& rows = json.value("dateRows", nlohmann::json::object());
  text(rows, "notice", w.date_notice);
  text(rows, "commentBy", w.date_comment_by);
  text(rows, "finalBy", w.date_final_by);
  text(json, "changesHeading", w.changes_heading);
  text(json, "readingGuide", w.reading_guide);
  const nlohmann::json& labels = json.value("labels", nlohmann::json::object());
  text(labels, "inserted", w.inserted_label);
  text(labels, "deleted", w.deleted_label);
  const nlohmann::json& names = json.value("changeNames", nlohmann::json::object());
  for (const char* kind : {"added", "removed", "changed", "renumbered"})
    text(names, kind, w.change_names[kind]);
  text(json, "moved", w.moved);
  text(json, "evidenceLabel", w.evidence_label);
  text(json, "evidenceNone", w.evidence_none);
  text(json, "reviewEvidence", w.review_evidence);
  text(json, "noChanges", w.no_changes);
  if (!missing.empty()) {
    diagnostics.Error("template.invalid",
                      "the amendment notice wording has no string \"" + missing + "\"",
                      FileLocation(file.string()));
    return std::nullopt;
  }
  return w;
}

NoticeDates ComputeNoticeDates(const Date& notice, const StatutoryTimescales& timescales) {
  return NoticeDates{notice, timescales.CommentsDue(notice), timescales.AmendedPlanDue(notice),
                     timescales.family_comment_days, timescales.amended_plan_weeks};
}

doc::Document BuildAmendmentNotice(const Plan& current, const Plan& proposed, const PlanDiff& diff,
                                   const NoticeDates& dates, const NoticeWording& wording) {
  const Officer& officer = proposed.meta.officer;
  const std::map<std::string, std::string> values{
      {"child", proposed.child.KnownAs()},
      {"childFull", proposed.child.legal_name.Full()},
      {"council", proposed.meta.local_authority.name},
      {"family", FamilyNames(proposed)},
      {"noticeDate", dates.notice.ToLongEnglish()},
      {"commentBy", dates.comment_by.ToLongEnglish()},
      {"finalBy", dates.final_by.ToLongEnglish()},
      {"officer", officer.name},
      {"officerRole", officer.role},
      {"officerEmail", officer.email},
      {"officerPhone", officer.phone},
      {"commentDays", std::to_string(dates.comment_days)},
      {"finalWeeks", std::to_string(dates.final_weeks)},
      {"changeCount",
       std::to_string(ChangeCount(diff)) + (ChangeCount(diff) == 1 ? " change" : " changes")},
  };
  doc::Document d;
  d.title = Fill(wording.title, values);
  d.subject = Fill(wording.subject, values);
  d.author = proposed.meta.local_authority.name;
  d.lang = proposed.meta.lang.empty() ? "en-GB" : proposed.meta.lang;
  d.running_header = Fill(wording.running_header, values);
  d.footer_left = proposed.meta.local_authority.name;

  auto& blocks = d.blocks;
  doc::Heading title = MakeHeading(1, d.title);
  title.anchor = "notice";
  blocks.push_back(title);
  blocks.push_back(Para({Plain(dates.notice.ToLongEnglish())}));
  blocks.push_back(Para({Plain(Fill(wording.salutation, values))}));
  for (const std::string& paragraph : wording.letter)
    blocks.push_back(Para({Plain(Fill(paragraph, values))}));
  blocks.push_back(Para({Plain(Fill(wording.sign_off, values))}));
  blocks.push_back(Para({Plain(Fill(wording.contact, values))}));

  blocks.push_back(MakeHeading(2, Fill(wording.dates_heading, values)));
  doc::Table table;
  table.caption = Fill(wording.dates_caption, values);
  table.description = Fill(wording.dates_description, values);
  table.row_headers = true;
  table.column_widths = {3, 2};
  auto row = [&](const std::string& label, const Date& date) {
    table.rows.push_back({doc::TableCell{{Para({Plain(label)})}},
                          doc::TableCell{{Para({Plain(date.ToLongEnglish())})}}});
  };
  row(Fill(wording.date_notice, values), dates.notice);
  row(Fill(wording.date_comment_by, values), dates.comment_by);
  row(Fill(wording.date_final_by, values), dates.final_by);
  blocks.push_back(std::move(table));

  blocks.push_back(MakeHeading(2, Fill(wording.changes_heading, values)));
  blocks.push_back(Para({Plain(Fill(wording.reading_guide, values))}, doc::ParagraphStyle::kLead));
  if (diff.Empty()) blocks.push_back(Para({Plain(Fill(wording.no_changes, values))}));
  NoticeBuilder builder(wording);
  for (const SectionDiff& section : diff.sections) {
    doc::Heading h = MakeHeading(3, SectionHeading(section.section));
    h.anchor = "changes-section-" + doc::MakeAnchor(std::string(SectionLetter(section.section)));
    blocks.push_back(h);
    for (const ItemChange& item : section.items) {
      doc::Paragraph name = Para({Plain(ItemHeading(section, item, wording), true)});
      name.keep_with_next = true;
      blocks.push_back(std::move(name));
      if (item.moved) blocks.push_back(Para({Plain(Fill(wording.moved, values))}));
      for (const FieldChange& field : item.fields) blocks.push_back(builder.Field(item, field));
      std::vector<std::string> evidence = Evidence(current, proposed, item, wording);
      std::string line = wording.evidence_label + ": ";
      if (evidence.empty()) line += Fill(wording.evidence_none, values);
      for (size_t i = 0; i < evidence.size(); ++i) line += (i ? "; " : "") + evidence[i];
      blocks.push_back(Para({Plain(line)}, doc::ParagraphStyle::kNote));
    }
  }
  return d;
}

Plan RecordProposal(const Plan& current, const Plan& proposed, const Date& notice) {
  Plan out = proposed;
  PlanHistory& history = out.meta.history;
  if (history.Empty()) {
    history = current.meta.history;
    if (history.Empty() && current.meta.dates.final_issued) {
      PlanIssue final_issue;
      final_issue.kind = IssueKind::kFinal;
      final_issue.version = current.meta.version;
      final_issue.issued = *current.meta.dates.final_issued;
      history.issues.push_back(final_issue);
    }
  }
  out.meta.dates.proposed_amendments_issued = notice;
  for (const PlanIssue& issue : history.issues)
    if (issue.kind == IssueKind::kProposedAmendments && issue.issued == notice) return out;
  PlanIssue proposal;
  proposal.kind = IssueKind::kProposedAmendments;
  proposal.version = out.meta.version;
  proposal.issued = notice;
  history.issues.push_back(proposal);
  return out;
}

}  // namespace ehcp
