// A "获取验证码" button: checks the phone number, asks the server to text a code
// (POST /public/phone-codes with the purpose: signup, login or report), then counts down before
// another may be asked for (the server's retry_after, else 60 s; a 429's retry_after_seconds).
// No Element Plus here: the public card page uses it too. One instance per form; single-threaded
// like the page.
import { ref } from 'vue'
import { errorDetail } from '../api'
import { t } from '../i18n'
import { cleanPhone, isMobile } from '../phone'
import { useCountdown } from './useCountdown'
import * as authApi from '../api/auth'

export const RESEND_SECONDS = 60

// purpose: 'signup' | 'login' | 'report'; extra(): more fields of the request (the card code).
export function usePhoneCode(purpose, extra = () => ({})) {
  const { left, start } = useCountdown()
  const sending = ref(false)
  // "138****1234" once a code went out; '' before.
  const sentTo = ref('')
  // Minutes the code stays valid (expires_in), for the hint under the field.
  const validMinutes = ref(0)

  // Sends a code to `phone`; returns '' on success, else the message to show (the server's,
  // such as phone.not_resident's, in full).
  async function send(phone) {
    if (sending.value || left.value > 0) return ''
    const number = cleanPhone(phone)
    if (!isMobile(number)) return t('common.phoneInvalid')
    sending.value = true
    try {
      const res = (await authApi.phoneCode({ phone: number, purpose, ...extra() })) || {}
      sentTo.value = res.masked_phone || number
      validMinutes.value = res.expires_in ? Math.max(1, Math.round(res.expires_in / 60)) : 0
      start(res.retry_after > 0 ? res.retry_after : RESEND_SECONDS)
      return ''
    } catch (e) {
      if (e.status === 429) start(errorDetail(e, 'retry_after_seconds') || RESEND_SECONDS)
      return e.message
    } finally {
      sending.value = false
    }
  }

  // The "sent to …" line under the code field.
  function sentText() {
    if (!sentTo.value) return ''
    const base = t('accounts.codeSentTo').replace('{phone}', sentTo.value)
    return validMinutes.value ? `${base}${t('accounts.codeValidFor').replace('{n}', validMinutes.value)}` : base
  }

  // The button's caption: 获取验证码, or the seconds left.
  const label = () => (left.value > 0 ? t('accounts.resendIn').replace('{n}', left.value) : t('accounts.getCode'))

  return { left, sending, sentTo, send, sentText, label }
}
