#pragma once

// How alike two pieces of advice are, for merging near-identical needs and provision.

#include <set>
#include <string>
#include <string_view>

namespace ehcp {

// The content words of `text`: lower-cased, split on anything that is not a letter or
// digit (bytes of non-ASCII letters count as letters), without numbers, the `stop_words`
// (function and quantity words: the assembly policy's, quality/assembly.xml) and the
// words in `extra_stop_words` (the child's names), with a plain English plural "s"
// removed ("checks" -> "check").
std::set<std::string> ContentWords(std::string_view text, const std::set<std::string>& stop_words,
                                   const std::set<std::string>& extra_stop_words = {});

// The overlap coefficient |A ∩ B| / min(|A|, |B|), in [0, 1]; 0 when either is empty.
// Not Jaccard: two advisers often describe the same provision at very different lengths,
// and Jaccard would score the short and the detailed version of one thing as unlike.
double WordOverlap(const std::set<std::string>& a, const std::set<std::string>& b);

}  // namespace ehcp
