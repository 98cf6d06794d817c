// A cumulative line chart drawn on the server: plain SVG, no JavaScript. The plot stretches to
// its box (preserveAspectRatio="none", strokes that do not scale) while the axis labels are
// HTML at fixed fractions of the height, so they stay legible on a phone. The CSP forbids
// inline styles, so the SVG uses presentation attributes only.

const WIDTH = 1000
const HEIGHT = 300
const TICKS = 4 // gridlines above the baseline, at quarters of the scale

export interface ChartPoint {
  day: string
  /** A whole number as a decimal string (shares can pass 2^53). */
  value: string
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 })
const shortDay = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' })

export function formatShortDay(day: string): string {
  return shortDay.format(new Date(`${day}T00:00:00Z`))
}

/** The smallest round step (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 or 8 × 10ⁿ, whole) such that TICKS steps reach `max`. */
export function niceStep(max: bigint): bigint {
  if (max <= 0n) return 1n
  const raw = (max + BigInt(TICKS) - 1n) / BigInt(TICKS)
  let magnitude = 1n
  while (magnitude * 10n <= raw) magnitude *= 10n
  for (const tenths of [10n, 15n, 20n, 25n, 30n, 40n, 50n, 60n, 75n, 80n, 100n]) {
    const step = (magnitude * tenths) / 10n
    if ((magnitude * tenths) % 10n === 0n && step >= raw) return step
  }
  return magnitude * 10n
}

function plotPath(points: ChartPoint[], top: bigint): { line: string; area: string } {
  const y = (value: string) => HEIGHT - Number((BigInt(value) * BigInt(HEIGHT * 10)) / top) / 10
  const coords =
    points.length === 1
      ? [`0,${y(points[0]!.value)}`, `${WIDTH},${y(points[0]!.value)}`]
      : points.map((p, i) => `${((i * WIDTH) / (points.length - 1)).toFixed(1)},${y(p.value)}`)
  const line = `M${coords.join('L')}`
  return { line, area: `${line}L${WIDTH},${HEIGHT}L0,${HEIGHT}Z` }
}

export function SupportChart({
  id,
  title,
  description,
  points,
  color,
}: {
  id: string
  title: string
  description: string
  points: ChartPoint[]
  /** Stroke colour; at least 3:1 against white. */
  color: string
}) {
  const max = points.reduce((m, p) => (BigInt(p.value) > m ? BigInt(p.value) : m), 0n)
  const step = niceStep(max)
  const top = step * BigInt(TICKS)
  const { line, area } = plotPath(points, top)
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => i)
  const first = points[0]
  const last = points[points.length - 1]

  return (
    <div className="chart">
      <div className="chart__y" aria-hidden="true">
        {ticks.map((i) => (
          <span key={i} className={`chart__tick chart__tick--${i}`}>
            {compact.format(step * BigInt(i))}
          </span>
        ))}
      </div>
      <svg
        className="chart__plot"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        focusable="false"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((i) => (
          <line
            key={i}
            x1={0}
            x2={WIDTH}
            y1={HEIGHT - (HEIGHT * i) / TICKS}
            y2={HEIGHT - (HEIGHT * i) / TICKS}
            stroke={i === 0 ? '#8a8372' : '#e6e1d6'}
            strokeWidth={1}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        <path d={area} fill={color} fillOpacity={0.12} />
        <path d={line} fill="none" stroke={color} strokeWidth={2.5} strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
      </svg>
      <div className="chart__x" aria-hidden="true">
        {first ? <span>{formatShortDay(first.day)}</span> : null}
        {last && last !== first ? <span>{formatShortDay(last.day)}</span> : null}
      </div>
    </div>
  )
}
