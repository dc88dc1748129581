// The meeting kinds in display order (domain/meeting.hpp kMeetingKinds) and a blank meeting form.
export const KINDS = ['joint', 'on_site', 'heart_to_heart', 'courtyard', 'reception_day', 'party_rep_reception']
export const RECEPTION_KINDS = ['reception_day', 'party_rep_reception']

export function emptyMeeting(date) {
  return { kind: 'joint', title: '', date, start: '09:00', end: '10:00', place: '', region_id: null, host_unit_id: null, capacity: 0, state: 'planned', minutes: '', attendees: [] }
}

// The fields the API takes back from a meeting as it reads it.
export function meetingBody(m) {
  return {
    kind: m.kind, title: m.title, date: m.date, start: m.start, end: m.end, place: m.place,
    host_unit_id: m.host_unit_id ?? undefined, project_id: m.project_id ?? undefined,
    minutes: m.minutes, state: m.state,
    attendees: (m.attendees || []).map((a) => ({ kind: a.kind, unit_id: a.unit_id ?? undefined, resident_id: a.resident_id ?? undefined, name: a.name, organisation: a.organisation })),
  }
}
