import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { type FakeResend, startFakeResend } from '../../tests/fake-resend'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { createPacer } from './pacer'
import { createResendTransport } from './resend.server'
import { mailerRound } from '../models/mailer.server'
import { createOrganizer } from '../models/organizers.server'
import { previewUpdate, sendTestUpdate } from '../models/updates.server'

// An update's email carries its campaign's texts: after an editor changes them, the next
// preview, test send and real send of an existing update show the new ones, in the same process.

let handle: DatabaseHandle
let fake: FakeResend
beforeAll(async () => {
  handle = await createTestDatabase()
  fake = await startFakeResend()
})
afterAll(async () => {
  await handle?.close()
  await fake?.close()
})

const transport = () => createResendTransport({ apiKey: 're_test_key', baseUrl: fake.url })

describe(`update emails follow their campaign's texts on ${testDatabaseKind}`, () => {
  test('a changed legend, postal address and sender name reach the preview, a test send and the real send at once', async () => {
    const texts = (n: number) => ({ legend: `Legend number ${n}: not a proxy solicitation.`, postal_address: `${n} Harbour Street, Portsmouth`, sender_name: `Campaign Sender ${n}` })
    const campaign = await createCampaign(handle.db, texts(1))
    const organizer = await createOrganizer(handle.db, { email: 'editor@example.org', password: 'a long enough password' })
    const supporter = await handle.db.insertInto('supporters').values({ email: 'reader@example.org', confirmed_at: new Date() }).returning('id').executeTakeFirstOrThrow()
    await handle.db.insertInto('subscriptions').values({ campaign_id: campaign.id, supporter_id: supporter.id, form_version: 'test' }).execute()
    const update = await handle.db
      .insertInto('updates')
      .values({ campaign_id: campaign.id, kind: 'how_to_vote', send_at: new Date(Date.now() + 3_600_000), subject: 'How to vote', body: 'Voting is open.', status: 'scheduled' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const ids = { campaignId: campaign.id, updateId: update.id }

    const first = await previewUpdate(handle.db, ids)
    expect(first!.html).toContain(texts(1).legend)
    expect(first!.text).toContain(texts(1).postal_address)
    expect(first!.from).toContain(texts(1).sender_name)

    // What the editor's save does to these columns.
    await handle.db.updateTable('campaigns').set({ ...texts(2), updated_at: sql`now()` }).where('id', '=', campaign.id).execute()

    const preview = await previewUpdate(handle.db, ids)
    for (const email of [preview!.html, preview!.text]) {
      expect(email).toContain(texts(2).legend)
      expect(email).toContain(texts(2).postal_address)
      expect(email).not.toContain(texts(1).legend)
    }
    expect(preview!.from).toContain(texts(2).sender_name)

    expect(await sendTestUpdate(handle.db, { ...ids, organizerId: organizer.id, to: 'editor@example.org' }, transport())).toEqual({ ok: true })
    const test = fake.emails.find((e) => e.to[0] === 'editor@example.org')!
    expect(test.html).toContain(texts(2).legend)
    expect(test.from).toContain(texts(2).sender_name)

    await handle.db.updateTable('updates').set({ send_at: new Date(Date.now() - 1000) }).where('id', '=', update.id).execute()
    while ((await mailerRound(handle.db, { transport: transport(), pacer: createPacer({ perSecond: 1000 }) })) > 0);
    const sent = fake.emails.find((e) => e.to[0] === 'reader@example.org')!
    expect(sent.html).toContain(texts(2).legend)
    expect(sent.text).toContain(texts(2).postal_address)
    expect(sent.from).toContain(texts(2).sender_name)
    expect(sent.html).not.toContain(texts(1).legend)
  })
})
