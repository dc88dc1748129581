// A route of the main app for a page of the public app (public.html: /p/<number>, /h/<code>): a
// link or router.push inside the main app loads that page from the server instead of rendering
// it here, so the public pages have one implementation and the main app does not bundle them.
export function publicAppRoute(path, name) {
  return {
    path,
    name,
    meta: { public: true },
    component: { render: () => null },
    beforeEnter(to) {
      window.location.assign(to.fullPath)
      return false
    },
  }
}
