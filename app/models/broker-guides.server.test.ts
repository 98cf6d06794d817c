import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import type { BrokerGuideValues } from '../schemas/broker-guide'
import { matchBrokerGuide } from '../utils/broker-match'
import { createOrganizer } from './organizers.server'
import { guidesForPledges, listBrokerGuides, restoreBrokerGuide, saveBrokerGuide } from './broker-guides.server'

// Quorum's guides as the migration seeds them, matched against what supporters type, and a
// campaign's own copy: saved, refused, audited and restored, never touching another campaign.

let handle: DatabaseHandle
let campaign: Campaign
let other: Campaign
let organizerId: number

beforeAll(async () => {
  handle = await createTestDatabase()
  campaign = await createCampaign(handle.db)
  other = await createCampaign(handle.db)
  organizerId = (await createOrganizer(handle.db, { email: 'editor@example.org', password: 'a long enough password' })).id
})
afterAll(async () => handle?.close())

const db = () => handle.db
const auditOf = (key: string) => db().selectFrom('audit_log').selectAll().where('entity_type', '=', 'broker_guide').where('entity_id', '=', key).orderBy('id').execute()

async function valuesOf(key: string): Promise<BrokerGuideValues> {
  const guide = (await listBrokerGuides(db(), campaign)).find((g) => g.key === key)!
  return { name: guide.name, aliases: guide.aliases, cutoffNote: guide.cutoff_note, steps: guide.steps, version: guide.updated_at.toISOString() }
}

describe(`broker guides on ${testDatabaseKind}`, () => {
  test('a US campaign lists the eleven brokers in Quorum’s order, then the generic guide', async () => {
    const guides = await listBrokerGuides(db(), campaign)
    expect(campaign.market).toBe('US')
    expect(guides.map((g) => g.name)).toEqual([
      'Fidelity', 'Charles Schwab', 'Vanguard', 'Robinhood', 'E*TRADE', 'Interactive Brokers', 'Merrill', 'J.P. Morgan', 'SoFi', 'Public', 'Webull', 'Any other broker or bank',
    ])
    for (const guide of guides) {
      expect(guide.edited).toBe(false)
      expect(guide.steps, guide.key).toMatch(/16-digit control number/)
      expect(guide.cutoff_note, guide.key).toMatch(/11:59 p\.m\. Eastern/)
    }
    // A name with an asterisk stays text in markdown, not emphasis.
    expect(guides.find((g) => g.key === 'etrade')!.steps).toContain('E\\*TRADE sends')
  })

  test('what supporters type leads to the seeded guides', async () => {
    const guides = await listBrokerGuides(db(), campaign)
    const typed: Record<string, string> = {
      Fidelity: 'fidelity', 'fidelity investments': 'fidelity', Schwab: 'charles-schwab', 'TD Ameritrade': 'charles-schwab', 'Vanguard Brokerage': 'vanguard',
      robinhood: 'robinhood', 'E*Trade': 'etrade', ETRADE: 'etrade', IBKR: 'interactive-brokers', 'Merrill Edge': 'merrill', 'Bank of America': 'merrill',
      'JP Morgan': 'jp-morgan', Chase: 'jp-morgan', 'SoFi Invest': 'sofi', 'public.com': 'public', Webull: 'webull',
      'Morgan Stanley': 'other', 'Computershare (registered holder)': 'other', 'Wells Fargo': 'other', '': 'other',
    }
    const found = Object.fromEntries(Object.keys(typed).map((text) => [text, matchBrokerGuide(guides, text)?.key]))
    expect(found).toEqual(typed)
  })

  test('a market without guides has none, and pages link nowhere', async () => {
    const elsewhere = await createCampaign(db(), { market: 'GB' })
    expect(await listBrokerGuides(db(), elsewhere)).toEqual([])
    const links = await guidesForPledges(db(), [{ id: '1', campaign_id: elsewhere.id, market: 'GB', broker: 'Fidelity' }])
    expect(links.size).toBe(0)
  })

  test('saving makes the campaign’s own copy, audited; the other campaign keeps Quorum’s text', async () => {
    const values = await valuesOf('fidelity')
    const saved = await saveBrokerGuide(db(), {
      organizerId,
      campaign,
      key: 'fidelity',
      values: { ...values, aliases: [...values.aliases, 'Fido'], cutoffNote: 'Fidelity takes votes until 11:59 p.m. Eastern the day before.' },
    })
    expect(saved).toEqual({ ok: true, changed: ['aliases', 'cutoff_note'] })

    const mine = (await listBrokerGuides(db(), campaign)).find((g) => g.key === 'fidelity')!
    expect(mine).toMatchObject({ edited: true, campaign_id: campaign.id, cutoff_note: 'Fidelity takes votes until 11:59 p.m. Eastern the day before.', position: 10 })
    expect(matchBrokerGuide(await listBrokerGuides(db(), campaign), 'fido')?.key).toBe('fidelity')
    const theirs = (await listBrokerGuides(db(), other)).find((g) => g.key === 'fidelity')!
    expect(theirs).toMatchObject({ edited: false, campaign_id: null })
    expect(theirs.cutoff_note).toMatch(/^Votes through ProxyVote\.com/)

    const [entry] = await auditOf('fidelity')
    expect(entry).toMatchObject({ organizer_id: organizerId, campaign_id: campaign.id, action: 'broker_guide.updated' })
    expect(entry!.after).toMatchObject({ guide: 'Fidelity', aliases: 'Fidelity Investments, fidelity.com, Fidelity NetBenefits, NetBenefits, Fido' })
    expect(Object.keys(entry!.after as object).sort()).toEqual(['aliases', 'cutoff_note', 'guide'])
  })

  test('an unchanged form writes nothing; a stale one is refused; a name of another guide is refused on its field', async () => {
    const values = await valuesOf('fidelity')
    const audits = (await auditOf('fidelity')).length
    expect(await saveBrokerGuide(db(), { organizerId, campaign, key: 'fidelity', values })).toEqual({ ok: true, changed: [] })

    const stale = await saveBrokerGuide(db(), { organizerId, campaign, key: 'fidelity', values: { ...values, steps: 'New steps', version: '2000-01-01T00:00:00.000Z' } })
    expect(stale).toMatchObject({ ok: false, formError: expect.stringMatching(/Someone else saved this guide/) })

    const taken = await saveBrokerGuide(db(), { organizerId, campaign, key: 'fidelity', values: { ...values, aliases: ['Fido', 'charles   SCHWAB'] } })
    expect(taken).toEqual({ ok: false, fieldErrors: { aliases: ['“charles   SCHWAB” already leads to the Charles Schwab guide: keep each name in one guide only'] } })
    const renamed = await saveBrokerGuide(db(), { organizerId, campaign, key: 'vanguard', values: { ...(await valuesOf('vanguard')), name: 'Robinhood' } })
    expect(renamed).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringMatching(/Robinhood guide/)] } })

    expect((await auditOf('fidelity')).length).toBe(audits)
    expect((await valuesOf('fidelity')).steps).toBe(values.steps)
  })

  test('restoring drops the copy, audited; restoring again changes nothing', async () => {
    expect(await restoreBrokerGuide(db(), { organizerId, campaign, key: 'fidelity' })).toEqual({ ok: true, restored: true })
    const guide = (await listBrokerGuides(db(), campaign)).find((g) => g.key === 'fidelity')!
    expect(guide).toMatchObject({ edited: false, campaign_id: null })
    const entries = await auditOf('fidelity')
    expect(entries.at(-1)).toMatchObject({ action: 'broker_guide.restored', campaign_id: campaign.id, after: null })
    expect(entries.at(-1)!.before).toMatchObject({ name: 'Fidelity', cutoff_note: 'Fidelity takes votes until 11:59 p.m. Eastern the day before.' })

    expect(await restoreBrokerGuide(db(), { organizerId, campaign, key: 'fidelity' })).toEqual({ ok: true, restored: false })
    expect((await auditOf('fidelity')).length).toBe(entries.length)
  })

  test('each pledge’s guide, by its typed broker and its campaign’s copies', async () => {
    const values = await valuesOf('vanguard')
    await saveBrokerGuide(db(), { organizerId, campaign, key: 'vanguard', values: { ...values, name: 'Vanguard Brokerage Services', aliases: ['Vanguard'] } })
    const links = await guidesForPledges(db(), [
      { id: 'a', campaign_id: campaign.id, market: 'US', broker: 'vanguard' },
      { id: 'b', campaign_id: other.id, market: 'US', broker: 'vanguard' },
      { id: 'c', campaign_id: other.id, market: 'US', broker: null },
    ])
    expect(Object.fromEntries(links)).toEqual({
      a: { key: 'vanguard', name: 'Vanguard Brokerage Services', generic: false },
      b: { key: 'vanguard', name: 'Vanguard', generic: false },
      c: { key: 'other', name: 'Any other broker or bank', generic: true },
    })
  })
})
