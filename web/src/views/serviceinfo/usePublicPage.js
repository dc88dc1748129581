// Loads a public service-info page's data once, when the page mounts: `read()` returns it; a 404
// shows as the pages' common "not found" text, any other failure as its message.
import { ref, onMounted } from 'vue'
import { t } from '../../i18n'

export function usePublicPage(read) {
  const data = ref(null)
  const loading = ref(true)
  const error = ref('')
  onMounted(async () => {
    try {
      data.value = await read()
    } catch (e) {
      error.value = e.status === 404 ? t('serviceinfo.notFound') : e.message
    } finally {
      loading.value = false
    }
  })
  return { data, loading, error }
}
