import { beforeAll, describe, expect, test } from 'vitest'
import type { Campaign } from '../../db/schema'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { processEmailQueue } from './sign-up-queue.server'
import { createOrganizer } from '../models/organizers.server'
import { recordPledge } from '../models/pledges.server'
import { proposeSchedule, sendTestUpdate } from '../models/updates.server'
import { CampaignSchema } from '../schemas/campaign'
import { UpdateEditSchema } from '../schemas/update'
import { campaignCalendar } from '../utils/calendar.server'
import { ONE_LINE_MESSAGE } from '../utils/single-line'

// Line breaks in anything that reaches a mail header or a calendar property: refused by the
// forms, and removed by the builders from whatever is stored anyway.

const world = setUpMailWorld()
let campaign: Campaign
const INJECTED = '\r\nBcc: victim@example.org'

beforeAll(async () => {
  // Stored as a form from before these checks (or a hand-edited row) could have left them.
  campaign = await createCampaign(world.db, {
    title: `A Title${INJECTED}`,
    sender_name: `Campaign${INJECTED}`,
    company: 'Example\rCorp',
    legend: 'Not a proxy solicitation.\rDo not send your proxy card.\u2028Thank you.',
    meeting_location: `Room 1${'\r\n'}ATTENDEE:mailto:victim@example.org`,
  })
})


function expectOneLine(value: string | undefined, what: string) {
  expect(value, what).toBeDefined()
  expect(value, what).not.toMatch(/[\r\n\u0000-\u001f\u007f]/)
}

describe(`control characters on ${testDatabaseKind}`, () => {
  test('the campaign and update forms refuse line breaks in every field that reaches a header or a calendar', () => {
    const campaignIssues = CampaignSchema.safeParse({ company: 'Co\nX', ticker: 'AB\tC', exchange: 'NY\rSE', title: `T${INJECTED}`, senderName: 'S\u0000', meetingLocation: 'Room\u2028B' })
    const refused = campaignIssues.error!.issues.filter((i) => i.message === ONE_LINE_MESSAGE).map((i) => i.path.join('.'))
    expect(refused.sort()).toEqual(['company', 'exchange', 'meetingLocation', 'senderName', 'ticker', 'title'])
    const update = UpdateEditSchema.safeParse({ updateId: '1', subject: `Hello${INJECTED}`, body: 'Body', sendAt: '2030-01-01T09:00', audience: 'all' })
    expect(update.error!.issues.find((i) => i.path[0] === 'subject')?.message).toBe(ONE_LINE_MESSAGE)
  })

  test('a sign-up email built from a stored title and sender name with CR/LF reaches Resend with single-line headers', async () => {
    world.fake.reset()
    await recordPledge(world.db, { campaign, pledge: { ...basePledge, email: 'signer@example.org' }, formVersion: 'test' })
    await processEmailQueue(world.db, { transport: world.transport() })
    const [email] = world.fake.emails
    expectOneLine(email?.from, 'from')
    expectOneLine(email?.subject, 'subject')
    expect(email!.from).toBe(`"Campaign Bcc: victim@example.org" <no-reply@quorum.invalid>`)
    for (const [name, value] of Object.entries(email!.headers ?? {})) expectOneLine(value, name)
  })

  test('an update whose stored subject has CR/LF goes out with a one-line subject, From and List-Id', async () => {
    world.fake.reset()
    const organizer = await createOrganizer(world.db, { email: 'headers@example.org', password: 'correct horse battery staple' })
    await proposeSchedule(world.db, { campaignId: campaign.id, organizerId: organizer.id })
    const update = await world.db.updateTable('updates').set({ subject: `Hello${INJECTED}` }).where('campaign_id', '=', campaign.id).returning('id').executeTakeFirstOrThrow()
    expect(await sendTestUpdate(world.db, { campaignId: campaign.id, updateId: update.id, organizerId: organizer.id, to: 'headers@example.org' }, world.transport())).toEqual({ ok: true })
    const [email] = world.fake.emails
    expectOneLine(email?.subject, 'subject')
    expectOneLine(email?.from, 'from')
    expectOneLine(email?.headers?.['List-Id'], 'List-Id')
    expect(email!.headers!['List-Id']).toMatch(/^"A Title Bcc: victim@example.org" <.+\.updates\..+>$/)
  })

  test('the calendar has no bare CR or LF and no property the text injected', () => {
    const ics = campaignCalendar(campaign, { pageUrl: 'https://q.example.org/c/x' })
    expect(ics).not.toMatch(/\r(?!\n)/)
    expect(ics).not.toMatch(/(?<!\r)\n/)
    const lines = ics.split('\r\n')
    expect(lines.some((line) => /^(ATTENDEE|BCC)/i.test(line))).toBe(false)
    expect(ics).toContain('Example Corp')
  })
})
