import { Form, Link } from '@remix-run/react'
import type { ProjectionResult, Target } from '~/utils/projection'
import { ColumnHeads } from './column-heads'
import { PlainInput } from './plain-field'

// The projection page's parts: what it takes to cross each threshold, the scenario form and
// the assumptions behind every figure.

type Ok = Extract<ProjectionResult, { ok: true }>
const n = (value: string) => BigInt(value).toLocaleString('en-US')

function TargetView({ target, base }: { target: Target; base: string }) {
  const name = target.key === 'majority' ? 'A majority (over 50%)' : `${target.percent}%, to file again next year`
  return (
    <li className={`target target--${target.status}`}>
      <h3>{name}</h3>
      {target.status === 'reached' ? (
        <p>Crossed in this projection: {n(target.votesNeeded)} votes for are needed.</p>
      ) : (
        <>
          <p>
            {target.status === 'reachable'
              ? `Crossed if ${target.switches.length === 1 ? 'this holder switches' : `these ${target.switches.length} holders switch`} from against to for, largest first:`
              : target.switches.length === 0
                ? 'No holder is expected to vote against, so no switch can cross it.'
                : `Not crossed even if every holder expected against switches (${target.switches.length}); ${n(target.shortfall)} more votes for would be needed from holders without a record or from pledges.`}
          </p>
          {target.switches.length > 0 ? (
            <ol className="target__switches">
              {target.switches.map((s) => (
                <li key={s.id}>
                  <Link to={`${base}/holders/${s.id}`}>{s.label}</Link> <span className="muted">{n(s.shares)} shares</span>
                </li>
              ))}
            </ol>
          ) : null}
        </>
      )}
    </li>
  )
}

export function WhatItTakes({ projection, base }: { projection: Ok; base: string }) {
  return (
    <section className="panel" aria-labelledby="what-it-takes-heading">
      <h2 id="what-it-takes-heading">What it takes</h2>
      <p className="field-hint">The fewest holders, largest first, whose switch from against to for lifts the central projection over each threshold.</p>
      <ul className="plain-list targets">
        {projection.targets.map((t) => (
          <TargetView key={t.key} target={t} base={base} />
        ))}
      </ul>
    </section>
  )
}

export interface ScenarioHolder {
  id: string
  name: string
  shares: string
  expected: string
  flip: string
}

export function ScenarioForm({ holders, values, errors, base }: { holders: ScenarioHolder[]; values: { turnout: string; band: string }; errors: Record<string, string>; base: string }) {
  return (
    <Form method="get" className="form scenario-form" aria-labelledby="scenario-heading">
      <h2 id="scenario-heading">Scenario</h2>
      <p className="field-hint">Flip holders, or change the turnout, and see the projection move. Nothing is saved: the scenario lives in this page’s address.</p>
      <div className="scenario-form__settings">
        <PlainInput id="turnout" name="turnout" label="Turnout (% of shares outstanding voted for or against)" hint="Empty: as at the last meeting." inputMode="decimal" defaultValue={values.turnout} error={errors.turnout} maxLength={6} />
        <PlainInput id="band" name="band" label="Uncertainty (± points on everyone else’s support)" hint="Empty: 5." inputMode="decimal" defaultValue={values.band} error={errors.band} maxLength={4} />
      </div>
      <div className="table-scroll" role="region" aria-labelledby="scenario-holders-caption" tabIndex={0}>
        <table className="data-table scenario-table">
          <caption id="scenario-holders-caption">The largest holders and the vote this scenario assumes</caption>
          <ColumnHeads columns={['Holder', { heading: 'Shares', className: 'num' }, 'In this scenario']} />
          <tbody>
            {holders.map((h) => (
              <tr key={h.id}>
                <th scope="row">{h.name}</th>
                <td className="num">{n(h.shares)}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`h${h.id}`}>
                    Vote of {h.name} in this scenario
                  </label>
                  <select id={`h${h.id}`} name={`h${h.id}`} defaultValue={h.flip}>
                    <option value="">As expected ({h.expected})</option>
                    <option value="for">For</option>
                    <option value="against">Against</option>
                    <option value="abstain">Abstain</option>
                    <option value="unknown">Unknown (with everyone else)</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="scenario-form__actions">
        <button type="submit" className="button button--primary">
          Project this scenario
        </button>
        <Link to={`${base}/projection`}>Back to the expected votes</Link>
      </div>
    </Form>
  )
}

export function Assumptions({ projection, facts }: { projection: Ok; facts: { year: number | null; band: number; holders: Record<'record' | 'organizer' | 'unknown' | 'affiliated', number>; pledgedFor: string; pledgedAgainst: string } }) {
  const turnout =
    projection.turnout.source === 'setting'
      ? `${projection.turnout.percentOfOutstanding}% of shares outstanding are voted for or against (${n(projection.votesCast)}), as the campaign’s expected turnout says: the ${facts.year ?? 'last'} result is recorded only as a percentage;`
      : projection.turnout.source === 'scenario'
      ? `as many shares are voted for or against as the scenario says: ${projection.turnout.percentOfOutstanding}% of shares outstanding (${n(projection.votesCast)});`
      : projection.turnout.source === 'scaled'
        ? `as large a share of the company is voted for or against as in ${facts.year}: ${projection.turnout.percentOfOutstanding}% of shares outstanding, ${n(projection.votesCast)} votes (scaled by shares outstanding, so a stock split does not distort it);`
        : `as many shares are voted for or against as in ${facts.year}: ${n(projection.votesCast)} (its shares outstanding are not recorded, so the count is not scaled);`
  return (
    <section className="panel" aria-labelledby="assumptions-heading">
      <h2 id="assumptions-heading">This projection assumes that</h2>
      <ul className="assumptions">
        <li>{turnout}</li>
        {projection.turnoutRaised ? <li>the holders and pledges with a known vote alone exceed that turnout, so it was raised to them;</li> : null}
        <li>
          {facts.holders.record} holder(s) vote as they last voted on this proposal, {facts.holders.organizer} as an organizer expects, and {facts.holders.affiliated}{' '}
          affiliated holder(s) as entered; each votes every share its latest 13F reports;
        </li>
        <li>
          shares pledged on Quorum are voted as pledged ({n(facts.pledgedFor)} for, {n(facts.pledgedAgainst)} against; pledges by institutions may overlap their 13F
          holdings);
        </li>
        <li>
          everyone else — {facts.holders.unknown} holder(s) without a record, and the shares no filing names — {n(projection.pool)} votes, splits as the{' '}
          {facts.year ?? 'last'} vote did: {projection.poolRate}% for, give or take {facts.band} points (the low–high range);
        </li>
        <li>abstentions and broker non-votes are not votes cast: support is for ÷ (for + against), as Rule 14a-8(i)(12) counts it.</li>
      </ul>
      <p className="panel__footnote">
        13F holdings are as of each filer’s report period, and N-PX records how funds voted, not how they will: treat the range, not the central figure, as the
        forecast.
      </p>
    </section>
  )
}
