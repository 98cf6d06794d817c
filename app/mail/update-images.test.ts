import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { config } from '../config.server'
import { createOrganizer } from '../models/organizers.server'
import { previewUpdate, proposeSchedule } from '../models/updates.server'
import { renderMarkdown } from '../utils/markdown.server'

// An update's images load when the email is opened: only Quorum's own and MAIL_IMAGE_ORIGINS'.

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => handle?.close())

const BODY = [
  'Our progress so far.',
  '![a tracking pixel](https://tracker.example/p.gif?who=1)',
  '![the campaign logo](/logo.png)',
  `![a chart](${config.appUrl}/charts/support.png)`,
  '![odd](data:image/gif;base64,R0lGODlhAQABAAAAACw=)',
  '![](//tracker.example/protocol-relative.gif)',
].join('\n\n')

describe(`images in update emails on ${testDatabaseKind}`, () => {
  test('an image from another server goes out as its alt text; Quorum’s own images keep an absolute address', async () => {
    const campaign = await createCampaign(handle.db)
    const organizer = await createOrganizer(handle.db, { email: 'images@example.org', password: 'correct horse battery staple' })
    await proposeSchedule(handle.db, { campaignId: campaign.id, organizerId: organizer.id })
    const update = await handle.db.updateTable('updates').set({ body: BODY }).where('campaign_id', '=', campaign.id).returning('id').executeTakeFirstOrThrow()
    const email = (await previewUpdate(handle.db, { campaignId: campaign.id, updateId: update.id }))!
    expect(email.html).not.toContain('tracker.example')
    expect(email.html).not.toContain('data:image')
    expect(email.html).toContain('a tracking pixel')
    expect(email.html).toContain(`src="${config.appUrl}/logo.png"`)
    expect(email.html).toContain(`src="${config.appUrl}/charts/support.png"`)
    expect(email.html.match(/<img /g)).toHaveLength(2)
  })

  test('an allowed image server is kept, a look-alike is not; without a list (the public page) markdown is unchanged', () => {
    const imageOrigins = { base: 'https://q.example.org', origins: ['https://q.example.org', 'https://img.example.net'] }
    const html = renderMarkdown('![kept](https://img.example.net/a.png) ![dropped <b>](https://img.example.net.evil.example/a.png)', 'x', { imageOrigins })
    expect(html).toContain('<img src="https://img.example.net/a.png" alt="kept">')
    expect(html).toContain('dropped &lt;b&gt;')
    expect(html).not.toContain('evil.example')
    expect(renderMarkdown('![x](https://elsewhere.example/a.png)', 'x')).toContain('<img src="https://elsewhere.example/a.png"')
  })
})
