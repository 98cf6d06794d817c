import { useTranslation } from 'react-i18next'

const LABELS = { draft: 'status.draft', live: 'status.live', closed: 'status.closed' } as const

export function StatusBadge({ status, isDemo }: { status: keyof typeof LABELS; isDemo?: boolean }) {
  const { t } = useTranslation()
  return (
    <span className="badges">
      <span className={`badge badge--${status}`}>{t(LABELS[status])}</span>
      {isDemo ? <span className="badge badge--demo">{t('status.demo')}</span> : null}
    </span>
  )
}
