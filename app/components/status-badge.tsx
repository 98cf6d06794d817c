const LABELS = { draft: 'Draft', live: 'Live', closed: 'Closed' } as const

export function StatusBadge({ status, isDemo }: { status: keyof typeof LABELS; isDemo?: boolean }) {
  return (
    <span className="badges">
      <span className={`badge badge--${status}`}>{LABELS[status]}</span>
      {isDemo ? <span className="badge badge--demo">Demo</span> : null}
    </span>
  )
}
