// Screen width for layouts that change on phones: `narrow` is true below 768 px (Element Plus's
// "sm" breakpoint) and follows the window as it is resized or turned.
import { ref } from 'vue'

const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(max-width: 767px)') : null

export const narrow = ref(query ? query.matches : false)

if (query) query.addEventListener('change', (e) => { narrow.value = e.matches })
