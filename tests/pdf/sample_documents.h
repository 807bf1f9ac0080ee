#pragma once

// Documents for the PDF writer's tests, built by hand so the writer can be tested on
// its own: a short one with every kind of block, and a realistic ~30-page plan with
// long provision tables that split across pages, lists, links, an Arabic name and a
// Polish name. (The sample plans under samples/ are rendered through the real plan
// document builder in pdf_samples_test.cc.)

#include "document/document.h"

namespace ehcp::testing {

doc::Document SmallDocument();
doc::Document LongPlanDocument();
// One page: a parent's views in Arabic (a paragraph of two lines with a lam-alef
// ligature in its last word) between English paragraphs, one with an Arabic name.
doc::Document ArabicViewsDocument();
// Many short key-value tables (row headers, no header row), as under each outcome, then
// one long table with no header row that must split across pages.
doc::Document ShortTablesDocument();
// Quotations only, of one to six lines, so some start or break at a page foot.
doc::Document QuotationsDocument();

}  // namespace ehcp::testing
