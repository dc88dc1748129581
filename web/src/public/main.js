// The residents' pages behind the QR codes, served by the server as public.html for /p/* and /h/*:
// a small app of their own (Vue and the two pages, no Element Plus, no ECharts), so that a
// village phone on a slow network shows the page in a few seconds. The code tables label a few
// fields in English only; the pages render without waiting for them.
import { createApp } from 'vue'
import PublicApp from './PublicApp.vue'
import { loadCodes } from '../codes'

createApp(PublicApp).mount('#app')
loadCodes()
