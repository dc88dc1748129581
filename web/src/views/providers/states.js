// The providers' states by unit id, for the dispatch and transfer choice of a matter: a
// suspended provider is shown disabled there (the server refuses it anyway: provider.suspended).
// Callers without providers.read get an empty map. Cached for the page's life.
import { can } from '../../auth'
import * as providersApi from '../../api/providers'

let cached = null
export function loadProviderStates(force = false) {
  if (!can('providers.read')) return Promise.resolve(new Map())
  if (!cached || force) {
    cached = providersApi
      .providers()
      .then((r) => new Map(r.items.map((p) => [p.unit_id, p])))
      .catch(() => {
        cached = null
        return new Map()
      })
  }
  return cached
}
