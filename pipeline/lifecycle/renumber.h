#pragma once

// Closes the gaps that deleted items leave in a plan's ids before it is issued: F1, F3
// become F1, F2, in the order of their numbers, and every reference to a renumbered item
// (needs met, outcomes worked towards, Section J's links, advice cited as a source,
// accepted findings) follows it. A family reads "see F2" in a letter; a final plan with
// F1 and F3 but no F2 looks as if something was removed from it.

#include <string>
#include <vector>

#include "model/plan.h"

namespace ehcp {

struct IdChange {
  std::string from;
  std::string to;
};

// Renumbers each series of ids in `plan` (A, B, C, D, E, F, G, H1., H2., K) that has gaps,
// updates every reference, and returns the changes in plan order. Ids not of the series'
// form ("F2a") keep their id; a series whose new ids would clash with one of them is left
// as it is. Words in the plan's text that mention an id are not rewritten: the caller
// reports the changes so the officer can check them.
std::vector<IdChange> RenumberItems(Plan& plan);

}  // namespace ehcp
