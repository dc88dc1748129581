// The stable codes of postings' roles and agreement item kinds (domain/posting.hpp) and their
// i18n keys, with each kind's default unit.
import { t } from '../../i18n'

export const POSTING_ROLES = [
  ['village_affairs_assistant', 'postings.roleVillageAffairsAssistant'],
  ['first_secretary', 'postings.roleFirstSecretary'],
  ['resident_team_member', 'postings.roleResidentTeamMember'],
  ['contact_cadre', 'postings.roleContactCadre'],
  ['campaign_team_member', 'postings.roleCampaignTeamMember'],
]

export const ITEM_KINDS = [
  ['visit_coverage', 'postings.kindVisitCoverage', '%'],
  ['consultations', 'postings.kindConsultations', '件'],
  ['errands_on_time', 'postings.kindErrandsOnTime', '件'],
  ['response_rate', 'postings.kindResponseRate', '%'],
  ['resolution_rate', 'postings.kindResolutionRate', '%'],
  ['satisfaction_rate', 'postings.kindSatisfactionRate', '%'],
  ['prosper_projects', 'postings.kindProsperProjects', '个'],
  ['meetings_attended', 'postings.kindMeetingsAttended', '次'],
  ['custom', 'postings.kindCustom', ''],
  ['window_rating', 'postings.kindWindowRating', '分'],
]

export const roleLabel = (code) => {
  const hit = POSTING_ROLES.find((r) => r[0] === code)
  return hit ? t(hit[1]) : code
}
export const kindUnit = (code) => (ITEM_KINDS.find((k) => k[0] === code) || [])[2] || ''
