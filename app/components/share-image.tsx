import { SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH, type ShareImageContent } from '~/utils/share-image-content'

// The share image (1200 × 630) that a link to a campaign unfurls into, laid out for satori: it
// understands a subset of CSS (flexbox; every element with more than one child says
// display: flex) and takes text as text, so a title can never become markup. Colours are the
// design tokens' (app/styles/tokens.css).

const color = {
  text: '#1b2430',
  muted: '#4a5463',
  page: '#f6f4ef',
  surface: '#ffffff',
  border: '#d9d4c7',
  brand: '#12324a',
  brandBorder: '#b8cadb',
  highlight: '#f4c95d',
  accent: '#0c5d63',
  accentSurface: '#e9f4f3',
}

/** Longer titles get smaller type and, at the smallest, a third line; past it they end in "…". */
function titleStyle(title: string): { fontSize: number; lines: number } {
  if (title.length <= 28) return { fontSize: 76, lines: 2 }
  if (title.length <= 56) return { fontSize: 62, lines: 2 }
  return { fontSize: 50, lines: 3 }
}

const label = { fontSize: 22, fontWeight: 700, color: color.muted, letterSpacing: 1.2, textTransform: 'uppercase' } as const

function Figure({ figure }: { figure: ShareImageContent['figure'] }) {
  if (figure.kind === 'none') {
    return <div style={{ display: 'flex', fontSize: 36, fontWeight: 600, color: color.brand, lineHeight: 1.25 }}>{figure.text}</div>
  }
  if (figure.kind === 'result') {
    return (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        <span style={{ fontSize: 84, fontWeight: 700, color: color.accent, lineHeight: 1 }}>{figure.percent}</span>
        <span style={{ fontSize: 32, fontWeight: 600, color: color.text }}>{figure.label}</span>
      </div>
    )
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 16 }}>
        {/* A count in the millions is set smaller, so that its label stays on one line beside it. */}
        <span style={{ fontSize: figure.people.length > 5 ? 64 : 84, fontWeight: 700, color: color.accent, lineHeight: 1 }}>{figure.people}</span>
        <span style={{ fontSize: 34, fontWeight: 600, color: color.text, whiteSpace: 'nowrap' }}>{figure.peopleLabel}</span>
      </div>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 12 }}>
        <span style={{ fontSize: 40, fontWeight: 700, color: color.brand }}>{figure.shares}</span>
        <span style={{ fontSize: 30, color: color.muted }}>{figure.sharesLabel}</span>
      </div>
    </div>
  )
}

export function ShareImage({ content, host }: { content: ShareImageContent; host: string }) {
  const title = titleStyle(content.title)
  return (
    <div
      style={{
        width: SHARE_IMAGE_WIDTH,
        height: SHARE_IMAGE_HEIGHT,
        display: 'flex',
        flexDirection: 'column',
        backgroundColor: color.page,
        color: color.text,
        fontFamily: 'Source Sans 3',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexShrink: 0, height: 92, padding: '0 64px', backgroundColor: color.brand }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
          <div
            style={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              width: 52,
              height: 52,
              borderRadius: 10,
              backgroundColor: color.highlight,
              color: color.brand,
              fontFamily: 'Source Serif 4',
              fontWeight: 700,
              fontSize: 34,
            }}
          >
            Q
          </div>
          <span style={{ fontSize: 36, fontWeight: 600, color: '#ffffff', letterSpacing: 0.5 }}>Quorum</span>
        </div>
        <div style={{ display: 'flex', alignItems: 'center', gap: 20 }}>
          {content.isDemo ? (
            <span style={{ fontSize: 22, fontWeight: 700, color: color.brand, backgroundColor: color.highlight, borderRadius: 999, padding: '4px 16px', letterSpacing: 1 }}>
              DEMO CAMPAIGN
            </span>
          ) : null}
          <span style={{ fontSize: 26, color: color.brandBorder }}>{host}</span>
        </div>
      </div>

      <div style={{ display: 'flex', flexDirection: 'column', flexGrow: 1, flexShrink: 1, minHeight: 0, overflow: 'hidden', padding: '34px 64px 0' }}>
        <div
          style={{
            display: 'block',
            flexShrink: 0,
            fontSize: 24,
            fontWeight: 600,
            color: color.muted,
            letterSpacing: 1.5,
            textTransform: 'uppercase',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        >
          {content.eyebrow}
        </div>
        <div
          style={{
            display: 'block',
            marginTop: 10,
            fontFamily: 'Source Serif 4',
            fontWeight: 700,
            fontSize: title.fontSize,
            lineHeight: 1.1,
            color: color.brand,
            letterSpacing: -0.5,
            lineClamp: title.lines,
          }}
        >
          {content.title}
        </div>
      </div>

      <div style={{ display: 'flex', flexShrink: 0, alignItems: 'flex-end', justifyContent: 'space-between', gap: 32, padding: '16px 64px 40px' }}>
        <div style={{ display: 'flex', flexDirection: 'column', flexShrink: 1, gap: 12 }}>
          <span style={label}>{content.figureLabel}</span>
          <Figure figure={content.figure} />
        </div>
        <div
          style={{
            display: 'flex',
            flexDirection: 'column',
            flexShrink: 0,
            minWidth: 400,
            padding: '20px 26px 24px',
            backgroundColor: color.surface,
            border: `2px solid ${color.border}`,
            borderRadius: 14,
          }}
        >
          <span style={label}>{content.keyDate.label}</span>
          <span style={{ marginTop: 6, fontSize: 29, fontWeight: 700, color: color.brand, lineHeight: 1.2, whiteSpace: 'nowrap' }}>{content.keyDate.date}</span>
          {content.keyDate.time ? <span style={{ fontSize: 28, color: color.text, lineHeight: 1.2 }}>{content.keyDate.time}</span> : null}
          <span
            style={{
              display: 'flex',
              alignSelf: 'flex-start',
              marginTop: 18,
              padding: '8px 20px',
              borderRadius: 10,
              backgroundColor: color.accent,
              color: '#ffffff',
              fontSize: 24,
              fontWeight: 700,
            }}
          >
            {content.action}
          </span>
        </div>
      </div>
      <div style={{ display: 'flex', flexShrink: 0, height: 12, backgroundColor: color.accent }} />
    </div>
  )
}
