// The public base URL (对外网址) the server prints QR codes and links with, from its health answer
// (src/App.vue loads it once); empty until then, when links fall back to this page's origin.
import { ref } from 'vue'

export const publicBase = ref('')

// `path` ("/p/…", "/h/…") under the public base.
export function publicLink(path) {
  return `${publicBase.value || window.location.origin}${path}`
}
