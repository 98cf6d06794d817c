import { describe, expect, test } from 'vitest'
import { type AuditFacts, auditSentence, listJoin, SENTENCE_ONLY } from './audit-sentences'

const base: AuditFacts = {
  action: '',
  who: 'ada@example.org',
  campaign: 'Customer Due Diligence 2027',
  updateSubject: 'How to vote on Customer Due Diligence',
  entityType: 'update',
  entityId: '7',
  before: null,
  after: null,
  timeZone: 'America/Los_Angeles',
}
const say = (facts: Partial<AuditFacts>) => auditSentence({ ...base, ...facts })

describe('audit entries read as sentences: who, what, which item', () => {
  test('update controls name the update by its subject and give times in the campaign’s zone', () => {
    expect(say({ action: 'update.schedule', after: { status: 'scheduled', sendAt: '2027-01-05T18:00:00.000Z' } })).toBe(
      'ada@example.org scheduled the update “How to vote on Customer Due Diligence” to go Tuesday, January 5, 2027, 10:00 a.m. PST.',
    )
    expect(say({ action: 'update.send_now', before: { sendAt: '2026-11-23T18:00:00.000Z' } })).toBe(
      'ada@example.org sent the update “How to vote on Customer Due Diligence” at once; it was dated Monday, November 23, 2026, 10:00 a.m. PST.',
    )
    expect(say({ action: 'update.proposed', after: { kind: 'how_to_vote', sendAt: '2026-12-01T18:00:00.000Z', audience: 'pledged_not_voted' } })).toBe(
      'ada@example.org proposed the update “How to vote on Customer Due Diligence” as a draft, dated Tuesday, December 1, 2026, 10:00 a.m. PST, for Pledged, not voted yet.',
    )
    expect(say({ action: 'update.pause' })).toBe('ada@example.org paused the update “How to vote on Customer Due Diligence”.')
    expect(say({ action: 'update.test_sent', after: { to: 'ada@example.org', ok: false } })).toBe(
      'ada@example.org sent a test of the update “How to vote on Customer Due Diligence” to ada@example.org, which failed.',
    )
    expect(say({ action: 'update.cancel', updateSubject: null })).toBe('ada@example.org cancelled an update since deleted.')
  })

  test('webhooks: endpoints added, rotated, disabled, enabled and deleted; deliveries sent again', () => {
    const endpoint = { entityType: 'webhook_endpoint', entityId: '4' }
    expect(say({ ...endpoint, action: 'webhook_endpoint.created', after: { url: 'https://crm.example.org/hooks', events: ['pledge.confirmed', 'update.sent'] } })).toBe(
      'ada@example.org added the webhook endpoint https://crm.example.org/hooks to the campaign Customer Due Diligence 2027, for pledge.confirmed and update.sent.',
    )
    expect(say({ ...endpoint, action: 'webhook_endpoint.secret_rotated', after: { url: 'https://crm.example.org/hooks' } })).toBe(
      'ada@example.org rotated the signing secret of the webhook endpoint https://crm.example.org/hooks of the campaign Customer Due Diligence 2027.',
    )
    expect(say({ ...endpoint, action: 'webhook_endpoint.deleted', before: { url: 'https://crm.example.org/hooks' } })).toBe(
      'ada@example.org deleted the webhook endpoint https://crm.example.org/hooks of the campaign Customer Due Diligence 2027.',
    )
    expect(say({ entityType: 'webhook_delivery', entityId: '9', action: 'webhook_delivery.resent', after: { message: 'msg_abc', endpoint: 4 } })).toBe(
      'ada@example.org sent the webhook msg_abc of the campaign Customer Due Diligence 2027 again.',
    )
  })

  test('API tokens: creation, revocation, each use and refusal, and drafts made through one', () => {
    const token = { entityType: 'api_token', entityId: '3' }
    expect(say({ ...token, action: 'api_token.created', after: { name: 'CRM', prefix: 'qrm_AbC123', scopes: ['pledges:read', 'updates:write'] } })).toBe(
      'ada@example.org created the API token “CRM” (qrm_AbC123…) for the campaign Customer Due Diligence 2027, allowed to pledges:read and updates:write.',
    )
    expect(say({ ...token, action: 'api_token.revoked', before: { name: 'CRM', prefix: 'qrm_AbC123' } })).toBe(
      'ada@example.org revoked the API token “CRM” (qrm_AbC123…) of the campaign Customer Due Diligence 2027.',
    )
    expect(say({ ...token, action: 'api_token.used', after: { method: 'GET', path: '/api/v1/campaigns/x/pledges' } })).toBe('ada@example.org’s API token 3 called GET /api/v1/campaigns/x/pledges.')
    expect(say({ ...token, action: 'api_token.refused', after: { method: 'GET', path: '/api/v1/campaigns/x/subscribers', scope: 'subscribers:read' } })).toBe(
      'ada@example.org’s API token 3 was refused GET /api/v1/campaigns/x/subscribers, which needs subscribers:read on this campaign.',
    )
    expect(say({ action: 'update.drafted', after: { sendAt: '2027-01-05T18:00:00.000Z', via: 'api_token:3' } })).toBe(
      'ada@example.org drafted the update “How to vote on Customer Due Diligence” through the API, dated Tuesday, January 5, 2027, 10:00 a.m. PST.',
    )
    expect(SENTENCE_ONLY.test('api_token.used')).toBe(true)
  })

  test('campaign, organizer, pause, export and moderation entries', () => {
    expect(say({ action: 'campaign.updated', entityType: 'campaign' })).toBe('ada@example.org edited the campaign Customer Due Diligence 2027.')
    expect(say({ action: 'vote_history.updated', before: { 2023: null }, after: { 2022: {}, 2023: {} } })).toBe('ada@example.org changed the proposal’s vote history (the 2022 and 2023 meetings).')
    expect(say({ action: 'organizer.added', after: { email: 'bob@example.org', role: 'editor' } })).toBe('ada@example.org added bob@example.org to the campaign Customer Due Diligence 2027 as an editor.')
    expect(say({ action: 'organizer.role_changed', before: { email: 'bob@example.org', role: 'viewer' }, after: { email: 'bob@example.org', role: 'owner' } })).toBe(
      'ada@example.org changed bob@example.org’s role on the campaign Customer Due Diligence 2027 from viewer to owner.',
    )
    expect(say({ action: 'organizer.invited', after: { email: 'cy@example.org', role: 'owner' } })).toBe('ada@example.org invited cy@example.org to the campaign Customer Due Diligence 2027 as an owner.')
    expect(say({ action: 'organizer.invitation_revoked', before: { email: 'cy@example.org', role: 'owner' } })).toBe(
      'ada@example.org revoked the invitation of cy@example.org to the campaign Customer Due Diligence 2027.',
    )
    expect(say({ action: 'organizer.joined', after: { email: 'ada@example.org', role: 'viewer', newAccount: true } })).toBe(
      'ada@example.org accepted the invitation to the campaign Customer Due Diligence 2027 as a viewer, with a new account.',
    )
    expect(say({ action: 'password.reset', campaign: null, timeZone: 'UTC' })).toBe('ada@example.org set a new password from a reset link.')
    expect(say({ action: 'mail.campaign_paused' })).toBe('ada@example.org paused sending for the campaign Customer Due Diligence 2027.')
    const guide = { entityType: 'broker_guide', entityId: 'charles-schwab' }
    expect(say({ ...guide, action: 'broker_guide.updated', before: { guide: 'Schwab', name: 'Charles Schwab' }, after: { guide: 'Schwab', name: 'Schwab' } })).toBe(
      'ada@example.org edited the broker guide “Schwab” of the campaign Customer Due Diligence 2027.',
    )
    expect(say({ ...guide, action: 'broker_guide.restored', before: { name: 'Schwab', steps: '1. Vote.' } })).toBe(
      'ada@example.org restored Quorum’s text of the broker guide “Schwab” for the campaign Customer Due Diligence 2027.',
    )
    expect(SENTENCE_ONLY.test('broker_guide.updated')).toBe(false)
    expect(say({ action: 'mailer.paused', campaign: null, timeZone: 'UTC' })).toBe('ada@example.org paused sending for every campaign.')
    expect(say({ action: 'export.pledges', after: { filename: 'pledges.csv' } })).toBe('ada@example.org downloaded the pledges of the campaign Customer Due Diligence 2027 (pledges.csv).')
    expect(say({ action: 'public_name.hidden', after: { name: 'Mallory' } })).toBe('ada@example.org hid the name “Mallory” from the public list of supporters of the campaign Customer Due Diligence 2027.')
    expect(say({ action: 'password.changed', campaign: null })).toBe('ada@example.org changed their password.')
  })

  test('an action this code does not know still reads as a sentence, and raw keys never lead', () => {
    const sentence = say({ action: 'holder.imported', entityType: 'holder_import', entityId: '12' })
    expect(sentence).toBe('ada@example.org made a change (holder.imported) to holder import 12 of the campaign Customer Due Diligence 2027.')
    expect(say({ action: 'update.schedule', who: 'A deleted account' })).toMatch(/^A deleted account scheduled /)
  })

  test('which entries need their before/after table, and lists read as English', () => {
    expect(SENTENCE_ONLY.test('update.schedule')).toBe(true)
    expect(SENTENCE_ONLY.test('update.edited')).toBe(false)
    expect(SENTENCE_ONLY.test('campaign.updated')).toBe(false)
    expect(listJoin(['a'])).toBe('a')
    expect(listJoin(['a', 'b', 'c'])).toBe('a, b and c')
  })
})
