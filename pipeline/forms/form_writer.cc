#include "forms/form_writer.h"

#include "document/field_mark.h"
#include "docx/docx_package.h"
#include "docx/docx_properties.h"
#include "docx/docx_styles.h"
#include "docx/word_package.h"
#include "docx/xml_text.h"

namespace ehcp::forms {

doc::FieldMark FormKindMark(const std::string& kind) {
  return doc::FieldMark{kind, std::string(kFormMarkField), 0};
}

doc::FieldMark PromptMark(const FormPrompt& prompt) {
  switch (prompt.kind) {
    case PromptKind::kField: return {prompt.name, "formfield", 0};
    case PromptKind::kNeed: {
      // The area's place in the vocabulary: its token is too long for a bookmark name.
      int index = 0;
      for (const auto& entry : EnumTable<NeedArea>()) {
        if (entry.value == prompt.area) break;
        ++index;
      }
      return {"area" + std::to_string(index), "formneed", 0};
    }
    case PromptKind::kView: return {std::string(Token(prompt.view)), "formview", 0};
    case PromptKind::kTable: return {prompt.name, "formtable", 0};
  }
  return {};
}

namespace {

constexpr std::string_view kNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

class BodyWriter {
 public:
  void Paragraph(std::string_view style, std::string_view text, bool keep_with_next = false,
                 const doc::FieldMark* mark = nullptr) {
    out_ += "<w:p><w:pPr><w:pStyle w:val=\"";
    out_ += style;
    out_ += "\"/>";
    if (keep_with_next) out_ += "<w:keepNext/>";
    out_ += "</w:pPr>";
    if (mark != nullptr) Bookmark(*mark);
    Run(text);
    out_ += "</w:p>";
  }

  // A box to type into: a rich-text content control (several paragraphs allowed) holding
  // one empty, bordered paragraph that starts with the field's bookmark.
  void Box(const FormPrompt& prompt) {
    std::string name = doc::FieldMarkName(PromptMark(prompt));
    out_ += "<w:sdt><w:sdtPr><w:alias w:val=\"";
    docx::AppendXmlAttribute(out_, prompt.prompt.substr(0, 255));
    out_ += "\"/><w:tag w:val=\"" + name + "\"/><w:id w:val=\"" + std::to_string(++controls_) +
            "\"/></w:sdtPr><w:sdtContent><w:p>";
    AnswerProperties();
    Bookmark(PromptMark(prompt));
    out_ += "</w:p></w:sdtContent></w:sdt>";
  }

  void Table(const FormPrompt& table) {
    const int columns = static_cast<int>(table.columns.size());
    const int width = docx::kTextWidthTwips / std::max(columns, 1);
    out_ += "<w:tbl><w:tblPr><w:tblStyle w:val=\"";
    out_ += docx::style_id::kPlanTable;
    out_ += "\"/><w:tblW w:w=\"" + std::to_string(docx::kTextWidthTwips) +
            "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblCaption w:val=\"";
    docx::AppendXmlAttribute(out_, table.prompt.substr(0, 255));
    out_ += "\"/></w:tblPr><w:tblGrid>";
    for (int i = 0; i < columns; ++i) out_ += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
    out_ += "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
    doc::FieldMark mark = PromptMark(table);
    for (int i = 0; i < columns; ++i) {
      out_ +=
          "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>";
      Paragraph(docx::style_id::kTableHeading, table.columns[i].label, false,
                i == 0 ? &mark : nullptr);
      out_ += "</w:tc>";
    }
    // The row the writer copies: empty cells, nothing to delete before typing.
    out_ += "</w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (int i = 0; i < columns; ++i) {
      out_ += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) +
              "\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"";
      out_ += docx::style_id::kTableText;
      out_ += "\"/></w:pPr></w:p></w:tc>";
    }
    out_ += "</w:tr></w:tbl>";
  }

  std::string Finish() {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document ";
    xml += kNs;
    xml += "><w:body>" + out_;
    xml += "<w:sectPr><w:pgSz w:w=\"" + std::to_string(docx::kPageWidthTwips) + "\" w:h=\"" +
           std::to_string(docx::kPageHeightTwips) + "\"/><w:pgMar w:top=\"" +
           std::to_string(docx::kMarginTwips) + "\" w:right=\"" +
           std::to_string(docx::kMarginTwips) + "\" w:bottom=\"" +
           std::to_string(docx::kMarginTwips) + "\" w:left=\"" +
           std::to_string(docx::kMarginTwips) +
           "\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
    return xml;
  }

 private:
  void Run(std::string_view text) {
    if (text.empty()) return;
    out_ += "<w:r><w:t xml:space=\"preserve\">";
    docx::AppendXmlText(out_, text);
    out_ += "</w:t></w:r>";
  }

  void Bookmark(const doc::FieldMark& mark) {
    std::string id = std::to_string(++bookmarks_);
    out_ += "<w:bookmarkStart w:id=\"" + id + "\" w:name=\"" + doc::FieldMarkName(mark) +
            "\"/><w:bookmarkEnd w:id=\"" + id + "\"/>";
  }

  // A box's look: a border all round and room to write, so the empty box shows.
  void AnswerProperties() {
    out_ += "<w:pPr><w:pStyle w:val=\"";
    out_ += docx::style_id::kNormal;
    out_ +=
        "\"/><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"4\" w:color=\"505050\"/>"
        "<w:left w:val=\"single\" w:sz=\"6\" w:space=\"4\" w:color=\"505050\"/>"
        "<w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"4\" w:color=\"505050\"/>"
        "<w:right w:val=\"single\" w:sz=\"6\" w:space=\"4\" w:color=\"505050\"/></w:pBdr>"
        "<w:spacing w:before=\"120\" w:after=\"240\" w:line=\"360\" w:lineRule=\"auto\"/></w:pPr>";
  }

  std::string out_;
  int bookmarks_ = 0;
  int controls_ = 0;
};

}  // namespace

bool RenderFormDocx(const FormSpec& form, int64_t epoch_seconds, std::string& bytes,
                    DiagnosticList& diagnostics) {
  using namespace docx;
  BodyWriter body;
  doc::FieldMark kind = FormKindMark(form.kind);
  body.Paragraph(style_id::kTitle, form.title, false, &kind);
  for (const auto& intro : form.intro) body.Paragraph(style_id::kLead, intro);
  for (const auto& part : form.parts) {
    body.Paragraph(HeadingStyleId(1), part.title, true);
    if (!part.intro.empty()) body.Paragraph(style_id::kNormal, part.intro);
    for (const auto& prompt : part.prompts) {
      body.Paragraph(HeadingStyleId(2), prompt.prompt, true);
      if (!prompt.hint.empty()) body.Paragraph(style_id::kNote, prompt.hint, true);
      if (prompt.kind == PromptKind::kTable)
        body.Table(prompt);
      else
        body.Box(prompt);
    }
  }

  doc::Document properties;  // what the core properties and settings read
  properties.title = form.title;
  properties.subject = "Advice form for an EHC needs assessment";

  Relationships document_relationships;
  document_relationships.Add(relationship_type::kStyles, "styles.xml");
  document_relationships.Add(relationship_type::kSettings, "settings.xml");
  Package package = StartWordPackage(
      properties, epoch_seconds,
      {body.Finish(), &document_relationships, std::nullopt, SettingsXml(properties)});
  return package.WriteToMemory(bytes, epoch_seconds, form.title, diagnostics);
}

}  // namespace ehcp::forms
