// A form in a dialog: open it for a new item or to edit one (or read what it edits from the
// server), a model, client-side checks, submit with a busy state, the server's problems shown on
// their fields (error.details) and as a message, then close and let the page reload. One instance
// per dialog; single-threaded like the page.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { fieldErrors } from '../api'
import { t } from '../i18n'

// Options:
//   blank(item)     the model for open(item); item is null for a new one.
//   load(item)      optional: reads the model from the server as the dialog opens (loading is
//                   true meanwhile; a failure shows as error and keeps blank(item)).
//   validate(form)  client-side checks: {field: message} (empty when fine).
//   save(form, item) calls src/api/<area>.js; its answer is handed to done().
//   done(answer, item) after a successful save (reload the list, go to the new page...).
//   success         i18n key of the message shown after saving ('common.saved'; '' for none).
export function useFormDialog({ blank = () => ({}), load, validate, save, done, success = 'common.saved' } = {}) {
  const visible = ref(false)
  const editing = ref(null)
  const form = ref(blank(null))
  const errors = ref({})
  const error = ref('')
  // The server's problems as it listed them ({field, code, message}), for forms that list them all.
  const details = ref([])
  const busy = ref(false)
  const loading = ref(false)

  async function open(item = null) {
    // @click="open" hands over the click event: that opens a new item.
    if (item instanceof Event) item = null
    editing.value = item
    form.value = blank(item)
    errors.value = {}
    error.value = ''
    details.value = []
    visible.value = true
    if (!load) return
    loading.value = true
    try {
      form.value = await load(item)
    } catch (e) {
      error.value = e.message
    } finally {
      loading.value = false
    }
  }

  function close() {
    visible.value = false
  }

  async function submit() {
    if (busy.value) return undefined
    errors.value = {}
    error.value = ''
    details.value = []
    const problems = validate ? validate(form.value, editing.value) || {} : {}
    if (Object.keys(problems).length) {
      errors.value = problems
      return undefined
    }
    busy.value = true
    try {
      const answer = await save(form.value, editing.value)
      visible.value = false
      if (success) ElMessage.success(t(typeof success === 'function' ? success(editing.value) : success))
      if (done) await done(answer, editing.value)
      return answer
    } catch (e) {
      errors.value = fieldErrors(e)
      error.value = e.message
      details.value = e.details || []
      return undefined
    } finally {
      busy.value = false
    }
  }

  return { visible, editing, form, errors, error, details, busy, loading, open, close, submit }
}
