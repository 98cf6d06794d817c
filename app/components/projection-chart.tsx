import type { Outcome } from '~/utils/projection'
import { ColumnHeads } from './column-heads'

// The projection drawn on the server as SVG (no script, no inline style: attributes only),
// with the same figures in a table beside it for screen readers and for copying.

export interface ChartRow {
  label: string
  low: Outcome
  central: Outcome
  high: Outcome
}

const WIDTH = 440
const LEFT = 92
const RIGHT = 20
const ROW = 44
const TOP = 34

const x = (percent: string | number) => LEFT + ((WIDTH - LEFT - RIGHT) * Math.min(100, Math.max(0, Number(percent)))) / 100

export function ProjectionChart({ rows, thresholdPercent }: { rows: ChartRow[]; thresholdPercent: number }) {
  const height = TOP + rows.length * ROW + 26
  const lines = [
    { percent: thresholdPercent, label: `${thresholdPercent}% to file again` },
    { percent: 50, label: '50% majority' },
  ]
  return (
    <figure className="projection-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="projection-chart-title projection-chart-desc" className="projection-chart__svg">
        <title id="projection-chart-title">Projected support, with its low–high range, against the thresholds</title>
        <desc id="projection-chart-desc">
          {rows.map((r) => `${r.label}: ${r.central.percent}% for (range ${r.low.percent}% to ${r.high.percent}%).`).join(' ')} Thresholds: {thresholdPercent}% and 50%.
        </desc>
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={TOP - 6} y2={TOP + rows.length * ROW} stroke="#dfe5ea" strokeWidth={1} />
            <text x={x(tick)} y={height - 8} textAnchor="middle" fontSize={13} fill="#4b5b68">
              {tick}%
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = TOP + i * ROW
          return (
            <g key={r.label}>
              <text x={LEFT - 10} y={y + ROW / 2 + 4} textAnchor="end" fontSize={14} fill="#1d2a33">
                {r.label}
              </text>
              <rect x={x(0)} y={y + 12} width={x(100) - x(0)} height={ROW - 24} fill="#eef2f5" />
              <rect x={x(r.low.percent)} y={y + 12} width={Math.max(2, x(r.high.percent) - x(r.low.percent))} height={ROW - 24} fill="#9cc9cc" />
              <rect x={x(r.central.percent) - 2} y={y + 6} width={4} height={ROW - 12} fill="#0c5d63" />
              <text x={x(r.central.percent) + 6} y={y + 10} fontSize={13} fill="#0c5d63">
                {r.central.percent}%
              </text>
            </g>
          )
        })}
        {lines.map((l) => (
          <g key={l.label}>
            <line x1={x(l.percent)} x2={x(l.percent)} y1={TOP - 8} y2={TOP + rows.length * ROW} stroke="#9a3412" strokeWidth={2} strokeDasharray="4 3" />
            <text x={x(l.percent)} y={TOP - 14} textAnchor={l.percent >= 50 ? 'start' : 'end'} dx={l.percent >= 50 ? 4 : -4} fontSize={13} fill="#9a3412">
              {l.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="visually-hidden">The table below gives the same figures.</figcaption>
    </figure>
  )
}

export function ProjectionTable({ rows, votesCast }: { rows: ChartRow[]; votesCast: string }) {
  const n = (value: string) => BigInt(value).toLocaleString('en-US')
  return (
    <div className="table-scroll" role="region" aria-labelledby="projection-table-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="projection-table-caption">The chart as a table: votes for out of {n(votesCast)} expected votes cast</caption>
        <ColumnHeads columns={['Projection', { heading: 'Low', className: 'num' }, { heading: 'Central', className: 'num' }, { heading: 'High', className: 'num' }]} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {[r.low, r.central, r.high].map((o, i) => (
                <td key={i} className="num">
                  {o.percent}%<span className="holder-table__meta">{n(o.votesFor)} for</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
