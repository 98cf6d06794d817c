import { useEffect, useState } from 'react'
import type { ShareLinks as ShareLinksView } from '~/utils/sharing.server'
import { useLocale } from '~/i18n/use-locale'

// Sharing a campaign: plain links that open each network's own share page (nothing of theirs
// loads here), and the address to copy. The copy button needs JavaScript; without it the address
// is in a field of its own, ready to select.

const NETWORKS: Array<[keyof Omit<ShareLinksView, 'url'>, string]> = [
  ['email', 'Email'],
  ['mastodon', 'Mastodon'],
  ['bluesky', 'Bluesky'],
  ['linkedin', 'LinkedIn'],
  ['x', 'X'],
  ['whatsapp', 'WhatsApp'],
]

export function ShareLinks({ links, id, title }: { links: ShareLinksView; id: string; title: string }) {
  const [canCopy, setCanCopy] = useState(false)
  const [copied, setCopied] = useState(false)
  useEffect(() => setCanCopy(typeof navigator !== 'undefined' && Boolean(navigator.clipboard)), [])
  const { t } = useLocale()
  return (
    <div className="share">
      <h4 id={`${id}-heading`}>{t('me.share.heading')}</h4>
      <ul className="share__links" aria-labelledby={`${id}-heading`}>
        {NETWORKS.map(([key, label]) => (
          <li key={key}>
            <a href={links[key]} rel="noopener noreferrer" target={key === 'email' ? undefined : '_blank'}>
              {key === 'email' ? t('me.share.email') : label}
              <span className="visually-hidden"> ({t(key === 'email' ? 'me.share.shareTitle' : 'me.share.shareTitleNewTab', { title })})</span>
            </a>
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('me.share.yourLink')}</label>
        <div className="share__copy">
          <input id={`${id}-url`} type="text" readOnly value={links.url} onFocus={(event) => event.currentTarget.select()} />
          {canCopy ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                void navigator.clipboard.writeText(links.url).then(() => setCopied(true))
              }}
            >
              {t('me.share.copy')}
            </button>
          ) : null}
        </div>
        <p className="field-hint" role="status">
          {copied ? t('me.share.copied') : t('me.share.hint')}
        </p>
      </div>
    </div>
  )
}
