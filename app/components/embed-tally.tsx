import type { EmbedData, ThresholdProgress } from '~/models/embed.server'
import { formatCount, formatPercent } from '~/utils/format'
import { FiguresHeadline } from './tally-panel'

// The embeddable tally: a page of its own, without the site's header or scripts, meant for an
// <iframe> on a partner's site. Its links open Quorum in a new tab, never inside the frame.

/** A bar as a native <progress>: its length is an attribute (the CSP forbids inline styles). */
function Bar({ id, value, max }: { id: string; value: number; max: number }) {
  return <progress className="progress" aria-labelledby={id} value={Math.min(value, max)} max={max} />
}

function Progress({ progress }: { progress: ThresholdProgress }) {
  const threshold = `${progress.thresholdPercent}%`
  if (progress.kind === 'result') {
    return (
      <div className="embed__progress">
        <p id="embed-progress">
          The {progress.year} vote: <strong>{formatPercent(progress.supportPercent)}</strong> for.{' '}
          {progress.majority ? 'A majority.' : progress.clearsThreshold ? `Above the ${threshold} needed to file it again.` : `Below the ${threshold} needed to file it again.`}
        </p>
        <Bar id="embed-progress" value={Number(progress.supportPercent)} max={100} />
      </div>
    )
  }
  if (progress.kind === 'pledges') {
    return (
      <div className="embed__progress">
        <p id="embed-progress">
          {progress.reached ? (
            <>Pledges alone reach the {threshold} of votes cast needed to file the proposal again.</>
          ) : (
            <>
              <strong>{formatPercent(progress.percentOfNeeded)}</strong> of the way to {threshold} of votes cast, the share needed to file the proposal again
            </>
          )}
        </p>
        <Bar id="embed-progress" value={Number(progress.percentOfNeeded)} max={100} />
        <p className="embed__note">
          {formatCount(progress.pledgedFor)} shares pledged for, of {formatCount(progress.votesNeeded)} votes for needed if turnout is as in {progress.basisYear}.
        </p>
      </div>
    )
  }
  return (
    <div className="embed__progress">
      <p id="embed-progress">
        <strong>{formatPercent(progress.percentOfOutstanding)}</strong> of all shares are pledged for; {threshold} of votes cast is needed to file the proposal again
      </p>
      <Bar id="embed-progress" value={Number(progress.percentOfOutstanding)} max={progress.thresholdPercent} />
    </div>
  )
}

export function EmbedTally({ data, stylesHrefs }: { data: EmbedData; stylesHrefs: string[] }) {
  const { campaign } = data
  const live = campaign.status === 'live'
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${campaign.title}: support so far · Quorum`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {stylesHrefs.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
      </head>
      <body>
        <main className="embed">
          <p className="embed__eyebrow">
            {campaign.company} · {campaign.agmYear} annual meeting{campaign.isDemo ? ' · demo campaign' : ''}
          </p>
          <h1 className="embed__title">{campaign.title}</h1>
          <FiguresHeadline pledgedFor={data.pledgedFor} className="embed__headline" />
          <Progress progress={data.progress} />
          <p className="embed__action">
            <a className="embed__button" href={live ? `/c/${campaign.slug}?source=embed#pledge-panel` : `/c/${campaign.slug}`} target="_blank" rel="noopener">
              {live ? 'Pledge your vote' : 'Read the proposal'}
              <span className="visually-hidden"> (opens in a new tab)</span>
              <span aria-hidden="true"> ↗</span>
            </a>
          </p>
          <p className="embed__legend">{campaign.legend}</p>
          <p className="embed__note">Only pledges from confirmed email addresses count. On Quorum.</p>
        </main>
      </body>
    </html>
  )
}
