// Routes and menu entries of the registry screens (households, regions, party, units, accounts,
// audit log); spread into src/router.js and src/components/Layout.vue. `perm` names the
// permission a page needs (any of, when a list); `unless` hides it from the holders of a
// permission that has its own page instead (party members use the phone view).
import Households from './Households.vue'
import Household from './Household.vue'

const Regions = () => import('./Regions.vue')
const Party = () => import('./Party.vue')
const Units = () => import('./Units.vue')
const Users = () => import('./Users.vue')
const Audit = () => import('./Audit.vue')

const ACCESS = {
  households: { perm: 'registry.read' },
  regions: { perm: 'registry.browse', unless: 'member.duties' },
  party: { perm: 'party.read' },
  units: { perm: 'units.read' },
  users: { perm: 'users.manage' },
  audit: { perm: 'audit.read' },
}

export const registryChildren = [
  { path: 'households', name: 'households', component: Households, meta: ACCESS.households },
  { path: 'households/:id', name: 'household', component: Household, meta: ACCESS.households },
  { path: 'regions', name: 'regions', component: Regions, meta: ACCESS.regions },
  { path: 'party', name: 'party', component: Party, meta: ACCESS.party },
  { path: 'units', name: 'units', component: Units, meta: ACCESS.units },
  { path: 'users', name: 'users', component: Users, meta: ACCESS.users },
  { path: 'audit', name: 'audit', component: Audit, meta: ACCESS.audit },
]

export const registryNav = [
  { path: '/households', name: 'households', label: 'registry.navHouseholds', icon: 'House', ...ACCESS.households },
  { path: '/regions', name: 'regions', label: 'registry.navRegions', icon: 'Location', ...ACCESS.regions },
  { path: '/party', name: 'party', label: 'registry.navParty', icon: 'Flag', ...ACCESS.party },
  { path: '/units', name: 'units', label: 'registry.navUnits', icon: 'OfficeBuilding', ...ACCESS.units },
  { path: '/users', name: 'users', label: 'registry.navUsers', icon: 'UserFilled', ...ACCESS.users },
  { path: '/audit', name: 'audit', label: 'registry.navAudit', icon: 'Document', ...ACCESS.audit },
]
