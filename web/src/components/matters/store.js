// Cached look-ups shared by the matters views (categories, units).
import { api } from '../../api'
import { items } from '../../format'

let categories = null
let units = null
export function loadCategories(force = false) {
  if (!categories || force) categories = api.get('/categories').then(items).catch((e) => { categories = null; throw e })
  return categories
}
export function loadUnits(force = false) {
  if (!units || force) units = api.get('/units').then(items).catch((e) => { units = null; throw e })
  return units
}
