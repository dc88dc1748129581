// The question builder's rows (QuestionBuilder.vue) from the API's questions, and back.
let nextKey = 0

export function newQuestion(kind = 'single') {
  return { key: ++nextKey, kind, text: '', optionsText: '', required: true, max_picks: 0 }
}

export function questionsIn(questions) {
  return (questions || []).map((q) => ({
    ...newQuestion(q.kind),
    text: q.text,
    optionsText: (q.options || []).join('\n'),
    required: q.required,
    max_picks: q.max_picks || 0,
  }))
}

export function questionsOut(rows) {
  return rows.map((q) => {
    const choice = q.kind === 'single' || q.kind === 'multiple'
    return {
      kind: q.kind,
      text: q.text,
      options: choice ? q.optionsText.split('\n').map((s) => s.trim()).filter(Boolean) : [],
      required: q.required,
      max_picks: q.kind === 'multiple' ? q.max_picks || 0 : 0,
    }
  })
}
