import { sql } from 'kysely'
import { beforeAll, describe, expect, test } from 'vitest'
import { createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { createPacer } from '../mail/pacer'
import { isMailerPaused, mailerRound } from '../mail/mailer.server'
import { createOrganizer } from './organizers.server'
import { setMailerPaused } from './mail-pauses.server'
import { confirmSend } from './update-review.server'
import { controlUpdate, editUpdate, listUpdates, previewUpdate, proposeSchedule, sendTestUpdate } from './updates.server'

const world = setUpMailWorld()
let organizerId: number
beforeAll(async () => {
  organizerId = (await createOrganizer(world.db, { email: 'mail@example.org', password: 'a long enough password' })).id
})

const audit = (campaignId: number | null) =>
  world.db.selectFrom('audit_log').select('action').where((eb) => (campaignId === null ? eb('campaign_id', 'is', null) : eb('campaign_id', '=', campaignId))).orderBy('id').execute()

describe(`update controls on ${testDatabaseKind}`, () => {
  test('the default schedule is proposed once, as drafts, each proposal audited', async () => {
    const campaign = await createCampaign(world.db)
    expect(await proposeSchedule(world.db, { campaignId: campaign.id, organizerId })).toBe(5)
    expect(await proposeSchedule(world.db, { campaignId: campaign.id, organizerId })).toBe(0)
    const updates = await listUpdates(world.db, { campaignId: campaign.id })
    expect(updates.map((u) => [u.kind, u.status])).toEqual([
      ['materials_out', 'draft'],
      ['how_to_vote', 'draft'],
      ['deadline_week', 'draft'],
      ['deadline_tomorrow', 'draft'],
      ['results', 'draft'],
    ])
    expect((await audit(campaign.id)).map((a) => a.action)).toEqual(Array(5).fill('update.proposed'))
  })

  test('schedule (after review), pause, resume and cancel follow the state machine; anything else is refused', async () => {
    const campaign = await createCampaign(world.db)
    await proposeSchedule(world.db, { campaignId: campaign.id, organizerId })
    const [first] = await listUpdates(world.db, { campaignId: campaign.id })
    const reviewed = { campaignId: campaign.id, updateId: first!.id, organizerId, reviewedSendAt: first!.send_at.toISOString(), sendNow: false }
    const control = (c: 'pause' | 'cancel') => controlUpdate(world.db, { campaignId: campaign.id, updateId: first!.id, organizerId, control: c })
    const status = async () => (await world.db.selectFrom('updates').select('status').where('id', '=', first!.id).executeTakeFirstOrThrow()).status

    expect(await confirmSend(world.db, { ...reviewed, control: 'resume' })).toMatchObject({ ok: false })
    expect(await confirmSend(world.db, { ...reviewed, control: 'schedule' })).toEqual({ ok: true, outcome: 'scheduled' })
    expect(await status()).toBe('scheduled')
    expect(await control('pause')).toEqual({ ok: true })
    expect(await confirmSend(world.db, { ...reviewed, control: 'resume' })).toEqual({ ok: true, outcome: 'resumed' })
    expect(await status()).toBe('scheduled') // never started: back to scheduled, not sending
    expect(await control('cancel')).toEqual({ ok: true })
    expect(await confirmSend(world.db, { ...reviewed, control: 'schedule' })).toMatchObject({ ok: false, formError: 'This update is cancelled now: nothing was changed.' })
    expect(await control('cancel')).toMatchObject({ ok: false, formError: 'A cancelled update cannot be cancelled.' })
    expect((await audit(campaign.id)).map((a) => a.action).slice(5)).toEqual(['update.schedule', 'update.pause', 'update.resume', 'update.cancel'])

    const other = await createCampaign(world.db)
    expect(await controlUpdate(world.db, { campaignId: other.id, updateId: first!.id, organizerId, control: 'pause' })).toMatchObject({
      ok: false,
      formError: 'That update no longer exists: reload the page.',
    })
  })

  test('an update is edited until it starts sending, never after', async () => {
    const campaign = await createCampaign(world.db)
    await proposeSchedule(world.db, { campaignId: campaign.id, organizerId })
    const [first] = await listUpdates(world.db, { campaignId: campaign.id })
    const changes = { subject: 'New subject', body: 'New **body**', sendAt: new Date('2030-04-01T16:00:00Z'), audience: 'pledged_for' as const }
    expect(await editUpdate(world.db, { campaignId: campaign.id, updateId: first!.id, organizerId, changes })).toEqual({ ok: true })
    const preview = await previewUpdate(world.db, { campaignId: campaign.id, updateId: first!.id })
    expect(preview?.subject).toBe('New subject')
    expect(preview?.html).toContain('<strong>body</strong>')
    expect(preview?.text).toContain('This is not a solicitation')
    await world.db.updateTable('updates').set({ status: 'sending', started_at: new Date() }).where('id', '=', first!.id).execute()
    expect(await editUpdate(world.db, { campaignId: campaign.id, updateId: first!.id, organizerId, changes })).toMatchObject({ ok: false })
  })

  test('a test send goes to the organizer, marked as a test, through Resend', async () => {
    const campaign = await createCampaign(world.db)
    await proposeSchedule(world.db, { campaignId: campaign.id, organizerId })
    const [first] = await listUpdates(world.db, { campaignId: campaign.id })
    const transport = world.transport()
    expect(await sendTestUpdate(world.db, { campaignId: campaign.id, updateId: first!.id, organizerId, to: 'mail@example.org' }, transport)).toEqual({ ok: true })
    expect(world.fake.emails.at(-1)).toMatchObject({ to: ['mail@example.org'], subject: `[Test] ${first!.subject}` })
    expect(await world.db.selectFrom('deliveries').select('id').where('update_id', '=', first!.id).execute()).toEqual([])
  })

  test('the global pause is one switch, audited', async () => {
    await setMailerPaused(world.db, { organizerId, paused: true })
    expect(await isMailerPaused(world.db)).toBe(true)
    await setMailerPaused(world.db, { organizerId, paused: false })
    expect(await isMailerPaused(world.db)).toBe(false)
    expect((await audit(null)).map((a) => a.action)).toEqual(expect.arrayContaining(['mailer.paused', 'mailer.resumed']))
  })
})

// An update's email carries its campaign's texts: after an editor changes them, the next
// preview, test send and real send of an existing update show the new ones, in the same process.

describe(`update emails follow their campaign's texts on ${testDatabaseKind}`, () => {
  test('a changed legend, postal address and sender name reach the preview, a test send and the real send at once', async () => {
    const texts = (n: number) => ({ legend: `Legend number ${n}: not a proxy solicitation.`, postal_address: `${n} Harbour Street, Portsmouth`, sender_name: `Campaign Sender ${n}` })
    const campaign = await createCampaign(world.db, texts(1))
    const supporter = await world.db.insertInto('supporters').values({ email: 'reader@example.org', confirmed_at: new Date() }).returning('id').executeTakeFirstOrThrow()
    await world.db.insertInto('subscriptions').values({ campaign_id: campaign.id, supporter_id: supporter.id, form_version: 'test' }).execute()
    const update = await world.db
      .insertInto('updates')
      .values({ campaign_id: campaign.id, kind: 'how_to_vote', send_at: new Date(Date.now() + 3_600_000), subject: 'How to vote', body: 'Voting is open.', status: 'scheduled' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const ids = { campaignId: campaign.id, updateId: update.id }

    const first = await previewUpdate(world.db, ids)
    expect(first!.html).toContain(texts(1).legend)
    expect(first!.text).toContain(texts(1).postal_address)
    expect(first!.from).toContain(texts(1).sender_name)

    // What the editor's save does to these columns.
    await world.db.updateTable('campaigns').set({ ...texts(2), updated_at: sql`now()` }).where('id', '=', campaign.id).execute()

    const preview = await previewUpdate(world.db, ids)
    for (const email of [preview!.html, preview!.text]) {
      expect(email).toContain(texts(2).legend)
      expect(email).toContain(texts(2).postal_address)
      expect(email).not.toContain(texts(1).legend)
    }
    expect(preview!.from).toContain(texts(2).sender_name)

    expect(await sendTestUpdate(world.db, { ...ids, organizerId, to: 'editor@example.org' }, world.transport())).toEqual({ ok: true })
    const test = world.fake.emails.find((e) => e.to[0] === 'editor@example.org')!
    expect(test.html).toContain(texts(2).legend)
    expect(test.from).toContain(texts(2).sender_name)

    await world.db.updateTable('updates').set({ send_at: new Date(Date.now() - 1000) }).where('id', '=', update.id).execute()
    while ((await mailerRound(world.db, { transport: world.transport(), pacer: createPacer({ perSecond: 1000 }) })) > 0);
    const sent = world.fake.emails.find((e) => e.to[0] === 'reader@example.org')!
    expect(sent.html).toContain(texts(2).legend)
    expect(sent.text).toContain(texts(2).postal_address)
    expect(sent.from).toContain(texts(2).sender_name)
    expect(sent.html).not.toContain(texts(1).legend)
  })
})
