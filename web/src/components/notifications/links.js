// Where a notification leads: its `link` is a path of this site (/matters/123, /households/45, or
// a public page such as /p/<number>); anything else is not followed.
export function isSitePath(link) {
  return typeof link === 'string' && link.startsWith('/') && !link.startsWith('//')
}

export function openLink(router, link) {
  if (isSitePath(link)) router.push(link)
}

// The i18n key of a notification's object type (matter, household, notice, appointment, member).
const OBJECT_TYPES = {
  matter: 'messages.objMatter',
  household: 'messages.objHousehold',
  notice: 'messages.objNotice',
  appointment: 'messages.objAppointment',
  member: 'messages.objMember',
}
export const objectTypeKey = (type) => OBJECT_TYPES[type] || ''
