// Labels of the SMS outbox's codes (message states, history outcomes, providers) and the tag type
// each state shows with; shared by the outbox page and the home page's SMS alerts.
import { t } from '../../i18n'

export const SMS_STATES = ['queued', 'sent', 'failed', 'delivered']

const STATE_KEYS = {
  queued: 'messages.stateQueued',
  sent: 'messages.stateSent',
  failed: 'messages.stateFailed',
  delivered: 'messages.stateDelivered',
}
const STATE_TAGS = { queued: 'info', sent: 'primary', failed: 'danger', delivered: 'success' }

const OUTCOME_KEYS = {
  queued: 'messages.outcomeQueued',
  sent: 'messages.outcomeSent',
  retry: 'messages.outcomeRetry',
  rejected: 'messages.outcomeRejected',
  failed: 'messages.outcomeFailed',
  delivered: 'messages.outcomeDelivered',
  requeued: 'messages.outcomeRequeued',
}
const OUTCOME_TYPES = { queued: 'info', sent: 'primary', retry: 'warning', rejected: 'danger', failed: 'danger', delivered: 'success', requeued: 'info' }

const PROVIDER_KEYS = {
  tencent: 'messages.providerTencent',
  alibaba: 'messages.providerAlibaba',
  webhook: 'messages.providerWebhook',
  dev: 'messages.providerDev',
}

export const stateLabel = (s) => (STATE_KEYS[s] ? t(STATE_KEYS[s]) : s || '')
export const stateTag = (s) => STATE_TAGS[s] || 'info'
export const outcomeLabel = (o) => (OUTCOME_KEYS[o] ? t(OUTCOME_KEYS[o]) : o || '')
export const outcomeType = (o) => OUTCOME_TYPES[o] || 'info'
// The provider's name; '' when none is configured (the page says 未配置短信通道 then).
export const providerLabel = (p) => (PROVIDER_KEYS[p] ? t(PROVIDER_KEYS[p]) : p || '')
// A kind's label in the current language: the server's Chinese label, else the code.
export const kindLabel = (row) => (row && (row.kind_label || row.label || row.kind)) || ''
