import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { createOutboxTransport } from '../mail/outbox.server'
import { processEmailQueue } from '../mail/sign-up-queue.server'
import { createOrganizer, createSession, grantRole } from '../models/organizers.server'
import { recordPledge } from '../models/pledges.server'
import { proposeSchedule, sendTestUpdate } from '../models/updates.server'
import { sessionCookie } from '../utils/organizer-auth.server'
import { MASKED_TOKEN, maskLinkTokens } from '../utils/mask-link-tokens'
import { loader } from './organizer.outbox'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => handle?.close())

let sequence = 0
async function organizerWith(roles: Array<{ campaignId: number; role: 'owner' | 'editor' | 'viewer' }>) {
  const organizer = await createOrganizer(handle.db, { email: `outbox-${++sequence}@example.org`, password: 'correct horse battery staple' })
  for (const r of roles) await grantRole(handle.db, { campaignId: r.campaignId, organizerId: organizer.id, role: r.role })
  const cookie = (await sessionCookie.serialize(await createSession(handle.db, { organizerId: organizer.id }))).split(';')[0]!
  return cookie
}

async function outboxFor(cookie: string) {
  const response = await loader({ request: new Request('http://localhost/organizer/outbox', { headers: { cookie } }), params: {}, context: { db: handle.db, cspNonce: '', clientIp: '127.0.0.1' } })
  return ((await response.json()) as { messages: Array<{ to: string; subject: string; text: string; campaign: string }> }).messages
}

describe(`the outbox on ${testDatabaseKind}`, () => {
  test('shows an owner their own campaigns’ mail, sign-up emails included, with every link token hidden; nobody else sees it', async () => {
    const mine = await createCampaign(handle.db, { title: 'Mine' })
    const theirs = await createCampaign(handle.db, { title: 'Theirs' })
    await recordPledge(handle.db, { campaign: mine, pledge: { ...basePledge, email: 'reader-of-mine@example.org' }, formVersion: 'test' })
    await recordPledge(handle.db, { campaign: theirs, pledge: { ...basePledge, email: 'reader-of-theirs@example.org' }, formVersion: 'test' })
    await processEmailQueue(handle.db, { transport: createOutboxTransport(handle.db, { log: false }) })

    const owner = await outboxFor(await organizerWith([{ campaignId: mine.id, role: 'owner' }, { campaignId: theirs.id, role: 'editor' }]))
    expect(owner.map((m) => m.to)).toEqual(['reader-of-mine@example.org'])
    expect(owner[0]!.campaign).toBe('Mine')
    const links = owner[0]!.text.match(/https?:\/\/\S+\/(confirm|me|u)\/\S+/g) ?? []
    expect(links.length).toBeGreaterThanOrEqual(2)
    for (const link of links) expect(link).toContain(MASKED_TOKEN)
    // The stored message itself still carries the working links (it is what was "sent").
    const stored = await handle.db.selectFrom('outbox_messages').select('text').where('to_email', '=', 'reader-of-mine@example.org').executeTakeFirstOrThrow()
    expect(stored.text).not.toContain(MASKED_TOKEN)

    expect(await outboxFor(await organizerWith([]))).toEqual([])
    expect(await outboxFor(await organizerWith([{ campaignId: mine.id, role: 'viewer' }]))).toEqual([])
    expect(await outboxFor(await organizerWith([{ campaignId: mine.id, role: 'editor' }]))).toEqual([])
  })

  test('a test send of an update belongs to its campaign: its owner sees it, an owner of another campaign does not', async () => {
    const campaign = await createCampaign(handle.db, { title: 'Updated' })
    const other = await createCampaign(handle.db, { title: 'Other' })
    const ownerCookie = await organizerWith([{ campaignId: campaign.id, role: 'owner' }])
    const organizer = await handle.db.selectFrom('organizers').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    await proposeSchedule(handle.db, { campaignId: campaign.id, organizerId: organizer.id })
    const update = await handle.db.selectFrom('updates').select('id').where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow()
    const transport = createOutboxTransport(handle.db, { log: false })
    expect(await sendTestUpdate(handle.db, { campaignId: campaign.id, updateId: update.id, organizerId: organizer.id, to: 'tester@example.org' }, transport)).toEqual({ ok: true })
    const seen = await outboxFor(ownerCookie)
    expect(seen.map((m) => [m.campaign, m.to])).toEqual([['Updated', 'tester@example.org']])
    expect(seen[0]!.subject).toMatch(/^\[Test\] /)
    expect(await outboxFor(await organizerWith([{ campaignId: other.id, role: 'owner' }]))).toEqual([])
  })

  test('token masking hides the token of confirm, manage and unsubscribe links and nothing else', () => {
    const text = 'Confirm: https://q.example.org/confirm/abc_DEF-123\nManage (https://q.example.org/me/tok123/export.json) and https://q.example.org/u/tok456?x=1 · https://q.example.org/c/some-campaign'
    expect(maskLinkTokens(text)).toBe(
      `Confirm: https://q.example.org/confirm/${MASKED_TOKEN}\nManage (https://q.example.org/me/${MASKED_TOKEN}/export.json) and https://q.example.org/u/${MASKED_TOKEN}?x=1 · https://q.example.org/c/some-campaign`,
    )
  })
})
