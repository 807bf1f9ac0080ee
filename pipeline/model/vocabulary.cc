#include "model/vocabulary.h"

#include <array>

namespace ehcp {

#define EHCP_ENUM_TABLE(Type, ...)                             \
  template <>                                                  \
  std::span<const EnumEntry<Type>> EnumTable<Type>() {         \
    static constexpr EnumEntry<Type> kTable[] = {__VA_ARGS__}; \
    return kTable;                                             \
  }

EHCP_ENUM_TABLE(SectionId, {SectionId::kA, "A", "Views, interests and aspirations"},
                {SectionId::kB, "B", "Special educational needs"},
                {SectionId::kC, "C", "Health care needs"},
                {SectionId::kD, "D", "Social care needs"}, {SectionId::kE, "E", "Outcomes"},
                {SectionId::kF, "F", "Special educational provision"},
                {SectionId::kG, "G", "Health care provision"},
                {SectionId::kH1, "H1", "Social care provision (CSDPA 1970 s.2)"},
                {SectionId::kH2, "H2", "Other social care provision"},
                {SectionId::kI, "I", "Placement"}, {SectionId::kJ, "J", "Personal budget"},
                {SectionId::kK, "K", "Advice and information"})

EHCP_ENUM_TABLE(PlanStatus, {PlanStatus::kDraft, "draft", "Draft"},
                {PlanStatus::kFinal, "final", "Final"},
                {PlanStatus::kAmended, "amended", "Amended"})

EHCP_ENUM_TABLE(Agency, {Agency::kEducation, "education", "Education"},
                {Agency::kHealth, "health", "Health"},
                {Agency::kSocialCare, "social-care", "Social care"})

EHCP_ENUM_TABLE(Attribution, {Attribution::kChildOwnWords, "child-own-words", "In their own words"},
                {Attribution::kParentCarer, "parent-carer", "Parent or carer"},
                {Attribution::kWrittenOnBehalf, "written-on-behalf", "Written on their behalf"})

EHCP_ENUM_TABLE(ViewKind, {ViewKind::kHistory, "history", "History"},
                {ViewKind::kCommunication, "communication", "How I communicate"},
                {ViewKind::kViews, "views", "Views"},
                {ViewKind::kInterests, "interests", "Interests"},
                {ViewKind::kStrengths, "strengths", "Strengths"},
                {ViewKind::kAspirations, "aspirations", "Aspirations"})

EHCP_ENUM_TABLE(NeedArea,
                {NeedArea::kCommunicationInteraction, "communication-interaction",
                 "Communication and interaction"},
                {NeedArea::kCognitionLearning, "cognition-learning", "Cognition and learning"},
                {NeedArea::kSocialEmotionalMentalHealth, "social-emotional-mental-health",
                 "Social, emotional and mental health"},
                {NeedArea::kSensoryPhysical, "sensory-physical", "Sensory and/or physical"},
                {NeedArea::kIndependenceSelfCare, "independence-self-care",
                 "Independence and self-care"},
                {NeedArea::kHealth, "health", "Health"},
                {NeedArea::kSocialCare, "social-care", "Social care"})

EHCP_ENUM_TABLE(PfaDomain,
                {PfaDomain::kEmployment, "employment", "Employment and higher education"},
                {PfaDomain::kIndependentLiving, "independent-living", "Independent living"},
                {PfaDomain::kCommunityInclusion, "community-inclusion",
                 "Friends, relationships and community inclusion"},
                {PfaDomain::kHealth, "health", "Good health"})

EHCP_ENUM_TABLE(Period, {Period::kDay, "day", "day"}, {Period::kWeek, "week", "week"},
                {Period::kFortnight, "fortnight", "fortnight"}, {Period::kMonth, "month", "month"},
                {Period::kHalfTerm, "half-term", "half-term"}, {Period::kTerm, "term", "term"},
                {Period::kYear, "year", "year"})

EHCP_ENUM_TABLE(ProvisionKind, {ProvisionKind::kTeaching, "teaching", "Teaching"},
                {ProvisionKind::kAdultSupport, "adult-support", "Adult support"},
                {ProvisionKind::kSpecialistTeaching, "specialist-teaching", "Specialist teaching"},
                {ProvisionKind::kSpeechLanguageTherapy, "speech-language-therapy",
                 "Speech and language therapy"},
                {ProvisionKind::kOccupationalTherapy, "occupational-therapy",
                 "Occupational therapy"},
                {ProvisionKind::kPhysiotherapy, "physiotherapy", "Physiotherapy"},
                {ProvisionKind::kPsychology, "psychology", "Psychology"},
                {ProvisionKind::kEmotionalWellbeing, "emotional-wellbeing", "Emotional wellbeing"},
                {ProvisionKind::kEquipment, "equipment", "Equipment"},
                {ProvisionKind::kEnvironment, "environment", "Environment"},
                {ProvisionKind::kHealthCare, "health-care", "Health care"},
                {ProvisionKind::kNursing, "nursing", "Nursing"},
                {ProvisionKind::kShortBreaks, "short-breaks", "Short breaks"},
                {ProvisionKind::kPersonalCare, "personal-care", "Personal care"},
                {ProvisionKind::kTravel, "travel", "Travel"},
                {ProvisionKind::kFamilySupport, "family-support", "Family support"},
                {ProvisionKind::kPreparingForAdulthood, "preparing-for-adulthood",
                 "Preparing for adulthood"},
                {ProvisionKind::kOther, "other", "Other"})

EHCP_ENUM_TABLE(AdviceCategory,
                {AdviceCategory::kChildViews, "child-views", "Views of the child or young person"},
                {AdviceCategory::kParentViews, "parent-views", "Views of the parent or carer"},
                {AdviceCategory::kEducational, "educational", "Educational advice"},
                {AdviceCategory::kMedical, "medical", "Medical advice"},
                {AdviceCategory::kPsychological, "psychological", "Psychological advice"},
                {AdviceCategory::kSocialCare, "social-care", "Social care advice"},
                {AdviceCategory::kPreparingForAdulthood, "preparing-for-adulthood",
                 "Preparing for adulthood advice"},
                {AdviceCategory::kRequestedByFamily, "requested-by-family",
                 "Advice requested by the family"},
                {AdviceCategory::kOther, "other", "Other advice"})

EHCP_ENUM_TABLE(ContributorKind, {ContributorKind::kSchoolSenco, "school-senco", "School SENCO"},
                {ContributorKind::kEarlyYearsSetting, "early-years-setting", "Early years setting"},
                {ContributorKind::kEducationalPsychologist, "educational-psychologist",
                 "Educational psychologist"},
                {ContributorKind::kHealthProfessional, "health-professional",
                 "Health professional"},
                {ContributorKind::kSocialCare, "social-care", "Social care"},
                {ContributorKind::kParentCarer, "parent-carer", "Parent or carer"},
                {ContributorKind::kChildYoungPerson, "child-young-person", "Child or young person"},
                {ContributorKind::kOther, "other", "Other"})

EHCP_ENUM_TABLE(Attendance, {Attendance::kDay, "day", "Day"},
                {Attendance::kWeeklyResidential, "weekly-residential", "Weekly residential"},
                {Attendance::kTermlyResidential, "termly-residential", "Termly residential"},
                {Attendance::kResidential52Week, "residential-52-week", "52-week residential"},
                {Attendance::kPartTime, "part-time", "Part-time"})

EHCP_ENUM_TABLE(BudgetArrangement,
                {BudgetArrangement::kDirectPayment, "direct-payment", "Direct payment"},
                {BudgetArrangement::kNotional, "notional", "Notional budget held by the council"},
                {BudgetArrangement::kThirdParty, "third-party", "Third-party arrangement"},
                {BudgetArrangement::kCombination, "combination", "A combination of arrangements"})

EHCP_ENUM_TABLE(PhaseTransferKind, {PhaseTransferKind::kSchool, "school", "Starting school"},
                {PhaseTransferKind::kJunior, "junior", "Infant to junior"},
                {PhaseTransferKind::kSecondary, "secondary", "Primary to secondary"},
                {PhaseTransferKind::kPost16, "post-16", "Secondary to post-16"})

EHCP_ENUM_TABLE(IssueKind, {IssueKind::kDraft, "draft", "Draft plan"},
                {IssueKind::kFinal, "final", "Final plan"},
                {IssueKind::kProposedAmendments, "proposed-amendments", "Proposed amendments"},
                {IssueKind::kAmendedFinal, "amended-final", "Amended final plan"})

EHCP_ENUM_TABLE(ReviewDecision,
                {ReviewDecision::kMaintain, "maintain", "Maintain the plan as it is"},
                {ReviewDecision::kAmend, "amend", "Amend the plan"},
                {ReviewDecision::kCease, "cease", "Cease to maintain the plan"})

#undef EHCP_ENUM_TABLE

}  // namespace ehcp
