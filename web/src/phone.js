// Mainland mobile numbers as the server checks them (11 digits, 1[3-9]…): the forms check them
// before sending so a slip shows at once; the server remains the authority (phone.invalid).
const MOBILE = /^1[3-9]\d{9}$/

// The number as typed, without spaces and dashes people put in ("138 0013 8000").
export const cleanPhone = (s) => String(s ?? '').replace(/[\s-]/g, '')

export const isMobile = (s) => MOBILE.test(cleanPhone(s))

// What is wrong with a phone-and-code form before it is sent: an i18n key, or '' when nothing.
export function phoneCodeProblem(phone, code) {
  if (!isMobile(phone)) return 'common.phoneInvalid'
  if (!String(code ?? '').trim()) return 'accounts.codeFilled'
  return ''
}
