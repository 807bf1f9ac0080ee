#pragma once

// The closed vocabularies of the plan model (section letters, need areas, periods, ...),
// each with the token the XML schema uses and an English label for reports and documents.

#include <optional>
#include <span>
#include <string_view>

namespace ehcp {

enum class SectionId { kA, kB, kC, kD, kE, kF, kG, kH1, kH2, kI, kJ, kK };
enum class PlanStatus { kDraft, kFinal, kAmended };
enum class Agency { kEducation, kHealth, kSocialCare };
enum class Attribution { kChildOwnWords, kParentCarer, kWrittenOnBehalf };
enum class ViewKind { kHistory, kCommunication, kViews, kInterests, kStrengths, kAspirations };
enum class NeedArea {
  kCommunicationInteraction,
  kCognitionLearning,
  kSocialEmotionalMentalHealth,
  kSensoryPhysical,
  kIndependenceSelfCare,
  kHealth,
  kSocialCare,
};
enum class PfaDomain { kEmployment, kIndependentLiving, kCommunityInclusion, kHealth };
enum class Period { kDay, kWeek, kFortnight, kMonth, kHalfTerm, kTerm, kYear };
enum class ProvisionKind {
  kTeaching,
  kAdultSupport,
  kSpecialistTeaching,
  kSpeechLanguageTherapy,
  kOccupationalTherapy,
  kPhysiotherapy,
  kPsychology,
  kEmotionalWellbeing,
  kEquipment,
  kEnvironment,
  kHealthCare,
  kNursing,
  kShortBreaks,
  kPersonalCare,
  kTravel,
  kFamilySupport,
  kPreparingForAdulthood,
  kOther,
};
enum class AdviceCategory {
  kChildViews,
  kParentViews,
  kEducational,
  kMedical,
  kPsychological,
  kSocialCare,
  kPreparingForAdulthood,
  kRequestedByFamily,
  kOther,
};
enum class ContributorKind {
  kSchoolSenco,
  kEarlyYearsSetting,
  kEducationalPsychologist,
  kHealthProfessional,
  kSocialCare,
  kParentCarer,
  kChildYoungPerson,
  kOther,
};
enum class Attendance {
  kDay,
  kWeeklyResidential,
  kTermlyResidential,
  kResidential52Week,
  kPartTime
};
enum class BudgetArrangement { kDirectPayment, kNotional, kThirdParty, kCombination };
enum class PhaseTransferKind { kSchool, kJunior, kSecondary, kPost16 };
enum class IssueKind { kDraft, kFinal, kProposedAmendments, kAmendedFinal };
enum class ReviewDecision { kMaintain, kAmend, kCease };

template <typename E>
struct EnumEntry {
  E value;
  std::string_view token;  // as in the XML schema: "speech-language-therapy"
  std::string_view label;  // for people: "Speech and language therapy"
};

// The table for each vocabulary; specialised in vocabulary.cc.
template <typename E>
std::span<const EnumEntry<E>> EnumTable();

template <typename E>
std::string_view Token(E value) {
  for (const auto& entry : EnumTable<E>()) {
    if (entry.value == value) return entry.token;
  }
  return {};
}

template <typename E>
std::string_view Label(E value) {
  for (const auto& entry : EnumTable<E>()) {
    if (entry.value == value) return entry.label;
  }
  return {};
}

template <typename E>
std::optional<E> ParseToken(std::string_view token) {
  for (const auto& entry : EnumTable<E>()) {
    if (entry.token == token) return entry.value;
  }
  return std::nullopt;
}

// "A", "B", ..., "H1", "H2", ..., "K".
inline std::string_view SectionLetter(SectionId id) {
  return Token(id);
}

}  // namespace ehcp
