// A paged list page: rows, total, page and page size, loading, filters, load and reload. Only the
// latest request's answer is applied (an answer that arrives after a newer request started is
// dropped), and every failure is handled one way: the rows empty and the server's Chinese message
// (or the transport's 网络错误) is shown, except for 401, which the sign-in redirect handles.
// One instance per component; single-threaded like the page.
import { computed, onMounted, reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { items } from '../format'
import { t } from '../i18n'

// fetchPage(query) calls one function of src/api/<area>.js; query holds the current filters
// (when `filters` is given) and page / page_size. Options: pageSize (default 20), filters (initial
// values; reset() restores them), immediate (load when mounted, default true), paged (false for
// lists the server does not page: no page / page_size is sent).
export function usePagedList(fetchPage, { pageSize = 20, filters, immediate = true, paged = true } = {}) {
  const initial = filters ? { ...filters } : null
  const state = {
    rows: ref([]),
    total: ref(0),
    // The server counted up to `total` and stopped (a broad matter search): "1万+".
    totalCapped: ref(false),
    page: ref(1),
    pageSize: ref(pageSize),
    loading: ref(false),
    error: ref(''),
    // The whole last answer, for views that show more than its items (counts, summaries).
    data: ref(null),
    filters: reactive(filters ? { ...filters } : {}),
  }
  let latest = 0

  async function load() {
    const mine = ++latest
    state.loading.value = true
    try {
      const query = { ...state.filters }
      if (paged) Object.assign(query, { page: state.page.value, page_size: state.pageSize.value })
      const res = await fetchPage(query)
      if (mine !== latest) return undefined
      state.data.value = res
      state.rows.value = items(res)
      state.total.value = (res && res.total) ?? state.rows.value.length
      state.totalCapped.value = Boolean(res && res.total_capped)
      state.error.value = ''
      return res
    } catch (e) {
      if (mine !== latest) return undefined
      state.rows.value = []
      state.total.value = 0
      state.totalCapped.value = false
      state.data.value = null
      state.error.value = e.message
      if (e.status !== 401) ElMessage.error(e.message)
      return undefined
    } finally {
      if (mine === latest) state.loading.value = false
    }
  }

  // Back to the first page (after a filter or the page size changed).
  function reload() {
    state.page.value = 1
    return load()
  }

  function reset() {
    if (initial) Object.assign(state.filters, initial)
    return reload()
  }

  // The pager's total: "共 35 条", or "共 1万+ 条" / "共 1000+ 条" when the count was capped there.
  const totalText = computed(() => {
    const n = state.total.value
    if (!state.totalCapped.value) return t('common.totalRows').replace('{n}', String(n))
    return n === 10000 ? t('common.totalCapped') : t('common.totalAtLeast').replace('{n}', String(n))
  })

  if (immediate) onMounted(load)
  return { ...state, totalText, load, reload, reset }
}
