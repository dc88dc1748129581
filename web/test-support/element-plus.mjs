// Stand-in for element-plus in unit tests: ElMessage records what would have been shown.
export const shown = []
const record = (kind) => (message) => shown.push({ kind, message })
export const ElMessage = Object.assign(record('info'), {
  error: record('error'),
  success: record('success'),
  warning: record('warning'),
})
