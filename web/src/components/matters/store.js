// Cached look-ups shared by the matters views (categories, units).
import { ref } from 'vue'
import { items } from '../../format'
import * as catalogueApi from '../../api/catalogue'
import * as mattersApi from '../../api/matters'
import * as registryApi from '../../api/registry'

let categories = null
// Bumped whenever the catalogue is loaded afresh (after an edit), so that pickers already on the
// page reload it.
export const categoriesVersion = ref(0)
let units = null
export function loadCategories(force = false) {
  if (!categories || force) {
    categories = catalogueApi.categories().then(items).catch((e) => { categories = null; throw e })
    if (force) categories.then(() => { categoriesVersion.value += 1 }, () => {})
  }
  return categories
}
// Every unit a matter can be dispatched or transferred to (a unit handler's /units shows only
// its own unit).
let handlingUnits = null
export function loadHandlingUnits(force = false) {
  if (!handlingUnits || force) handlingUnits = mattersApi.handlingUnits().then(items).catch((e) => { handlingUnits = null; throw e })
  return handlingUnits
}

export function loadUnits(force = false) {
  if (!units || force) units = registryApi.units().then(items).catch((e) => { units = null; throw e })
  return units
}
