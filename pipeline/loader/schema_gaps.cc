#include "loader/schema_gaps.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <tuple>

namespace ehcp {
namespace {

struct SectionElement {
  std::string_view element;
  std::string_view letter;
  // Children that count as the section saying something (a "none" statement included).
  std::array<std::string_view, 3> content;
};

constexpr std::array<SectionElement, 12> kSections{{
    {"sectionA", "A", {"entry", "gathered", ""}},
    {"sectionB", "B", {"need", "", ""}},
    {"sectionC", "C", {"need", "none", ""}},
    {"sectionD", "D", {"need", "none", ""}},
    {"sectionE", "E", {"outcome", "", ""}},
    {"sectionF", "F", {"provision", "", ""}},
    {"sectionG", "G", {"provision", "none", ""}},
    {"sectionH1", "H1", {"provision", "none", ""}},
    {"sectionH2", "H2", {"provision", "none", ""}},
    {"sectionI", "I", {"placement", "none", ""}},
    {"sectionJ", "J", {"personalBudget", "none", ""}},
    {"sectionK", "K", {"advice", "", ""}},
}};

const SectionElement* SectionNamed(std::string_view element) {
  for (const auto& s : kSections)
    if (s.element == element) return &s;
  return nullptr;
}

// Plain nouns for the elements a reviewer meets; anything else is named as written.
std::string Noun(std::string_view element) {
  static constexpr std::pair<std::string_view, std::string_view> kNouns[] = {
      {"entry", "view"},
      {"need", "need"},
      {"outcome", "outcome"},
      {"provision", "provision"},
      {"advice", "advice"},
      {"placement", "the placement"},
      {"personalBudget", "the personal budget"},
      {"meta", "the plan's details"},
      {"dates", "the plan's dates"},
      {"officer", "the officer's details"},
      {"localAuthority", "the council's details"},
      {"child", "the child's details"},
      {"legalName", "the child's legal name"},
      {"yearGroup", "the child's year group"},
      {"family", "the family's details"},
      {"parentCarer", "a parent or carer"},
      {"signOff", "the sign-off"},
      {"history", "the plan's history"},
      {"issue", "an issue in the plan's history"},
      {"annualReview", "an annual review in the plan's history"},
      {"deliveredBy", "who delivers it"},
      {"frequency", "how often"},
      {"duration", "how long"},
      {"staffing", "the staffing"},
      {"timeframe", "the timeframe"},
      {"responsible", "the responsible agency"},
  };
  for (const auto& [name, noun] : kNouns)
    if (name == element) return std::string(noun);
  return "<" + std::string(element) + ">";
}

// The elements from the root down to the one a path names ("/plan/sectionI/placement[2]").
std::vector<const XmlElement*> Resolve(const XmlElement& root, std::string_view path) {
  std::vector<const XmlElement*> chain;
  if (path.empty() || path.front() != '/') return chain;
  const XmlElement* at = nullptr;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view step = path.substr(pos, end - pos);
    int index = 1;
    if (auto bracket = step.find('['); bracket != std::string_view::npos) {
      index = std::max(1, std::atoi(std::string(step.substr(bracket + 1)).c_str()));
      step = step.substr(0, bracket);
    }
    const XmlElement* next = nullptr;
    if (at == nullptr) {
      if (root.name == step) next = &root;
    } else {
      int seen = 0;
      for (const auto& child : at->children)
        if (child.name == step && ++seen == index) {
          next = &child;
          break;
        }
    }
    if (next == nullptr) break;
    chain.push_back(next);
    at = next;
    pos = end + 1;
  }
  return chain;
}

// The quoted piece after `marker` in a libxml2 message: "attribute 'per'" -> "per".
std::string Quoted(std::string_view message, std::string_view marker) {
  auto at = message.find(marker);
  if (at == std::string_view::npos) return {};
  auto start = message.find('\'', at + marker.size());
  if (start == std::string_view::npos) return {};
  auto end = message.find('\'', start + 1);
  if (end == std::string_view::npos) return {};
  return std::string(message.substr(start + 1, end - start - 1));
}

// Names in "Expected is ( a )" or "Expected is one of ( a, b )", optional openers left out.
std::vector<std::string> ExpectedNames(std::string_view message) {
  std::vector<std::string> names;
  auto open = message.find("Expected is");
  if (open == std::string_view::npos) return names;
  open = message.find('(', open);
  auto close = message.find(')', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return names;
  std::string_view list = message.substr(open + 1, close - open - 1);
  size_t pos = 0;
  while (pos < list.size()) {
    size_t comma = list.find(',', pos);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view name = list.substr(pos, comma - pos);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty() && name != "intro" && name != "strengths") names.emplace_back(name);
    pos = comma + 1;
  }
  return names;
}

class GapFinder {
 public:
  explicit GapFinder(const XmlElement& root) : root_(root) {}

  void FindSectionGaps() {
    for (size_t i = 0; i < kSections.size(); ++i) {
      const SectionElement& s = kSections[i];
      const XmlElement* element = root_.Child(s.element);
      if (element == nullptr) {
        absent_.insert(std::string(s.element));
        StructureProblem p;
        p.kind = StructureProblemKind::kSectionMissing;
        p.section = std::string(s.letter);
        p.subject = "Section " + p.section;
        p.field = std::string(s.element);
        p.element_path = "/plan";
        p.location = WhereSectionBelongs(i);
        problems_.push_back(std::move(p));
        continue;
      }
      bool says_something =
          std::any_of(element->children.begin(), element->children.end(), [&](const XmlElement& c) {
            return std::find(s.content.begin(), s.content.end(), c.name) != s.content.end() &&
                   !c.name.empty();
          });
      if (!says_something) {
        absent_.insert(std::string(s.element));
        StructureProblem p;
        p.kind = StructureProblemKind::kSectionBlank;
        p.section = std::string(s.letter);
        p.subject = "Section " + p.section;
        p.field = std::string(s.element);
        p.element_path = "/plan/" + std::string(s.element);
        p.location = element->location;
        problems_.push_back(std::move(p));
      }
    }
  }

  void Describe(const Diagnostic& violation) {
    const std::string& message = violation.message;
    // Identity constraints are checked on the model instead, where one missing section
    // cannot turn every later reference into an error.
    if (message.find("key-sequence") != std::string::npos ||
        message.find("identity-constraint") != std::string::npos)
      return;
    std::vector<const XmlElement*> chain = Resolve(root_, violation.element_path);
    if (chain.empty()) chain.push_back(&root_);
    const XmlElement& element = *chain.back();
    std::string section = SectionOf(chain);
    // Inside a section already reported as missing or blank: that one finding says it.
    if (chain.size() >= 2 && absent_.count(chain[1]->name)) return;

    StructureProblem p;
    p.section = section;
    p.detail = message;
    p.element_path = violation.element_path;
    p.location = violation.location;
    p.item_id = ItemOf(chain);
    std::string attribute = Quoted(message, "attribute");
    std::vector<std::string> expected = ExpectedNames(message);

    if (message.find("Missing child element") != std::string::npos) {
      if (std::any_of(expected.begin(), expected.end(),
                      [&](const std::string& e) { return absent_.count(e); }))
        return;
      p.kind = StructureProblemKind::kFieldMissing;
      p.subject = Subject(chain, chain.size() - 1);
      p.field = expected.empty() ? std::string() : expected.front();
    } else if (message.find("is required but missing") != std::string::npos) {
      p.kind = StructureProblemKind::kFieldMissing;
      p.subject = Subject(chain, chain.size() - 1);
      p.field = attribute;
    } else if (message.find("This element is not expected") != std::string::npos) {
      if (std::any_of(expected.begin(), expected.end(),
                      [&](const std::string& e) { return absent_.count(e); }))
        return;
      // Usually a required element is missing just before this one: say that.
      const XmlElement* parent = chain.size() >= 2 ? chain[chain.size() - 2] : nullptr;
      if (parent && expected.size() == 1 && parent->Child(expected.front()) == nullptr) {
        chain.pop_back();
        p.kind = StructureProblemKind::kFieldMissing;
        p.subject = Subject(chain, chain.size() - 1);
        p.field = expected.front();
        p.element_path = violation.element_path.substr(0, violation.element_path.rfind('/'));
        p.item_id = ItemOf(chain);
        p.location = chain.back()->location;  // the element that lacks it
      } else {
        p.kind = StructureProblemKind::kUnexpected;
        p.subject = Subject(chain, chain.size() - 1);
        p.field = element.name;
      }
    } else if (message.find("length of '0'") != std::string::npos ||
               (message.find("The value '' ") != std::string::npos) ||
               message.find("is not a valid value of the atomic type 'NonEmptyText'") !=
                   std::string::npos ||
               message.find("is not a valid value of the atomic type 'ShortText'") !=
                   std::string::npos) {
      p.kind = StructureProblemKind::kFieldBlank;
      p.subject = Subject(chain, chain.size() - 1);
      p.field = attribute.empty() ? element.name : attribute;
    } else if (message.find("is not a valid value") != std::string::npos ||
               message.find("is not an element of the set") != std::string::npos ||
               message.find("is not accepted by the pattern") != std::string::npos ||
               message.find("[facet") != std::string::npos) {
      p.kind = StructureProblemKind::kValueInvalid;
      p.subject = Subject(chain, chain.size() - 1);
      p.field = attribute.empty() ? element.name : attribute;
      p.value = attribute.empty() ? element.text : element.AttributeOr(attribute);
    } else {
      p.kind = StructureProblemKind::kUnexpected;
      p.subject = Subject(chain, chain.size() - 1);
      p.field = attribute.empty() ? element.name : attribute;
    }
    // One problem per place and field: libxml2 often says the same thing twice (a facet,
    // then the type it belongs to).
    auto key = std::make_tuple(p.element_path, p.field);
    if (!seen_.insert(key).second) return;
    problems_.push_back(std::move(p));
  }

  std::vector<StructureProblem> Take() {
    std::stable_sort(problems_.begin(), problems_.end(),
                     [](const StructureProblem& a, const StructureProblem& b) {
                       return std::tie(a.location.line, a.location.column) <
                              std::tie(b.location.line, b.location.column);
                     });
    return std::move(problems_);
  }

 private:
  // Where a missing section would go: at the next section that is there, else the root.
  SourceLocation WhereSectionBelongs(size_t index) const {
    for (size_t j = index + 1; j < kSections.size(); ++j)
      if (const XmlElement* next = root_.Child(kSections[j].element)) return next->location;
    return root_.location;
  }

  static std::string SectionOf(const std::vector<const XmlElement*>& chain) {
    if (chain.size() < 2) return {};
    if (const SectionElement* s = SectionNamed(chain[1]->name)) return std::string(s->letter);
    const std::string& top = chain[1]->name;
    if (top == "meta" || top == "child") return top;
    if (top == "family") return "child";  // graded with the child's details
    return {};
  }

  static std::string ItemOf(const std::vector<const XmlElement*>& chain) {
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      if ((*it)->name == "plan") break;
      if (const std::string* id = (*it)->Attribute("id")) return *id;
    }
    return {};
  }

  // "view A3", "the placement in Section I", "how often (provision F2)".
  static std::string Subject(const std::vector<const XmlElement*>& chain, size_t at) {
    const XmlElement& e = *chain[at];
    if (const SectionElement* s = SectionNamed(e.name)) return "Section " + std::string(s->letter);
    if (const std::string* id = e.Attribute("id"); id && e.name != "plan")
      return Noun(e.name) + " " + *id;
    if (e.name == "plan") return "the plan";
    std::string noun = Noun(e.name);
    for (size_t up = at; up-- > 1;) {
      const XmlElement& ancestor = *chain[up];
      if (const std::string* id = ancestor.Attribute("id"))
        return noun + " (" + Noun(ancestor.name) + " " + *id + ")";
      if (const SectionElement* s = SectionNamed(ancestor.name))
        return noun + " in Section " + std::string(s->letter);
    }
    return noun;
  }

  const XmlElement& root_;
  std::set<std::string> absent_;  // section elements missing or blank
  std::set<std::tuple<std::string, std::string>> seen_;
  std::vector<StructureProblem> problems_;
};

}  // namespace

std::vector<StructureProblem> DescribePlanGaps(const XmlElement& plan_root,
                                               const DiagnosticList& schema_violations) {
  GapFinder finder(plan_root);
  finder.FindSectionGaps();
  for (const Diagnostic& violation : schema_violations) finder.Describe(violation);
  return finder.Take();
}

}  // namespace ehcp
