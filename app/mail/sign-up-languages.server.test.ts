import { beforeEach, describe, expect, test } from 'vitest'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { FOLLOW_FORM_VERSION, PLEDGE_FORM_VERSION } from '../schemas/pledge'
import { issueFreshLinks, recordFollow, recordPledge } from '../models/pledges.server'
import { processEmailQueue } from './sign-up-queue.server'

// A supporter's sign-up emails speak the language of the page they signed up on: recorded with
// the supporter (migration 0032) and kept in the queued row, so that a retry sends the same bytes.

const world = setUpMailWorld()
beforeEach(async () => {
  world.fake.reset()
  await world.db.deleteFrom('email_queue').execute()
})

const localeOf = async (email: string) => (await world.db.selectFrom('supporters').select('locale').where('email', '=', email).executeTakeFirstOrThrow()).locale

describe(`sign-up emails in the supporter’s language on ${testDatabaseKind}`, () => {
  test('a pledge from the German page records German and sends its confirmation in German, shares written the German way', async () => {
    const campaign = await createCampaign(world.db)
    await recordPledge(world.db, { campaign, pledge: { ...basePledge, email: 'de@example.org', shares: '1200' }, formVersion: PLEDGE_FORM_VERSION, locale: 'de' })
    expect(await localeOf('de@example.org')).toBe('de')
    expect(await processEmailQueue(world.db, { transport: world.transport() })).toEqual({ claimed: 1, sent: 1 })
    const [email] = world.fake.emails
    expect(email!.subject).toBe('Bestätigen Sie Ihre Zusage: A Test Proposal')
    expect(email!.html).toMatch(/<html[^>]* lang="de"/)
    expect(email!.text).toContain('Danke, dass Sie zusagen, für den Antrag „A Test Proposal“')
    expect(email!.text).toContain('etwa 1.200 Aktien')
    expect(email!.text).toContain('Meine Zusage bestätigen')
    expect(email!.text).toContain('?lang=de')
  })

  test('a follow from the Spanish page, and later links asked for in English, each in the language of its own sign-up', async () => {
    const campaign = await createCampaign(world.db)
    await recordFollow(world.db, { campaign, email: 'es@example.org', formVersion: FOLLOW_FORM_VERSION, locale: 'es' })
    expect(await localeOf('es@example.org')).toBe('es')
    await processEmailQueue(world.db, { transport: world.transport() })
    expect(world.fake.emails[0]!.subject).toBe('Confirme su suscripción: A Test Proposal')
    expect(world.fake.emails[0]!.text).toContain('Gracias por seguir la propuesta «A Test Proposal»')

    // "Send me a new link" has no page language of its own: the supporter's recorded one.
    world.fake.reset()
    await issueFreshLinks(world.db, { email: 'es@example.org' })
    await processEmailQueue(world.db, { transport: world.transport() })
    expect(world.fake.emails[0]!.subject).toBe('Confirme su compromiso: A Test Proposal')

    // Signing up again from an English page makes English theirs.
    world.fake.reset()
    await recordPledge(world.db, { campaign, pledge: { ...basePledge, email: 'es@example.org' }, formVersion: PLEDGE_FORM_VERSION })
    expect(await localeOf('es@example.org')).toBe('en')
    await processEmailQueue(world.db, { transport: world.transport() })
    expect(world.fake.emails[0]!.subject).toBe('Confirm your pledge: A Test Proposal')
    expect(world.fake.emails[0]!.html).toMatch(/<html[^>]* lang="en"/)
  })

  test('a confirmed address entered again on the German page gets the “already signed up” email in German', async () => {
    const campaign = await createCampaign(world.db)
    await recordPledge(world.db, { campaign, pledge: { ...basePledge, email: 'known@example.org' }, formVersion: PLEDGE_FORM_VERSION })
    await world.db.updateTable('supporters').set({ confirmed_at: new Date() }).where('email', '=', 'known@example.org').execute()
    await processEmailQueue(world.db, { transport: world.transport() })
    world.fake.reset()
    await recordPledge(world.db, { campaign, pledge: { ...basePledge, email: 'known@example.org' }, formVersion: PLEDGE_FORM_VERSION, locale: 'de' })
    await processEmailQueue(world.db, { transport: world.transport() })
    expect(world.fake.emails[0]!.subject).toBe('Ihre Zusage zu A Test Proposal')
    expect(world.fake.emails[0]!.text).toContain('SIE SIND BEREITS ANGEMELDET')
  })
})
