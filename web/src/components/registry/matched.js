// The member through whom a look-up found a household when it is not the head, as every look-up
// box shows it: "匹配：韩彩素（配偶）". Empty when the head matched, or the number or address.
import { t } from '../../i18n'

export function matchedText(household) {
  const m = household && household.matched_member
  if (!m || !m.name) return ''
  return `${t('registry.matchedBy')}${m.name}${m.relation ? `（${m.relation}）` : ''}`
}
