import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { createAppHandler } from '../../tests/helpers/remix-handler'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { pledgeChangeSchema, pledgeSchema } from '../schemas/pledge'
import { PASS_THROUGH_PROGRAMS } from '../utils/fund-voting'
import { getDashboard } from './dashboard.server'
import { confirmSupporter, recordPledge } from './pledges.server'
import { issueToken } from './supporter-tokens.server'

// Holders through a fund: a holder type of their own, no shares counted (the fund votes them),
// counted apart on the dashboard, and told the truth about what they can do.

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => handle?.close())

const limits = { sharesOutstanding: '1000000', company: 'Example Corp' }

describe('the pledge form and a fund holder', () => {
  test('“through a fund” is a holder type; shares given with it are refused next to the shares field, in both forms', () => {
    const form = { email: 'f@example.org', intention: 'for', holderType: 'fund' }
    expect(pledgeSchema(limits).safeParse(form).success).toBe(true)
    const refused = pledgeSchema(limits).safeParse({ ...form, shares: '100' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['shares'])
    expect(refused.error?.issues[0]!.message).toMatch(/voted by the fund/)
    const change = { pledgeId: '1', intention: 'for', holderType: 'fund', shares: '5' }
    expect(pledgeChangeSchema(limits).safeParse(change).success).toBe(false)
    expect(pledgeChangeSchema(limits).safeParse({ ...change, shares: undefined }).success).toBe(true)
  })
})

describe(`fund holders on ${testDatabaseKind}`, () => {
  test('are counted apart on the dashboard, with no shares; the voting guide and their own page explain what they can do', async () => {
    const campaign = await createCampaign(handle.db)
    const outcome = await recordPledge(handle.db, { campaign, pledge: { ...basePledge, email: 'fund-holder@example.org', holderType: 'fund', shares: undefined }, formVersion: 'test' })
    await handle.db.transaction().execute((trx) => confirmSupporter(trx, { supporterId: outcome.supporterId }))
    await recordPledge(handle.db, { campaign, pledge: { ...basePledge, email: 'direct-holder@example.org' }, formVersion: 'test' }).then((o) =>
      handle.db.transaction().execute((trx) => confirmSupporter(trx, { supporterId: o.supporterId })),
    )

    const dashboard = await getDashboard(handle.db, { campaign, now: new Date() })
    const rows = new Map(dashboard.byHolderType.map((r) => [r.holderType, r]))
    expect(rows.get('fund')).toMatchObject({ supporters: 1, shares: '0' })
    expect(rows.get('retail')).toMatchObject({ supporters: 1, shares: '100' })

    const app = await createAppHandler(handle.db)
    const guide = await (await app(new Request(`http://localhost/c/${campaign.slug}/vote`))).text()
    expect(guide).toContain('Only through a fund?')
    for (const program of PASS_THROUGH_PROGRAMS) expect(guide).toContain(program.program)
    const manage = await issueToken(handle.db, { supporterId: outcome.supporterId, purpose: 'manage' })
    expect(await (await app(new Request(`http://localhost/me/${manage}`))).text()).toContain('you cannot vote them yourself')
  })
})
