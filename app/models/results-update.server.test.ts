import { describe, expect, test } from 'vitest'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { mailerRound } from '../mail/mailer.server'
import { createPacer } from '../mail/pacer'
import { createOrganizer } from './organizers.server'
import { confirmSupporter, recordPledge } from './pledges.server'
import { confirmSend, reviewSend } from './update-review.server'

// Report back: the results email waits for the official result, its review shows what it will
// report, and every copy quotes the result as it stood when sending started.

const world = setUpMailWorld()

describe(`the results update on ${testDatabaseKind}`, () => {
  test('cannot be scheduled before the result is recorded; then its review and every copy report it', async () => {
    const db = world.db
    const organizerId = (await createOrganizer(db, { email: `results-${Date.now()}@example.org`, password: 'a long enough password' })).id
    const campaign = await createCampaign(db)
    const pledged = await recordPledge(db, { campaign, pledge: { ...basePledge, email: `results-reader-${campaign.id}@example.org` }, formVersion: 'test' })
    await db.transaction().execute((trx) => confirmSupporter(trx, { supporterId: pledged.supporterId }))
    const subject = `The ${campaign.agm_year} result ${campaign.id}`
    const { id: updateId } = await db
      .insertInto('updates')
      .values({ campaign_id: campaign.id, kind: 'results', send_at: new Date(Date.now() - 60_000), subject, body: 'Thank you for voting.', status: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const now = new Date()

    const early = await reviewSend(db, { campaignId: campaign.id, updateId, control: 'schedule', now })
    expect(early).toEqual({ ok: false, formError: expect.stringMatching(/^Record the meeting’s official result first/) })

    await db.insertInto('proposal_votes').values({ proposal_key: campaign.proposal_key, meeting_year: campaign.agm_year, votes_for: '3000', votes_against: '7000' }).execute()
    const review = await reviewSend(db, { campaignId: campaign.id, updateId, control: 'schedule', now })
    expect(review.ok && review.review.result).toEqual({ supportPercent: '30.00' })
    const sent = await confirmSend(db, { campaignId: campaign.id, updateId, organizerId, control: 'schedule', reviewedSendAt: review.ok ? review.review.sendAt.toISOString() : '', sendNow: true })
    expect(sent.ok).toBe(true)
    for (let i = 0; i < 5; i++) await mailerRound(db, { transport: world.transport(), pacer: createPacer({ perSecond: 1000 }) })

    const email = world.fake.emails.find((e) => e.subject === subject)!
    expect(email.text).toContain('The annual meeting has voted: 30% of the votes cast were for the proposal.')
    const stored = await db.selectFrom('updates').select('public_figures').where('id', '=', updateId).executeTakeFirstOrThrow()
    expect(stored.public_figures).toEqual({ people: 1, shares: '100', result: { supportPercent: '30.00' } })
  })
})
