import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Two entry pages. index.html is the staff and resident app (Element Plus, ECharts); public.html
// is the small app of the pages residents open from a QR code, /p/<number> and /h/<card code>,
// which must load fast on a village phone: it imports neither library. The C++ server serves
// web/dist at "/", public.html for /p/* and /h/*, index.html for other client routes, and the
// .br/.gz siblings that scripts/compress.mjs writes after the build.
const page = (name) => fileURLToPath(new URL(name, import.meta.url))

// The dev server answers /p/* and /h/* with public.html as the C++ server does.
const publicPages = {
  name: 'minqing-public-pages',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (/^\/[ph]\/[^/]+/.test(req.url || '')) req.url = '/public.html'
      next()
    })
  },
}

export default defineConfig({
  base: '/',
  plugins: [vue(), publicPages],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: page('./index.html'), public: page('./public.html') },
      output: {
        // By package, so that Vue (which both apps use) stays out of the Element Plus chunk.
        manualChunks(id) {
          if (!id.includes('/node_modules/')) return undefined
          if (/\/node_modules\/(element-plus|@element-plus|@floating-ui|@popperjs|@ctrl|@vueuse|async-validator|dayjs|lodash|memoize-one|normalize-wheel-es)/.test(id)) return 'element-plus'
          if (/\/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts'
          if (/\/node_modules\/(@vue|vue)\//.test(id)) return 'vue'
          return undefined
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.MINQING_URL || 'http://127.0.0.1:8080' },
  },
})
