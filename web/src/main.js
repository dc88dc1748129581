import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import * as Icons from '@element-plus/icons-vue'
import App from './App.vue'
import router from './router'
import { setUnauthorizedHandler } from './api'
import { expire, loginRoute } from './auth'
import { loadCodes } from './codes'

// Any 401 from a signed-in page: the session has expired; back to login, saying so.
setUnauthorizedHandler(() => {
  expire()
  const current = router.currentRoute.value
  if (current.name !== 'login') router.push(loginRoute(current.fullPath))
})

const app = createApp(App)
for (const [name, comp] of Object.entries(Icons)) app.component(name, comp)
app.use(ElementPlus)
app.use(router)
// The code tables label the first view already.
loadCodes().then(() => app.mount('#app'))
