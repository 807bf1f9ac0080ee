#include "pdf/pdf_metadata.h"

#include "pdfio/object_writer.h"

namespace ehcp::pdf {

pdfio::DocumentMetadata PlanMetadata(const doc::Document& document, int64_t epoch) {
  pdfio::DocumentMetadata metadata;
  metadata.title = document.title;
  metadata.author = document.author;
  metadata.subject = document.subject;
  metadata.keywords = document.keywords;
  if (!document.lang.empty()) metadata.lang = document.lang;
  metadata.epoch = epoch;
  metadata.pdfua = true;
  return metadata;
}

std::string BuildXmp(const doc::Document& document, int64_t epoch) {
  return pdfio::BuildXmp(PlanMetadata(document, epoch));
}

int WriteInfoDictionary(pdfio::ObjectWriter& writer, const pdfio::DocumentMetadata& metadata) {
  int info = writer.Allocate();
  pdfio::Value dict = pdfio::InfoDictionary(metadata);
  writer.WriteDict(info, [&](pdfio::DictWriter& d) {
    for (const auto& [key, value] : dict.dict) d.Put(key, value);
  });
  return info;
}

int WriteXmpStream(pdfio::ObjectWriter& writer, const pdfio::DocumentMetadata& metadata) {
  int xmp = writer.Allocate();
  std::string entries;
  pdfio::DictWriter::Entries(entries).Name("Type", "Metadata").Name("Subtype", "XML");
  // Unfiltered, so tools that scan for XMP packets find it.
  writer.WriteStream(xmp, entries, pdfio::BuildXmp(metadata));
  return xmp;
}

void AppendCatalogMetadata(pdfio::DictWriter& catalog, const pdfio::DocumentMetadata& metadata,
                           int xmp) {
  catalog.Ref("Metadata", xmp);
  catalog.Dict("MarkInfo").Bool("Marked", true);
  catalog.Text("Lang", metadata.lang);
  catalog.Dict("ViewerPreferences").Bool("DisplayDocTitle", true);
  catalog.Name("PageMode", "UseOutlines");
}

}  // namespace ehcp::pdf
