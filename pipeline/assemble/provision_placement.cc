#include "assemble/provision_placement.h"

namespace ehcp {

SectionId SectionForNeed(NeedArea area) {
  switch (area) {
    case NeedArea::kHealth: return SectionId::kC;
    case NeedArea::kSocialCare: return SectionId::kD;
    default: return SectionId::kB;
  }
}

namespace {

SectionId SectionForAgency(Agency agency, bool adult) {
  switch (agency) {
    case Agency::kEducation: return SectionId::kF;
    case Agency::kHealth: return SectionId::kG;
    case Agency::kSocialCare: return adult ? SectionId::kH2 : SectionId::kH1;
  }
  return SectionId::kF;
}

std::string AgencyWord(std::optional<Agency> agency) {
  return agency ? std::string(Token(*agency)) : std::string("none");
}

}  // namespace

ProvisionPlacement PlaceProvision(const ProvisionItem& item, std::optional<Agency> adviser_agency,
                                  bool adult) {
  ProvisionPlacement out;
  const std::optional<Agency> responsible = item.agency;
  const std::optional<Agency> agency = item.agency ? item.agency : adviser_agency;
  if (!item.kind) {
    out.section = agency ? SectionForAgency(*agency, adult) : SectionId::kF;
    out.uncertainty = "no kind of provision given; placed in " +
                      std::string(SectionLetter(out.section)) + " by its agency (" +
                      AgencyWord(agency) + ")";
    return out;
  }
  const ProvisionKind kind = *item.kind;
  const std::string kind_label(Label(kind));
  switch (kind) {
    // Therapy that educates or trains is special educational provision, whoever advised
    // or funds it (Children and Families Act 2014 s.21(5)).
    case ProvisionKind::kSpeechLanguageTherapy:
    case ProvisionKind::kOccupationalTherapy:
    case ProvisionKind::kPhysiotherapy:
      out.section = SectionId::kF;
      if (agency && *agency != Agency::kEducation)
        out.note =
            kind_label + " placed in F although advised by " + AgencyWord(agency) +
            ": therapy that educates or trains is special educational provision (CFA 2014 s.21(5))";
      return out;
    case ProvisionKind::kPsychology:
    case ProvisionKind::kEmotionalWellbeing:
      out.section = SectionId::kF;
      if (responsible && *responsible != Agency::kEducation)
        out.uncertainty =
            kind_label + " from " + AgencyWord(responsible) +
            " placed in F as a programme that teaches the child skills (CFA 2014 s.21(5)); "
            "if it is treatment rather than teaching, move it to G";
      return out;
    case ProvisionKind::kTeaching:
    case ProvisionKind::kAdultSupport:
    case ProvisionKind::kSpecialistTeaching:
    case ProvisionKind::kEnvironment:
      out.section = SectionId::kF;
      if (responsible && *responsible != Agency::kEducation)
        out.uncertainty = kind_label + " is education provision but its agency is " +
                          AgencyWord(responsible) + "; placed in F";
      return out;
    case ProvisionKind::kEquipment:
      // Home adaptations and equipment arranged by social care are CSDPA 1970 s.2 services.
      if (agency == Agency::kSocialCare) {
        out.section = adult ? SectionId::kH2 : SectionId::kH1;
        out.note = "equipment arranged by social care placed in " +
                   std::string(SectionLetter(out.section)) +
                   (adult ? "" : " (home adaptations and equipment: CSDPA 1970 s.2)");
      } else {
        out.section = agency == Agency::kHealth ? SectionId::kG : SectionId::kF;
      }
      return out;
    case ProvisionKind::kHealthCare:
    case ProvisionKind::kNursing:
      out.section = SectionId::kG;
      if (responsible && *responsible != Agency::kHealth)
        out.uncertainty = kind_label + " is health care provision but its agency is " +
                          AgencyWord(responsible) + "; placed in G";
      return out;
    case ProvisionKind::kShortBreaks:
    case ProvisionKind::kPersonalCare:
    case ProvisionKind::kTravel:
      // CSDPA 1970 s.2 services for disabled children; after 18 the Care Act 2014 applies.
      out.section = adult ? SectionId::kH2 : SectionId::kH1;
      if (adult) out.note = kind_label + " placed in H2: CSDPA 1970 s.2 applies to children only";
      if (responsible && *responsible != Agency::kSocialCare)
        out.uncertainty = kind_label + " is social care provision but its agency is " +
                          AgencyWord(responsible) + "; placed in " +
                          std::string(SectionLetter(out.section));
      return out;
    case ProvisionKind::kFamilySupport:
    case ProvisionKind::kPreparingForAdulthood:
      if (agency) {
        out.section =
            *agency == Agency::kSocialCare ? SectionId::kH2 : SectionForAgency(*agency, adult);
      } else {
        out.section = kind == ProvisionKind::kFamilySupport ? SectionId::kH2 : SectionId::kF;
        out.uncertainty = kind_label + " with no agency: placed in " +
                          std::string(SectionLetter(out.section)) +
                          "; say which agency is responsible";
      }
      return out;
    case ProvisionKind::kOther:
      out.section = agency ? SectionForAgency(*agency, adult) : SectionId::kF;
      if (out.section == SectionId::kH1) out.section = SectionId::kH2;  // s.2 needs a s.2 kind
      out.uncertainty = "kind \"other\": placed in " + std::string(SectionLetter(out.section)) +
                        " by its agency (" + AgencyWord(agency) + ")";
      return out;
  }
  return out;
}

}  // namespace ehcp
