#pragma once

// Internal to the bundle stage: evidence is copied into a bundle without its active
// content. A bundle is opened by the judge, the panel and both parties on their own
// machines, so nothing in it may run a script, launch a program, open or submit to
// another file, play media or carry a file of its own. What is kept is a whitelist (page
// entries, annotation types and entries, action types, web link schemes): anything not on
// it, including what later PDF versions add, is left out and reported. This is a safety
// property of every bundle rather than a council's choice, so the lists live here and not
// in quality/bundle-rules.xml.
//
// Removal happens at the copier (see pdf_output.h): removed objects are dropped before
// anything is copied, so they and whatever only they reach (an embedded file's stream, a
// script) are never written, and references to them from elsewhere (the structure tree,
// a popup) come out as null.

#include <string>
#include <vector>

#include "bundle/bundle_order.h"
#include "pdfio/copier.h"
#include "pdfio/value.h"

namespace ehcp {

// Call before any page of the document is copied by `copier` (after the page tree and
// catalog are redirected). Drops what is removed and makes owned, cleaned copies of the
// pages, annotations and bookmarks that keep the rest. A page or object with nothing to
// remove is left alone, so a document without active content is copied exactly as before.
// Returns what was removed, in the order first met.
std::vector<RemovedContent> StripActiveContent(pdfio::Copier& copier,
                                               const std::vector<pdfio::Value>& page_refs);

// Bookmarks looked at at one level of a document's outline; StripActiveContent cuts off
// those after, and the bundle writer links the outline root to the last one kept.
inline constexpr int kMaxOutlineSiblings = 100000;

// Whether an annotation of the source (resolved) is kept in the bundle: its /Subtype is on
// the whitelist. Annotations that are not dictionaries are left to the copy as they are.
bool KeepsAnnotation(const pdfio::Value& annotation);

// "page 2", "pages 1, 3 and 4" (for messages).
std::string DescribePages(const std::vector<int>& pages);

}  // namespace ehcp
