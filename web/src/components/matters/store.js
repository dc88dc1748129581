// Cached look-ups shared by the matters views (categories, units).
import { ref } from 'vue'
import { api } from '../../api'
import { items } from '../../format'

let categories = null
// Bumped whenever the catalogue is loaded afresh (after an edit), so that pickers already on the
// page reload it.
export const categoriesVersion = ref(0)
let units = null
export function loadCategories(force = false) {
  if (!categories || force) {
    categories = api.get('/categories').then(items).catch((e) => { categories = null; throw e })
    if (force) categories.then(() => { categoriesVersion.value += 1 }, () => {})
  }
  return categories
}
// Every unit a matter can be dispatched or transferred to (a unit handler's /units shows only
// its own unit).
let handlingUnits = null
export function loadHandlingUnits(force = false) {
  if (!handlingUnits || force) handlingUnits = api.get('/matters/units').then(items).catch((e) => { handlingUnits = null; throw e })
  return handlingUnits
}

export function loadUnits(force = false) {
  if (!units || force) units = api.get('/units').then(items).catch((e) => { units = null; throw e })
  return units
}
