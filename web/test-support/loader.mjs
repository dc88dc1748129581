// Module hooks for the web's unit tests under plain node: the sources import siblings without the
// ".js" extension (Vite resolves them), and element-plus's toast is replaced by a recorder
// (element-plus.mjs beside this file) so a test can read the messages a composable showed.
const recorder = new URL('./element-plus.mjs', import.meta.url).href

export async function resolve(specifier, context, next) {
  if (specifier === 'element-plus') return { url: recorder, shortCircuit: true }
  if (specifier.startsWith('.') && !/\.[cm]?js$/.test(specifier) && context.parentURL?.includes('/src/')) {
    try {
      return await next(`${specifier}.js`, context)
    } catch {
      return next(specifier, context)
    }
  }
  return next(specifier, context)
}
