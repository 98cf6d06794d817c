import type { EmbedData } from '~/models/embed.server'
import { formatCount, formatPercent } from '~/utils/format'
import { headlineText } from '~/utils/public-figures'

// A shields-style badge: the campaign on the left, its headline figure on the right. Screen
// readers get the whole sentence from <title> (role="img"); the drawn text is hidden from them.

const HEIGHT = 20
const PADDING = 6
/** Average advance of an 11 px sans-serif character; textLength makes each text fit exactly. */
const CHARACTER_WIDTH = 6.5

function width(text: string): number {
  return Math.ceil(text.length * CHARACTER_WIDTH) + 2 * PADDING
}

export function badgeTexts(data: EmbedData) {
  const { campaign, progress, pledgedFor } = data
  const label = `${campaign.company.replace(/,? Inc\.?$/, '')}: ${campaign.title}`
  const value = progress.kind === 'result' ? `${formatPercent(progress.supportPercent)} for in ${progress.year}` : `${formatCount(pledgedFor.people)} pledged for`
  const title =
    progress.kind === 'result'
      ? `${campaign.title} (${campaign.company}, ${campaign.agmYear}): ${formatPercent(progress.supportPercent)} of votes cast were for the proposal.`
      : `${campaign.title} (${campaign.company}, ${campaign.agmYear}): ${headlineText(pledgedFor)}.`
  return { label, value, title }
}

export function CampaignBadge({ data }: { data: EmbedData }) {
  const { label, value, title } = badgeTexts(data)
  const left = width(label)
  const right = width(value)
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={left + right} height={HEIGHT} viewBox={`0 0 ${left + right} ${HEIGHT}`} role="img" aria-labelledby="badge-title">
      <title id="badge-title">{title}</title>
      <g aria-hidden="true">
        <rect width={left} height={HEIGHT} rx={3} fill="#12324a" />
        <rect x={left - 3} width={right + 3} height={HEIGHT} rx={3} fill="#0c5d63" />
        <rect x={left - 3} width={3} height={HEIGHT} fill="#0c5d63" />
        <g fill="#ffffff" fontFamily="Verdana, DejaVu Sans, sans-serif" fontSize={11}>
          <text x={PADDING} y={14} textLength={left - 2 * PADDING} lengthAdjust="spacingAndGlyphs">
            {label}
          </text>
          <text x={left + PADDING} y={14} textLength={right - 2 * PADDING} lengthAdjust="spacingAndGlyphs">
            {value}
          </text>
        </g>
      </g>
    </svg>
  )
}
