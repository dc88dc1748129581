// A countdown in whole seconds, such as the wait before the server takes another try (a 429's
// retry_after_seconds): left falls by one a second down to 0; start(seconds) begins it again. The
// timer stops with the component. One instance per component; single-threaded like the page.
import { onBeforeUnmount, ref } from 'vue'

export function useCountdown() {
  const left = ref(0)
  let timer = null

  function start(seconds) {
    left.value = seconds
    clearInterval(timer)
    timer = setInterval(() => {
      left.value = Math.max(0, left.value - 1)
      if (left.value === 0) clearInterval(timer)
    }, 1000)
  }
  onBeforeUnmount(() => clearInterval(timer))

  return { left, start }
}
