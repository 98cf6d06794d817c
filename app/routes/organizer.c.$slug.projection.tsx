import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { type ChartRow, ProjectionChart, ProjectionTable } from '~/components/projection-chart'
import { Assumptions, ScenarioForm, WhatItTakes } from '~/components/projection-parts'
import { getVoteModel } from '~/models/vote-model.server'
import { parseScenario } from '~/schemas/vote-model'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'
import { ordinal } from '~/utils/resubmission'
import { leanLabel } from '~/utils/vote-labels'
import { voteModelLinks } from '~/utils/vote-model-links'
import { getMeetingResult } from '~/models/meeting-results.server'
import { formatPercent } from '~/utils/format'

// The projected vote: from last year's turnout, the holders' expected votes, affiliated
// holders and pledges (docs/vote-model.md). The scenario is a GET form, so it works without
// JavaScript and a scenario can be shared by its address.

export const links = voteModelLinks
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Projection · ${data?.campaign.title ?? 'Campaign'} · Quorum` }]

const SCENARIO_HOLDERS = 25

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const { scenario, errors, values } = parseScenario(new URL(request.url).searchParams)
  const [model, result] = await Promise.all([getVoteModel(context.db, { campaign, scenario }), getMeetingResult(context.db, campaign)])
  const institutional = model.rows.filter((r) => r.kind === 'institutional')
  const offered = [...model.rows.filter((r) => r.kind === 'affiliated'), ...institutional.slice(0, SCENARIO_HOLDERS), ...institutional.slice(SCENARIO_HOLDERS).filter((r) => scenario.flips[r.id])]
  const count = (source: string) => model.rows.filter((r) => r.kind === 'institutional' && r.leanSource === source).length
  return json(
    {
      campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, role },
      threshold: model.threshold,
      expected: model.expected,
      scenario: model.scenario,
      scenarioChanged: model.scenarioChanged,
      illustrative: model.rows.some((r) => r.isDemo),
      values,
      errors,
      band: scenario.bandPoints,
      lastYear: model.last?.year ?? null,
      pledged: model.pledged,
      /** The meeting's recorded result, to set beside what the model expected. */
      result: result ? { supportPercent: result.supportPercent } : null,
      holderCounts: { record: count('record'), organizer: count('organizer'), unknown: count('none'), affiliated: model.rows.length - institutional.length },
      holders: offered.map((r) => ({ id: r.id, name: r.name, shares: r.shares, expected: leanLabel(r.lean).toLowerCase(), flip: scenario.flips[r.id] ?? '' })),
    },
    { headers: PRIVATE_NO_STORE },
  )
}

/** Where the official result fell against the model's range, in words. */
function resultAgainstRange(result: number, low: number, high: number): string {
  if (result < low) return `${(low - result).toFixed(1)} points below its range`
  if (result > high) return `${(result - high).toFixed(1)} points above its range`
  return 'within its range'
}

export default function ProjectionPage() {
  const data = useLoaderData<typeof loader>()
  const { campaign, threshold, expected, scenario } = data
  const base = `/organizer/c/${campaign.slug}`
  const shown = data.scenarioChanged ? scenario : expected
  const rows: ChartRow[] = []
  if (expected.ok) rows.push({ label: 'Expected', low: expected.low, central: expected.central, high: expected.high })
  if (data.scenarioChanged && scenario.ok) rows.push({ label: 'Your scenario', low: scenario.low, central: scenario.central, high: scenario.high })
  return (
    <>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <header className="organizer-heading">
        <div>
          <p className="eyebrow">
            {campaign.company} · {campaign.agmYear} annual meeting
          </p>
          <h1>Projection</h1>
        </div>
      </header>
      <p className="lede">
        The {ordinal(threshold.timesVoted)} vote on this proposal in {threshold.window.from}–{threshold.window.to}: to be filed again it needs at least{' '}
        <strong>{threshold.thresholdPercent}%</strong> of votes cast; a majority needs over 50%.
      </p>
      {data.illustrative ? (
        <p className="notice notice--demo">
          <strong>Illustrative holders.</strong> This demo’s holders and fund votes are made up, so this projection is an illustration of the method, not a forecast.
        </p>
      ) : null}
      {data.result ? (
        <section className="notice notice--strong" aria-labelledby="result-vs-projection-heading">
          <h2 id="result-vs-projection-heading">The meeting has voted: {formatPercent(data.result.supportPercent)} for</h2>
          <p>
            {expected.ok
              ? `The model, with what is recorded today, expects ${expected.central.percent}% (between ${expected.low.percent}% and ${expected.high.percent}%): the result is ${resultAgainstRange(Number(data.result.supportPercent), Number(expected.low.percent), Number(expected.high.percent))}.`
              : 'The model has no projection to compare it with.'}{' '}
            Compare the holders’ votes in their N-PX filings next August to see who moved.
          </p>
        </section>
      ) : null}
      {!shown.ok ? (
        <div className="notice notice--strong">
          <p>
            <strong>No projection yet.</strong> {shown.reason}
          </p>
          {campaign.role !== 'viewer' ? (
            <p>
              <Link to={`${base}/edit#vote-history`}>Record the result in the vote history</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <>
          <section className="panel projection-summary" aria-labelledby="projection-heading" aria-live="polite">
            <h2 id="projection-heading">{data.scenarioChanged ? 'With your scenario' : 'With the expected votes'}</h2>
            <p className="projection__headline">
              <span className="projection__number">{shown.central.percent}%</span> for, between {shown.low.percent}% and {shown.high.percent}%
            </p>
            <p>
              {Number(shown.low.percent) >= 50
                ? 'A majority across the whole range.'
                : Number(shown.high.percent) < threshold.thresholdPercent
                  ? `Below the ${threshold.thresholdPercent}% needed to file again across the whole range.`
                  : Number(shown.central.percent) >= threshold.thresholdPercent
                    ? `Above the ${threshold.thresholdPercent}% needed to file again${Number(shown.central.percent) > 50 ? ', and a majority' : ''} in the central case.`
                    : `Below the ${threshold.thresholdPercent}% needed in the central case; the range reaches it.`}{' '}
              {data.scenarioChanged && expected.ok ? `Expected without the scenario: ${expected.central.percent}%.` : null}
            </p>
            <ProjectionChart rows={rows} thresholdPercent={threshold.thresholdPercent} />
            <ProjectionTable rows={rows} votesCast={shown.votesCast} />
          </section>
          <WhatItTakes projection={shown} base={base} />
          <Assumptions projection={shown} facts={{ year: data.lastYear, band: data.band, holders: data.holderCounts, pledgedFor: data.pledged.for, pledgedAgainst: data.pledged.against }} />
        </>
      )}
      <ScenarioForm holders={data.holders} values={data.values} errors={data.errors} base={base} />
    </>
  )
}
