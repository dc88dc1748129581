import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import * as Icons from '@element-plus/icons-vue'
import App from './App.vue'
import router from './router'
import { setUnauthorizedHandler } from './api'
import { auth } from './auth'
import { loadCodes } from './codes'

setUnauthorizedHandler(() => {
  auth.user = null
  auth.permissions = []
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    router.push({ name: 'login', query: { redirect: current.fullPath } })
  }
})

const app = createApp(App)
for (const [name, comp] of Object.entries(Icons)) app.component(name, comp)
app.use(ElementPlus)
app.use(router)
// The code tables label the first view already.
loadCodes().then(() => app.mount('#app'))
