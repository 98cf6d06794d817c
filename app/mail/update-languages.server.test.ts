import { sql } from 'kysely'
import { beforeEach, describe, expect, test } from 'vitest'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import type { Locale } from '../i18n/locales'
import { claimBatch, freezeAudience, sendBatch } from './deliveries.server'
import type { OutgoingEmail } from './transport'
import { previewCopy } from './update-emails.server'

// A campaign update speaks each recipient's language (frozen with its audience): the fixed texts,
// the deadline, the figures and the links to Quorum's pages; the organizer's subject and body are
// as written. A retried batch carries the same bytes in every language.

const world = setUpMailWorld()
beforeEach(() => world.fake.reset())
const db = () => world.db

async function subscriber(campaign: Campaign, name: string, locale: Locale) {
  const supporter = await db()
    .insertInto('supporters')
    .values({ email: `${name}-${campaign.id}@example.org`, confirmed_at: new Date(), locale })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db().insertInto('subscriptions').values({ campaign_id: campaign.id, supporter_id: supporter.id, form_version: 'test' }).execute()
  return supporter
}

/** A how-to-vote update to an English, a German and a Spanish subscriber, its audience frozen. */
async function startSend() {
  const campaign = await createCampaign(db()) // votes by 11:59 p.m. EDT on April 30, 2030
  await subscriber(campaign, 'en', 'en')
  const german = await subscriber(campaign, 'de', 'de')
  await subscriber(campaign, 'es', 'es')
  const update = await db()
    .insertInto('updates')
    .values({
      campaign_id: campaign.id,
      kind: 'how_to_vote',
      send_at: new Date(Date.now() - 1000),
      subject: 'How to vote: Organizer’s words',
      body: 'Voting is **open**. The organizer writes in English.',
      audience: 'all',
      status: 'sending',
      public_figures: JSON.stringify({ people: 1234, shares: '5678901' }),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  expect(await freezeAudience(db(), { updateId: update.id })).toBe(3)
  return { campaign, update, german }
}

/** The real transport, remembering each batch it is handed. */
function recordingTransport() {
  const real = world.transport()
  const batches: OutgoingEmail[][] = []
  return { batches, transport: { ...real, sendBatch: (emails: OutgoingEmail[], key: string) => (batches.push(emails), real.sendBatch(emails, key)) } }
}

const to = (name: string, campaign: Campaign) => world.fake.emails.find((email) => email.to[0] === `${name}-${campaign.id}@example.org`)!

describe(`update emails in each recipient's language on ${testDatabaseKind}`, () => {
  test('German, Spanish and English recipients of one batch each get their own language; subject and body as written', async () => {
    const { campaign, update } = await startSend()
    const batch = (await claimBatch(db(), { updateId: update.id }))!
    expect(batch.rows.map((row) => row.locale).sort()).toEqual(['de', 'en', 'es'])
    expect(await sendBatch(db(), world.transport(), batch)).toMatchObject({ status: 'sent', count: 3 })
    expect(world.fake.emails).toHaveLength(3)

    const page = `/c/${campaign.slug}`
    const en = to('en', campaign)
    const de = to('de', campaign)
    const es = to('es', campaign)
    for (const email of [en, de, es]) {
      expect(email.subject).toBe('How to vote: Organizer’s words')
      expect(email.html).toContain('How to vote: Organizer’s words')
      expect(email.html).toContain('Voting is <strong>open</strong>. The organizer writes in English.')
    }

    expect(en.html).toContain('<html dir="ltr" lang="en"')
    expect(en.text).toContain('Voting is open until 11:59 p.m. EDT, Tuesday, April 30, 2030.')
    expect(en.text).toContain('So far on Quorum: 1,234 people pledged for · 5,678,901 shares.')
    expect(en.text).toContain('Already voted?')
    expect(en.html).toContain(`${page}/vote#brokers`)
    expect(en.html).not.toContain('?lang=')

    expect(de.html).toContain('<html dir="ltr" lang="de"')
    expect(de.text).toContain('Die Abstimmung läuft bis 23:59 GMT-4, Dienstag, 30. April 2030.')
    expect(de.text).toContain('Bisher auf Quorum: 1.234 Personen haben eine Ja-Stimme zugesagt · 5.678.901 Aktien.')
    expect(de.text).toContain('So stimmen Sie ab, Schritt für Schritt')
    expect(de.text).toContain('Schon abgestimmt?')
    expect(de.text).toContain('Quorum nimmt niemals Ihre Stimmrechtsvollmacht an')
    expect(de.text).toContain('Von dieser Kampagne abmelden')
    expect(de.html).toContain(`${page}/vote?lang=de#brokers`)
    expect(de.html).toContain(`${page}?lang=de"`)
    expect(de.text).not.toContain('Voting is open until')

    expect(es.html).toContain('<html dir="ltr" lang="es"')
    expect(es.text).toContain('La votación está abierta hasta las 23:59 GMT-4, martes, 30 de abril de 2030.')
    expect(es.text).toContain('Hasta ahora en Quorum:')
    expect(es.text).toContain('Cómo votar, paso a paso')
    expect(es.text).toContain('¿Ya ha votado?')
    expect(es.html).toContain(`${page}/vote?lang=es#brokers`)
    expect(es.text).not.toContain('Already voted?')

    // Everyone keeps their own links.
    expect(new Set([en, de, es].map((email) => email.headers?.['List-Unsubscribe'])).size).toBe(3)
  })

  test('the language is frozen with the audience, and a retried batch carries the same bytes', async () => {
    const { campaign, update, german } = await startSend()
    // Signing up again on a Spanish page after the freeze changes nothing in this send.
    await db().updateTable('supporters').set({ locale: 'es' }).where('id', '=', german.id).execute()

    const { batches, transport } = recordingTransport()
    world.fake.inject({ kind: '500' })
    const first = (await claimBatch(db(), { updateId: update.id }))!
    expect(await sendBatch(db(), transport, first)).toMatchObject({ status: 'retry' })
    expect(world.fake.emails).toHaveLength(0)

    await db().updateTable('deliveries').set({ retry_at: sql`now()` }).where('update_id', '=', update.id).execute()
    const again = (await claimBatch(db(), { updateId: update.id }))!
    expect(again.key).toBe(first.key)
    expect(await sendBatch(db(), transport, again)).toMatchObject({ status: 'sent', count: 3 })

    expect(batches).toHaveLength(2)
    expect(JSON.stringify(batches[1])).toBe(JSON.stringify(batches[0]))
    expect(world.fake.requests.filter((request) => request.status === 409)).toEqual([])
    expect(to('de', campaign).text).toContain('Die Abstimmung läuft bis')
  })

  test('the organizer’s preview stays English', async () => {
    const { campaign, update } = await startSend()
    const full = await db().selectFrom('updates').selectAll().where('id', '=', update.id).executeTakeFirstOrThrow()
    const preview = await previewCopy(campaign, full)
    expect(preview.text).toContain('Voting is open until 11:59 p.m. EDT')
    expect(preview.html).toContain('<html dir="ltr" lang="en"')
  })
})
