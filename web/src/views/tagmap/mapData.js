// The map's compact answer (GET /api/v1/map) turned into ECharts data: typed arrays of (x, y)
// offsets in map units for the large scatter series, split by matter status; hotspot cells;
// region labels. Pure functions, shared with the unit tests and the draw benchmark.

// Stored matter status codes: 1-3 open, 4 replied, 5 closed.
const OPEN = new Set([1, 2, 3])

export function toSeries(d) {
  const hh = d.households.points
  const households = new Float32Array(hh.length)
  households.set(hh)
  const m = d.matters.points
  const parts = { open: [], replied: [], closed: [] }
  for (let i = 0; i < m.length; i += 4) {
    const s = m[i + 3]
    const part = OPEN.has(s) ? parts.open : s === 4 ? parts.replied : s === 5 ? parts.closed : null
    if (part) part.push(m[i], m[i + 1])
  }
  const cells = d.hotspots.cells
  const hotspots = []
  let hotspotMax = 1
  for (let i = 0; i < cells.length; i += 3) {
    hotspots.push([cells[i], cells[i + 1], cells[i + 2]])
    hotspotMax = Math.max(hotspotMax, cells[i + 2])
  }
  const labels = d.labels.map((l) => [l.x, l.y, l.name, l.level])
  const cell = d.hotspots.cell
  return {
    households,
    open: Float32Array.from(parts.open),
    replied: Float32Array.from(parts.replied),
    closed: Float32Array.from(parts.closed),
    hotspots,
    hotspotMax,
    labels,
    // The width in pixels of one hotspot cell on an axis of `width` pixels showing `x` = [min, max].
    cellPixels: (width, x) => Math.max(3, Math.round((cell / Math.max(1, x[1] - x[0])) * width)),
  }
}

// Axis ranges that keep the map's proportions in a box of `width` × `height` pixels: a degree of
// longitude is cos(latitude) of a degree of latitude.
export function fitRanges(d, width, height) {
  const [sx, sy] = d.span
  const lat = (d.origin[1] + sy / 2) / d.scale
  const k = Math.cos((lat * Math.PI) / 180) || 1
  const pad = 0.04
  let w = Math.max(sx, 100) * (1 + 2 * pad)
  let h = Math.max(sy, 100) * (1 + 2 * pad)
  const ratio = (Math.max(1, width) / Math.max(1, height))
  if ((w * k) / h > ratio) h = (w * k) / ratio
  else w = (h * ratio) / k
  const cx = sx / 2
  const cy = sy / 2
  return { x: [Math.round(cx - w / 2), Math.round(cx + w / 2)], y: [Math.round(cy - h / 2), Math.round(cy + h / 2)] }
}
