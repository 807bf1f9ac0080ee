#include "docx/word_package.h"

#include "docx/docx_properties.h"
#include "docx/docx_styles.h"

namespace ehcp::docx {

Package StartWordPackage(const doc::Document& properties, int64_t epoch_seconds, WordParts parts) {
  Relationships package_relationships;
  package_relationships.Add(relationship_type::kOfficeDocument, "word/document.xml");
  package_relationships.Add(relationship_type::kCoreProperties, "docProps/core.xml");
  package_relationships.Add(relationship_type::kExtendedProperties, "docProps/app.xml");

  Package package;
  package.AddPart("_rels/.rels", content_type::kRelationships, package_relationships.Xml());
  package.AddPart("docProps/core.xml", content_type::kCoreProperties,
                  CorePropertiesXml(properties, epoch_seconds));
  package.AddPart("docProps/app.xml", content_type::kExtendedProperties,
                  AppPropertiesXml(properties));
  package.AddPart("word/document.xml", content_type::kDocument, std::move(parts.document_xml));
  package.AddPart("word/_rels/document.xml.rels", content_type::kRelationships,
                  parts.document_relationships->Xml());
  package.AddPart("word/styles.xml", content_type::kStyles,
                  StylesXml(properties.lang, properties.layout));
  if (parts.numbering_xml)
    package.AddPart("word/numbering.xml", content_type::kNumbering,
                    std::move(*parts.numbering_xml));
  package.AddPart("word/settings.xml", content_type::kSettings, std::move(parts.settings_xml));
  return package;
}

}  // namespace ehcp::docx
