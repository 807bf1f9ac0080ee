#include "working_document/working_document.h"

#include <array>
#include <cstdio>
#include <string_view>

#include "model/vocabulary.h"
#include "plan_diff/word_diff.h"

namespace ehcp {
namespace {

// Paragraphs are compared as one text with this private-use character between them, so
// a party may move words across a paragraph break; it is taken out of the words first.
constexpr std::string_view kParagraphMark = "\xEE\x80\x80";  // U+E000

struct Style {
  bool underline = false;
  bool strike = false;
  bool bold = false;
  bool italic = false;
  bool operator==(const Style&) const = default;
};

// A word of the composed text: its style, and which proposal changed it (for footnotes).
struct Word {
  std::string text;
  bool space_before = false;
  Style style;
  std::string footnote;
};

std::string WithoutMark(std::string text) {
  for (size_t at; (at = text.find(kParagraphMark)) != std::string::npos;)
    text.replace(at, kParagraphMark.size(), " ");
  return text;
}

std::string Joined(const Prose& paragraphs) {
  std::string text;
  for (const auto& paragraph : paragraphs) {
    if (!text.empty()) text += " " + std::string(kParagraphMark) + " ";
    text += WithoutMark(paragraph.value);
  }
  return text;
}

// The tokens of a diff, each with its fate.
struct DiffToken {
  DiffOp op;
  WordToken token;
};

std::vector<DiffToken> Tokens(const WordDiff& diff) {
  std::vector<DiffToken> out;
  for (const auto& piece : diff.pieces) {
    std::vector<WordToken> tokens = Tokenize(piece.text);
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (i == 0) tokens[i].space_before = piece.space_before;
      out.push_back({piece.op, std::move(tokens[i])});
    }
  }
  return out;
}

// What one party's wording does to the base text (the agreed text, else the original):
// which base words it deletes and what it inserts before each base word (gap i is before
// base word i; gap n is at the end).
struct PartyChanges {
  std::vector<bool> deleted;
  std::vector<std::vector<WordToken>> inserted;
  bool any = false;
};

PartyChanges ChangesAgainst(const std::string& base, size_t base_words,
                            const std::string& proposed) {
  PartyChanges changes;
  changes.deleted.assign(base_words, false);
  changes.inserted.assign(base_words + 1, {});
  size_t at = 0;
  for (auto& [op, token] : Tokens(DiffWords(base, proposed))) {
    if (op == DiffOp::kInserted) {
      changes.inserted[at].push_back(std::move(token));
      changes.any = true;
    } else {
      if (op == DiffOp::kDeleted && at < base_words) {
        changes.deleted[at] = true;
        changes.any = true;
      }
      ++at;
    }
  }
  return changes;
}

const ProposedWording* WordingOf(const ItemProposal& proposal, Party party) {
  for (const auto& wording : proposal.wordings) {
    if (wording.party == party) return &wording;
  }
  return nullptr;
}

std::string_view PartyName(Party party) {
  switch (party) {
    case Party::kAgreed: return "agreed";
    case Party::kParent: return "parent's";
    case Party::kCouncil: return "local authority's";
  }
  return "";
}

std::string FootnoteFor(const ProposedWording& wording, const Proposals& proposals) {
  std::string note;
  switch (wording.party) {
    case Party::kAgreed: note = "Agreed change"; break;
    case Party::kParent: note = "Parent's proposed change"; break;
    case Party::kCouncil: note = "Local authority's proposed change"; break;
  }
  if (wording.evidence.empty()) return note + " (no evidence cited).";
  note += ": ";
  for (size_t i = 0; i < wording.evidence.size(); ++i) {
    if (i > 0) note += "; ";
    if (const EvidenceRef* evidence = proposals.FindEvidence(wording.evidence[i].id)) {
      note += EvidenceCitation(*evidence);
    }
  }
  return note + ".";
}

// A span of plain text (Span has members without default initializers, so no braces).
doc::Span PlainSpan(std::string text) {
  doc::Span span;
  span.text = std::move(text);
  return span;
}

// Groups words into spans of one style. A space between words of different styles is
// left unstyled, so no struck-through or underlined space stands for a change.
std::vector<doc::Paragraph> ToParagraphs(const std::vector<Word>& words) {
  std::vector<doc::Paragraph> paragraphs(1);
  const Word* previous = nullptr;
  for (const Word& word : words) {
    auto& spans = paragraphs.back().spans;
    if (word.text == kParagraphMark) {
      if (!spans.empty()) paragraphs.emplace_back();
      previous = nullptr;
      continue;
    }
    bool joins = previous != nullptr && previous->style == word.style && previous->footnote.empty();
    if (joins) {
      if (word.space_before) spans.back().text += ' ';
    } else {
      if (word.space_before && previous != nullptr) spans.push_back(PlainSpan(" "));
      doc::Span span;
      span.bold = word.style.bold;
      span.italic = word.style.italic;
      span.underline = word.style.underline;
      span.strike = word.style.strike;
      spans.push_back(std::move(span));
    }
    spans.back().text += word.text;
    spans.back().footnote = word.footnote;
    previous = &word;
  }
  if (paragraphs.back().spans.empty()) paragraphs.pop_back();
  return paragraphs;
}

std::string TwoDigits(int value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", value);
  return buffer;
}

}  // namespace

std::string EvidenceCitation(const EvidenceRef& evidence) {
  std::string citation = evidence.author + ", " + evidence.document + ", " +
                         TwoDigits(evidence.date.day) + "/" + TwoDigits(evidence.date.month) + "/" +
                         std::to_string(evidence.date.year);
  if (!evidence.page.empty()) citation += ", p." + evidence.page;
  if (!evidence.paragraph.empty()) citation += ", para. " + evidence.paragraph;
  return citation;
}

std::vector<doc::Paragraph> ComposeItem(const Prose& original, const ItemProposal& proposal,
                                        const Proposals& proposals, DiagnosticList& diagnostics) {
  const std::string original_text = Joined(original);
  std::vector<Word> words;      // everything shown, in order
  std::vector<size_t> base_at;  // index in `words` of each word of the base text
  std::string base_text = original_text;

  const ProposedWording* agreed = WordingOf(proposal, Party::kAgreed);
  if (agreed != nullptr) {
    base_text = Joined(agreed->paragraphs);
    for (auto& [op, token] : Tokens(DiffWords(original_text, base_text))) {
      Style style;
      style.underline = op != DiffOp::kSame;
      style.strike = op == DiffOp::kDeleted;
      if (op != DiffOp::kDeleted) base_at.push_back(words.size());
      words.push_back({std::move(token.text), token.space_before, style, {}});
    }
  } else {
    for (auto& token : Tokenize(original_text)) {
      base_at.push_back(words.size());
      words.push_back({std::move(token.text), token.space_before, Style{}, {}});
    }
  }

  // Each party's changes against the base; deletions restyle base words, insertions are
  // placed before the base word they precede (the parent's first, then the council's).
  std::array<Party, 2> parties{Party::kParent, Party::kCouncil};
  std::array<PartyChanges, 2> changes;
  std::array<const ProposedWording*, 2> wordings{};
  for (size_t p = 0; p < parties.size(); ++p) {
    wordings[p] = WordingOf(proposal, parties[p]);
    if (wordings[p] == nullptr) continue;
    changes[p] = ChangesAgainst(base_text, base_at.size(), Joined(wordings[p]->paragraphs));
    for (size_t i = 0; i < base_at.size(); ++i) {
      if (!changes[p].deleted[i]) continue;
      Style& style = words[base_at[i]].style;
      style.strike = true;
      (parties[p] == Party::kParent ? style.bold : style.italic) = true;
    }
  }

  std::vector<Word> shown;
  std::array<std::optional<size_t>, 2> last_change{};  // per party, in `shown`
  std::optional<size_t> last_agreed;
  auto insert_gap = [&](size_t gap) {
    for (size_t p = 0; p < parties.size(); ++p) {
      if (wordings[p] == nullptr) continue;
      for (auto& token : changes[p].inserted[gap]) {
        Style style;
        (parties[p] == Party::kParent ? style.bold : style.italic) = true;
        shown.push_back({token.text, token.space_before, style, {}});
        last_change[p] = shown.size() - 1;
      }
    }
  };
  size_t next_base = 0;
  for (size_t w = 0; w < words.size(); ++w) {
    if (next_base < base_at.size() && base_at[next_base] == w) {
      insert_gap(next_base);
      for (size_t p = 0; p < parties.size(); ++p) {
        if (wordings[p] != nullptr && changes[p].deleted[next_base]) last_change[p] = shown.size();
      }
      ++next_base;
    }
    if (words[w].style.underline) last_agreed = shown.size();
    shown.push_back(words[w]);
  }
  insert_gap(base_at.size());

  // Footnotes after each proposal's last change; a proposal that changes nothing has none.
  auto attach = [&](const ProposedWording& wording, std::optional<size_t> at, bool any) {
    if (!any || !at) {
      diagnostics.Warning(
          "wdoc.unchanged",
          "the " + std::string(PartyName(wording.party)) + " wording for " + proposal.item_id +
              " is the same as the plan's" +
              (wording.party == Party::kAgreed ? "" : " (after the agreed changes)") +
              "; it shows no change",
          wording.location);
      return;
    }
    std::string note = FootnoteFor(wording, proposals);
    std::string& footnote = shown[*at].footnote;
    footnote = footnote.empty() ? note : footnote + " " + note;
  };
  if (agreed != nullptr) attach(*agreed, last_agreed, last_agreed.has_value());
  for (size_t p = 0; p < parties.size(); ++p) {
    if (wordings[p] != nullptr) attach(*wordings[p], last_change[p], changes[p].any);
  }
  return ToParagraphs(shown);
}

namespace {

// One item of the plan as the working document shows it: a heading and its wording.
struct PlanItem {
  std::string id;
  std::string heading;
  Prose wording;
};

Prose OneParagraph(const Text& text) {
  return Prose{text};
}

// The items of one section, in plan order.
std::vector<PlanItem> ItemsOf(const Plan& plan, SectionId section) {
  std::vector<PlanItem> items;
  switch (section) {
    case SectionId::kA:
      for (const auto& view : plan.a.entries) items.push_back({view.id, view.id, view.text});
      break;
    case SectionId::kB:
    case SectionId::kC:
    case SectionId::kD:
      for (const auto& need : plan.Needs(section).needs) {
        items.push_back({need.id, need.id + ": " + need.title, need.description});
      }
      break;
    case SectionId::kE:
      for (const auto& outcome : plan.e.outcomes)
        items.push_back({outcome.id, outcome.id, OneParagraph(outcome.text)});
      break;
    case SectionId::kF:
    case SectionId::kG:
    case SectionId::kH1:
    case SectionId::kH2:
      for (const auto& item : plan.Provision(section).items) {
        std::string heading = item.id;
        if (item.kind) heading += ": " + std::string(Label(*item.kind));
        items.push_back({item.id, heading, OneParagraph(item.description)});
      }
      break;
    case SectionId::kI: {
      // Section I has no item ids: the section's wording is one item, "I".
      PlanItem placement{"I", "Section I", {}};
      for (const auto& place : plan.i.placements) {
        std::string line = place.name.empty() ? place.type : place.name + " (" + place.type + ")";
        placement.wording.push_back(Text{line, place.location, {}});
        if (place.note) placement.wording.push_back(*place.note);
      }
      if (plan.i.none) placement.wording.push_back(plan.i.none->text);
      items.push_back(std::move(placement));
      break;
    }
    default: break;
  }
  return items;
}

std::optional<SectionId> SectionOfItem(const Plan& plan, const std::string& id) {
  if (id == "I") return SectionId::kI;
  std::optional<SectionId> section = plan.SectionOf(id);
  if (!section) return std::nullopt;
  switch (*section) {
    case SectionId::kJ:
    case SectionId::kK: return std::nullopt;  // the budget and the advice list are not worded items
    default: return section;
  }
}

doc::Paragraph Line(std::string text, doc::ParagraphStyle style = doc::ParagraphStyle::kBody) {
  doc::Paragraph paragraph;
  paragraph.style = style;
  paragraph.spans.push_back(PlainSpan(std::move(text)));
  return paragraph;
}

doc::TableCell Cell(doc::Span span) {
  doc::TableCell cell;
  cell.paragraphs.emplace_back();
  cell.paragraphs.back().spans.push_back(std::move(span));
  return cell;
}

// The tribunal's key, as a table of how each kind of wording looks and what it means.
doc::Table KeyTable() {
  struct Row {
    std::string sample;
    Style style;
    std::string meaning;
  };
  const Row rows[] = {
      {"Original wording", {}, "The wording of the plan as it stands"},
      {"Agreed addition", {.underline = true}, "Wording both parties have agreed to add"},
      {"Agreed deletion",
       {.underline = true, .strike = true},
       "Wording both parties have agreed to remove"},
      {"Parent's addition", {.bold = true}, "Wording the parent proposes to add"},
      {"Parent's deletion",
       {.strike = true, .bold = true},
       "Wording the parent proposes to remove"},
      {"Local authority's addition",
       {.italic = true},
       "Wording the local authority proposes to add"},
      {"Local authority's deletion",
       {.strike = true, .italic = true},
       "Wording the local authority proposes to remove"},
  };
  doc::Table table;
  table.caption = "Key";
  table.description = "How the wording of each party is shown in this working document";
  table.header = {"Shown as", "Meaning"};
  table.column_widths = {2, 3};
  // No row headers: the docx writer bolds them, and the samples must show only their own style.
  table.row_headers = false;
  for (const Row& row : rows) {
    doc::Span sample = PlainSpan(row.sample);
    sample.bold = row.style.bold;
    sample.italic = row.style.italic;
    sample.underline = row.style.underline;
    sample.strike = row.style.strike;
    table.rows.push_back({Cell(std::move(sample)), Cell(PlainSpan(row.meaning))});
  }
  return table;
}

size_t CountWords(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

std::optional<WorkingDocument> BuildWorkingDocument(const Plan& plan, const Proposals& proposals,
                                                    const WorkingDocumentOptions& options,
                                                    DiagnosticList& diagnostics) {
  if (proposals.plan_id != plan.meta.plan_id) {
    diagnostics.Error("wdoc.plan",
                      "these proposals are for plan '" + proposals.plan_id +
                          "', but the plan given is '" + plan.meta.plan_id + "'",
                      proposals.location);
  }
  std::vector<bool> section_proposed(static_cast<size_t>(SectionId::kK) + 1, false);
  for (const auto& item : proposals.items) {
    std::optional<SectionId> section = SectionOfItem(plan, item.item_id);
    if (!section) {
      diagnostics.Error(
          "wdoc.unknown-item",
          "the plan has no item '" + item.item_id +
              "' to propose wording for (items of Sections A to H by id, or \"I\" for Section I)",
          item.location);
      continue;
    }
    section_proposed[static_cast<size_t>(*section)] = true;
  }
  if (diagnostics.HasErrors()) return std::nullopt;

  WorkingDocument result;
  doc::Document& document = result.document;
  const std::string child = plan.child.legal_name.Full();
  document.title = "Working document: " + child;
  document.subject = "Tribunal working document for EHC plan " + plan.meta.plan_id;
  document.author = plan.meta.local_authority.name;
  document.lang = plan.meta.lang;
  document.running_header =
      "Working document – " + child +
      (proposals.tribunal_reference.empty() ? "" : " – " + proposals.tribunal_reference);
  document.footer_left = plan.meta.local_authority.name;

  auto& blocks = document.blocks;
  blocks.push_back(Line("Working document", doc::ParagraphStyle::kTitle));
  blocks.push_back(Line(child, doc::ParagraphStyle::kSubtitle));
  if (!proposals.tribunal_reference.empty()) {
    blocks.push_back(
        Line("Tribunal reference " + proposals.tribunal_reference, doc::ParagraphStyle::kSubtitle));
  }
  blocks.push_back(Line("EHC plan " + plan.meta.plan_id + ", " + plan.meta.local_authority.name,
                        doc::ParagraphStyle::kSubtitle));
  blocks.push_back(
      Line("Version of " + proposals.date.ToLongEnglish(), doc::ParagraphStyle::kSubtitle));
  blocks.push_back(KeyTable());
  blocks.push_back(Line(
      "A word both parties propose to remove is bold, italic and struck through. Each proposed "
      "or agreed change has a footnote giving the evidence for it. This document has no tracked "
      "changes or comments.",
      doc::ParagraphStyle::kNote));
  blocks.push_back(doc::PageBreak{});

  for (SectionId section :
       {SectionId::kA, SectionId::kB, SectionId::kC, SectionId::kD, SectionId::kE, SectionId::kF,
        SectionId::kG, SectionId::kH1, SectionId::kH2, SectionId::kI}) {
    // B, E and F in full: a contents appeal is about them; others only when proposed.
    bool always = section == SectionId::kB || section == SectionId::kE || section == SectionId::kF;
    if (!always && !section_proposed[static_cast<size_t>(section)]) continue;
    std::string letter(SectionLetter(section));
    doc::Heading heading;
    heading.level = 1;
    heading.text = "Section " + letter + ": " + std::string(Label(section));
    heading.anchor = "section-" + doc::MakeAnchor(letter);
    blocks.push_back(std::move(heading));
    for (const PlanItem& item : ItemsOf(plan, section)) {
      if (section != SectionId::kI) {
        doc::Heading item_heading;
        item_heading.level = 2;
        item_heading.text = item.heading;
        item_heading.anchor = "item-" + doc::MakeAnchor(item.id);
        item_heading.in_contents = false;
        blocks.push_back(std::move(item_heading));
      }
      const ItemProposal* proposal = nullptr;
      for (const auto& candidate : proposals.items) {
        if (candidate.item_id == item.id) proposal = &candidate;
      }
      if (proposal == nullptr) {
        for (const auto& text : item.wording) blocks.push_back(Line(text.value));
        continue;
      }
      for (auto& paragraph : ComposeItem(item.wording, *proposal, proposals, diagnostics)) {
        blocks.push_back(std::move(paragraph));
      }
    }
  }

  result.estimated_pages = EstimatePages(document);
  if (options.page_limit > 0 && result.estimated_pages > options.page_limit) {
    diagnostics.Warning(
        "wdoc.pages",
        "the working document comes to about " + std::to_string(result.estimated_pages) +
            " pages; the tribunal's limit is " + std::to_string(options.page_limit) +
            " (quality/bundle-rules.xml). Shorten it, or show only the sections in dispute",
        proposals.location);
  }
  return result;
}

int EstimatePages(const doc::Document& document) {
  size_t words = 0;
  bool key_page = false;
  for (const doc::Block& block : document.blocks) {
    if (std::holds_alternative<doc::PageBreak>(block)) {
      if (!key_page) words = 0;  // the title and key fill the first page
      key_page = true;
    } else if (const auto* heading = std::get_if<doc::Heading>(&block)) {
      words += CountWords(heading->text) + 25;
    } else if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
      words += 12;
      for (const auto& span : paragraph->spans) {
        words += CountWords(span.text);
        if (!span.footnote.empty()) words += CountWords(span.footnote) + 15;
      }
    }
  }
  constexpr size_t kWordsPerPage = 550;
  return (key_page ? 1 : 0) + static_cast<int>((words + kWordsPerPage - 1) / kWordsPerPage);
}

}  // namespace ehcp
