#include "forms/form_wording.h"

#include "loader/data_file.h"

namespace ehcp::forms {

const FormPrompt* FormSpec::Field(std::string_view name) const {
  for (const auto& part : parts)
    for (const auto& prompt : part.prompts)
      if (prompt.kind == PromptKind::kField && prompt.name == name) return &prompt;
  return nullptr;
}

const FormSpec* FormWording::Find(std::string_view kind) const {
  for (const auto& form : forms)
    if (form.kind == kind) return &form;
  return nullptr;
}

void RegisterFormSchema(SchemaRegistry& schemas) {
  schemas.Register("formWording", "ehcp-form-1.xsd");
}

std::filesystem::path FormWordingFile(const std::filesystem::path& templates) {
  return templates / "forms" / "forms.xml";
}

namespace {

FormPrompt ReadPrompt(const XmlElement& e) {
  FormPrompt p;
  p.prompt = e.ChildText("prompt");
  p.hint = e.ChildText("hint");
  if (e.name == "field") {
    p.kind = PromptKind::kField;
    p.name = e.AttributeOr("name");
    p.required = e.AttributeOr("required") == "true" || e.AttributeOr("required") == "1";
  } else if (e.name == "need") {
    p.kind = PromptKind::kNeed;
    // The schema has checked the tokens, so the fallbacks are never taken.
    p.area =
        ParseToken<NeedArea>(e.AttributeOr("area")).value_or(NeedArea::kCommunicationInteraction);
    p.short_name = e.AttributeOr("short");
  } else if (e.name == "view") {
    p.kind = PromptKind::kView;
    p.view = ParseToken<ViewKind>(e.AttributeOr("kind")).value_or(ViewKind::kViews);
  } else {
    p.kind = PromptKind::kTable;
    p.name = e.AttributeOr("name");
    for (const XmlElement* c : e.Children("column"))
      p.columns.push_back({c->AttributeOr("name"), c->text});
  }
  return p;
}

}  // namespace

std::optional<FormWording> LoadFormWording(const std::filesystem::path& path,
                                           const SchemaRegistry& schemas,
                                           DiagnosticList& diagnostics) {
  std::optional<XmlElement> root =
      ReadDataFile(path.string(), schemas, "formWording", "form.wording", diagnostics);
  if (!root) return std::nullopt;
  FormWording wording;
  for (const XmlElement* f : root->Children("form")) {
    FormSpec spec;
    spec.kind = f->AttributeOr("kind");
    spec.title = f->AttributeOr("title");
    spec.contribution_title = f->AttributeOr("contributionTitle");
    spec.category =
        ParseToken<AdviceCategory>(f->AttributeOr("category")).value_or(AdviceCategory::kOther);
    spec.contributor = ParseToken<ContributorKind>(f->AttributeOr("contributor"))
                           .value_or(ContributorKind::kOther);
    if (const std::string* agency = f->Attribute("agency"))
      spec.agency = ParseToken<Agency>(*agency);
    spec.attribution = ParseToken<Attribution>(f->AttributeOr("attribution"))
                           .value_or(Attribution::kWrittenOnBehalf);
    spec.role = f->AttributeOr("role");
    spec.gathered = f->AttributeOr("gathered");
    for (const XmlElement* i : f->Children("intro")) spec.intro.push_back(i->text);
    for (const XmlElement* p : f->Children("part")) {
      FormPart part;
      part.title = p->AttributeOr("title");
      part.intro = p->ChildText("intro");
      for (const XmlElement& child : p->children)
        if (child.name != "intro") part.prompts.push_back(ReadPrompt(child));
      spec.parts.push_back(std::move(part));
    }
    wording.forms.push_back(std::move(spec));
  }
  return wording;
}

}  // namespace ehcp::forms
