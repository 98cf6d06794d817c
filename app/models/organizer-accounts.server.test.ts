import { sql } from 'kysely'
import { beforeEach, describe, expect, test } from 'vitest'
import { createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { processEmailQueue } from '../mail/sign-up-queue.server'
import { maskLinkTokens } from '../utils/mask-link-tokens'
import { listCampaignOrganizers } from './campaign-organizers.server'
import { acceptInvitation, getInvitation, inviteOrganizer, listPendingInvitations, revokeInvitation } from './organizer-invitations.server'
import { pruneOrganizerTokens } from './organizer-tokens.server'
import { createOrganizer, createSession, getSessionOrganizer, grantRole, verifyLogin } from './organizers.server'
import { checkResetToken, requestPasswordReset, resetPassword } from './password-resets.server'

// Invitations and password resets end to end below the pages: queued in the transaction that
// asks for them, sent through the real Resend SDK to the fake Resend server, the link used once.

const world = setUpMailWorld()
let sequence = 0
let ipSequence = 0
const PASSWORD = 'an organizer passphrase'
// Each call a network (/24) of its own, so that only the limit a test aims at is reached.
const nextIp = () => `10.${Math.floor(++ipSequence / 250)}.${ipSequence % 250}.1`

beforeEach(async () => {
  world.fake.reset()
  await world.db.deleteFrom('email_queue').execute()
  await world.db.deleteFrom('rate_limits').execute()
})

async function campaignWithOwner() {
  sequence += 1
  const campaign = await createCampaign(world.db)
  const owner = await createOrganizer(world.db, { email: `owner-${sequence}@example.org`, password: PASSWORD })
  await grantRole(world.db, { campaignId: campaign.id, organizerId: owner.id, role: 'owner' })
  return { campaign, owner }
}

/** Sends what is queued and returns the link of the one email to `to` whose path starts so. */
async function sendAndFindLink(to: string, path: '/organizer/invite/' | '/organizer/reset/') {
  await processEmailQueue(world.db, { transport: world.transport() })
  const email = world.fake.emails.find((e) => e.to.includes(to))
  expect(email, `an email to ${to}`).toBeDefined()
  const match = email!.text!.match(new RegExp(`https?://[^\\s]+${path}([A-Za-z0-9_-]{43})`))
  return { email: email!, token: match?.[1] ?? null }
}

const queueRows = () => world.db.selectFrom('email_queue').selectAll().orderBy('id').execute()
const auditActions = (campaignId: number) =>
  world.db.selectFrom('audit_log').select('action').where('campaign_id', '=', campaignId).orderBy('id').execute().then((rows) => rows.map((r) => r.action))

describe(`organizer invitations on ${testDatabaseKind}`, () => {
  test('an invitation is queued with its campaign, goes out through the transport once, forgets its token, and accepting it creates the account and the role, once', async () => {
    const { campaign, owner } = await campaignWithOwner()
    const invited = await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: ' New.Person@Example.org ', role: 'editor', clientIp: nextIp() })
    expect(invited).toMatchObject({ ok: true })
    const [queued] = await queueRows()
    expect(queued).toMatchObject({ kind: 'organizer_invite', to_email: 'new.person@example.org', campaign_id: campaign.id, supporter_id: null, status: 'queued' })
    expect(await listPendingInvitations(world.db, { campaignId: campaign.id })).toMatchObject([{ email: 'new.person@example.org', role: 'editor', invitedBy: owner.email }])

    const { email, token } = await sendAndFindLink('new.person@example.org', '/organizer/invite/')
    expect(email.subject).toBe('You are invited to organize A Test Proposal on Quorum')
    expect(email.text).toContain(`${owner.email} invited you to work on the campaign A Test Proposal`)
    expect(email.text).toContain('as an editor: you will be able to edit the campaign and its vote history')
    expect(email.idempotencyKey).toBe(`quorum-email-${queued!.id}`)
    expect(token).not.toBeNull()
    expect(maskLinkTokens(email.text!)).not.toContain(token!)
    // Sent: the queue keeps no token, and only the token's hash is stored.
    expect((await queueRows())[0]).toMatchObject({ status: 'sent', payload: {} })
    const stored = await world.db.selectFrom('organizer_tokens').select('token_hash').where('purpose', '=', 'invite').where('email', '=', 'new.person@example.org').executeTakeFirstOrThrow()
    expect(stored.token_hash.toString('base64url')).not.toBe(token)

    expect(await getInvitation(world.db, { token: token! })).toMatchObject({ ok: true, email: 'new.person@example.org', role: 'editor', hasAccount: false, campaign: { slug: campaign.slug } })
    const accepted = await acceptInvitation(world.db, { token: token!, password: 'a brand new passphrase', name: 'New Person', clientIp: nextIp() })
    expect(accepted).toMatchObject({ ok: true, slug: campaign.slug })
    expect(await verifyLogin(world.db, { email: 'new.person@example.org', password: 'a brand new passphrase' })).not.toBeNull()
    expect((await listCampaignOrganizers(world.db, { campaignId: campaign.id })).map((o) => [o.email, o.role, o.name])).toContainEqual(['new.person@example.org', 'editor', 'New Person'])
    expect(await listPendingInvitations(world.db, { campaignId: campaign.id })).toEqual([])

    // Single use: the same link accepts nothing a second time.
    expect(await acceptInvitation(world.db, { token: token!, password: 'another passphrase here', clientIp: nextIp() })).toEqual({ ok: false, reason: 'used' })
    expect(await getInvitation(world.db, { token: token! })).toEqual({ ok: false, reason: 'used' })
    expect(await auditActions(campaign.id)).toEqual(['organizer.invited', 'organizer.joined'])
  })

  test('an address with an account accepts by signing in with its own password; a wrong password uses nothing up', async () => {
    const { campaign, owner } = await campaignWithOwner()
    const existing = await createOrganizer(world.db, { email: `existing-${sequence}@example.org`, password: PASSWORD })
    await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: existing.email, role: 'viewer', clientIp: nextIp() })
    const { token } = await sendAndFindLink(existing.email, '/organizer/invite/')
    expect(await getInvitation(world.db, { token: token! })).toMatchObject({ ok: true, hasAccount: true })
    expect(await acceptInvitation(world.db, { token: token!, password: 'not the password at all', clientIp: nextIp() })).toMatchObject({ ok: false, fieldErrors: { password: [expect.any(String)] } })
    expect(await getInvitation(world.db, { token: token! })).toMatchObject({ ok: true })
    expect(await acceptInvitation(world.db, { token: token!, password: PASSWORD, clientIp: nextIp() })).toEqual({ ok: true, organizerId: existing.id, slug: campaign.slug })
    expect((await listCampaignOrganizers(world.db, { campaignId: campaign.id })).find((o) => o.id === existing.id)?.role).toBe('viewer')
    // The account's password is unchanged.
    expect(await verifyLogin(world.db, { email: existing.email, password: PASSWORD })).not.toBeNull()
  })

  test('an expired invitation is refused and creates nothing', async () => {
    const { campaign, owner } = await campaignWithOwner()
    await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: `late-${sequence}@example.org`, role: 'editor', clientIp: nextIp() })
    const { token } = await sendAndFindLink(`late-${sequence}@example.org`, '/organizer/invite/')
    await world.db.updateTable('organizer_tokens').set({ expires_at: sql`now() - interval '1 minute'` }).where('email', '=', `late-${sequence}@example.org`).execute()
    expect(await getInvitation(world.db, { token: token! })).toEqual({ ok: false, reason: 'expired' })
    expect(await acceptInvitation(world.db, { token: token!, password: 'a brand new passphrase', clientIp: nextIp() })).toEqual({ ok: false, reason: 'expired' })
    expect(await world.db.selectFrom('organizers').select('id').where('email', '=', `late-${sequence}@example.org`).executeTakeFirst()).toBeUndefined()
    expect(await listPendingInvitations(world.db, { campaignId: campaign.id })).toEqual([])
    // The owner can invite the address again: the expired invitation no longer counts as waiting.
    const again = await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: `late-${sequence}@example.org`, role: 'editor', clientIp: nextIp() })
    expect(again.ok).toBe(true)
    expect(await listPendingInvitations(world.db, { campaignId: campaign.id })).toEqual([expect.objectContaining({ email: `late-${sequence}@example.org` })])
  })

  test('a revoked invitation no longer works, its waiting email is not sent, and the revocation is audited', async () => {
    const { campaign, owner } = await campaignWithOwner()
    const address = `revoked-${sequence}@example.org`
    const invited = await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: address, role: 'owner', clientIp: nextIp() })
    if (!invited.ok) throw new Error('invite failed')
    const token = ((await queueRows())[0]!.payload as { token: string }).token
    // A second invitation to the same address waits for the first to be revoked.
    expect(await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: address, role: 'viewer', clientIp: nextIp() })).toMatchObject({
      ok: false,
      fieldErrors: { email: [expect.stringMatching(/waiting already/)] },
    })
    expect(await revokeInvitation(world.db, { actorId: owner.id, campaignId: campaign.id, invitationId: invited.invitationId })).toEqual({ ok: true, changed: true })
    expect(await revokeInvitation(world.db, { actorId: owner.id, campaignId: campaign.id, invitationId: invited.invitationId })).toEqual({ ok: true, changed: false })
    expect(await processEmailQueue(world.db, { transport: world.transport() })).toEqual({ claimed: 0, sent: 0 })
    expect(world.fake.emails).toEqual([])
    expect((await queueRows())[0]).toMatchObject({ status: 'failed', payload: {} })
    expect(await getInvitation(world.db, { token })).toEqual({ ok: false, reason: 'invalid' })
    expect(await acceptInvitation(world.db, { token, password: 'a brand new passphrase', clientIp: nextIp() })).toEqual({ ok: false, reason: 'invalid' })
    expect(await listPendingInvitations(world.db, { campaignId: campaign.id })).toEqual([])
    expect(await auditActions(campaign.id)).toEqual(['organizer.invited', 'organizer.invitation_revoked'])
    // Once revoked, a new invitation may go.
    expect(await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: address, role: 'viewer', clientIp: nextIp() })).toMatchObject({ ok: true })
  })

  test('only owners invite and revoke; someone on the campaign already is refused next to the field', async () => {
    const { campaign, owner } = await campaignWithOwner()
    const editor = await createOrganizer(world.db, { email: `editor-${sequence}@example.org`, password: PASSWORD })
    await grantRole(world.db, { campaignId: campaign.id, organizerId: editor.id, role: 'editor' })
    expect(await inviteOrganizer(world.db, { actorId: editor.id, campaignId: campaign.id, email: 'x@example.org', role: 'owner', clientIp: nextIp() })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/Only the campaign’s owners/),
    })
    expect(await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: editor.email, role: 'owner', clientIp: nextIp() })).toMatchObject({
      ok: false,
      fieldErrors: { email: [expect.stringMatching(/already works on this campaign as editor/)] },
    })
    expect(await queueRows()).toEqual([])
  })

  test('invitations are throttled per invited address and per network, with a wait in minutes', async () => {
    const { campaign, owner } = await campaignWithOwner()
    const address = `popular-${sequence}@example.org`
    for (let i = 0; i < 3; i++) {
      const invited = await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: address, role: 'viewer', clientIp: nextIp() })
      if (invited.ok) await revokeInvitation(world.db, { actorId: owner.id, campaignId: campaign.id, invitationId: invited.invitationId })
    }
    const refused = await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: address, role: 'viewer', clientIp: nextIp() })
    expect(refused).toMatchObject({ ok: false, formError: expect.stringMatching(/^Too many invitations .* Try again in \d+ minutes?\.$/), retryAfterSeconds: expect.any(Number) })
    const ip = '203.0.113.77'
    const outcomes = []
    for (let i = 0; i < 21; i++) outcomes.push((await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: `n${i}-${sequence}@example.org`, role: 'viewer', clientIp: ip })).ok)
    expect(outcomes.filter(Boolean)).toHaveLength(20)
    expect(outcomes.at(-1)).toBe(false)
  })
})

describe(`password resets on ${testDatabaseKind}`, () => {
  test('a reset link sets a new password once, ends every session of the account, and the other reset links with it', async () => {
    const organizer = await createOrganizer(world.db, { email: `forgetful-${++sequence}@example.org`, password: PASSWORD })
    const session = await createSession(world.db, { organizerId: organizer.id })
    expect(await requestPasswordReset(world.db, { email: organizer.email.toUpperCase(), clientIp: nextIp() })).toEqual({ ok: true })
    expect(await requestPasswordReset(world.db, { email: organizer.email, clientIp: nextIp() })).toEqual({ ok: true })
    await processEmailQueue(world.db, { transport: world.transport() })
    const links = world.fake.emails.map((e) => e.text!.match(/\/organizer\/reset\/([A-Za-z0-9_-]{43})/)?.[1])
    expect(world.fake.emails.map((e) => e.subject)).toEqual(['Your Quorum organizer password', 'Your Quorum organizer password'])
    expect(links.every(Boolean)).toBe(true)
    expect((await queueRows()).map((r) => r.payload)).toEqual([{}, {}])

    expect(await checkResetToken(world.db, { token: links[0] })).toEqual({ ok: true, email: organizer.email })
    expect(await resetPassword(world.db, { token: links[0]!, newPassword: 'a fresh new passphrase' })).toEqual({ ok: true, organizerId: organizer.id })
    expect(await verifyLogin(world.db, { email: organizer.email, password: 'a fresh new passphrase' })).not.toBeNull()
    expect(await verifyLogin(world.db, { email: organizer.email, password: PASSWORD })).toBeNull()
    expect(await getSessionOrganizer(world.db, { sessionId: session })).toBeUndefined()
    // Single use, and the other link asked for before it is spent too.
    expect(await resetPassword(world.db, { token: links[0]!, newPassword: 'yet another passphrase' })).toEqual({ ok: false, reason: 'used' })
    expect(await checkResetToken(world.db, { token: links[1] })).toEqual({ ok: false, reason: 'used' })
    const audit = await world.db.selectFrom('audit_log').select(['action', 'organizer_id']).where('action', '=', 'password.reset').where('organizer_id', '=', organizer.id).execute()
    expect(audit).toHaveLength(1)
  })

  test('an expired reset link is refused and changes nothing', async () => {
    const organizer = await createOrganizer(world.db, { email: `slow-${++sequence}@example.org`, password: PASSWORD })
    await requestPasswordReset(world.db, { email: organizer.email, clientIp: nextIp() })
    const { token } = await sendAndFindLink(organizer.email, '/organizer/reset/')
    await world.db.updateTable('organizer_tokens').set({ expires_at: sql`now() - interval '1 second'` }).where('organizer_id', '=', organizer.id).execute()
    expect(await checkResetToken(world.db, { token: token! })).toEqual({ ok: false, reason: 'expired' })
    expect(await resetPassword(world.db, { token: token!, newPassword: 'a fresh new passphrase' })).toEqual({ ok: false, reason: 'expired' })
    expect(await verifyLogin(world.db, { email: organizer.email, password: PASSWORD })).not.toBeNull()
    // A month after it ended, the link's row is pruned; a live one stays.
    await requestPasswordReset(world.db, { email: organizer.email, clientIp: nextIp() })
    await world.db.updateTable('organizer_tokens').set({ expires_at: sql`now() - interval '31 days'` }).where('organizer_id', '=', organizer.id).where('expires_at', '<', sql<Date>`now()`).execute()
    await pruneOrganizerTokens(world.db)
    expect(await world.db.selectFrom('organizer_tokens').select('id').where('organizer_id', '=', organizer.id).execute()).toHaveLength(1)
  })

  test('a token works for its own purpose only: an invitation link resets nothing, a reset link joins nothing', async () => {
    const { campaign, owner } = await campaignWithOwner()
    await inviteOrganizer(world.db, { actorId: owner.id, campaignId: campaign.id, email: owner.email.replace('owner', 'purpose'), role: 'owner', clientIp: nextIp() })
    await requestPasswordReset(world.db, { email: owner.email, clientIp: nextIp() })
    const [invite, reset] = (await queueRows()).map((r) => (r.payload as { token: string }).token)
    expect(await checkResetToken(world.db, { token: invite })).toEqual({ ok: false, reason: 'invalid' })
    expect(await resetPassword(world.db, { token: invite!, newPassword: 'a fresh new passphrase' })).toEqual({ ok: false, reason: 'invalid' })
    expect(await getInvitation(world.db, { token: reset })).toEqual({ ok: false, reason: 'invalid' })
    expect(await acceptInvitation(world.db, { token: reset!, password: PASSWORD, clientIp: nextIp() })).toEqual({ ok: false, reason: 'invalid' })
    // Both still work for what they are.
    expect(await checkResetToken(world.db, { token: reset })).toMatchObject({ ok: true })
    expect(await getInvitation(world.db, { token: invite })).toMatchObject({ ok: true })
  })

  test('no enumeration: a known and an unknown address get the same answer and queue the same work; only the email differs', async () => {
    const known = await createOrganizer(world.db, { email: `known-${++sequence}@example.org`, password: PASSWORD })
    const unknown = `unknown-${sequence}@example.org`
    const tokensBefore = await world.db.selectFrom('organizer_tokens').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    const answers = [await requestPasswordReset(world.db, { email: known.email, clientIp: nextIp() }), await requestPasswordReset(world.db, { email: unknown, clientIp: nextIp() })]
    expect(answers[0]).toEqual(answers[1])
    const tokensAfter = await world.db.selectFrom('organizer_tokens').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(Number(tokensAfter.n) - Number(tokensBefore.n)).toBe(2)
    const shape = (row: Awaited<ReturnType<typeof queueRows>>[number]) => ({
      kind: row.kind,
      campaign_id: row.campaign_id,
      supporter_id: row.supporter_id,
      status: row.status,
      payloadKeys: Object.keys(row.payload as object).sort(),
      tokenLength: (row.payload as { token: string }).token.length,
    })
    const rows = await queueRows()
    expect(rows.map((r) => r.to_email)).toEqual([known.email, unknown])
    expect(shape(rows[0]!)).toEqual(shape(rows[1]!))

    await processEmailQueue(world.db, { transport: world.transport() })
    const toUnknown = world.fake.emails.find((e) => e.to.includes(unknown))!
    expect(toUnknown.subject).toBe(world.fake.emails.find((e) => e.to.includes(known.email))!.subject)
    expect(toUnknown.text).toMatch(/no account uses it/)
    expect(toUnknown.text).not.toMatch(/\/organizer\/reset\//)
    // The unknown address's token opens nothing, even if someone had it.
    const unknownToken = (rows[1]!.payload as { token: string }).token
    expect(await checkResetToken(world.db, { token: unknownToken })).toEqual({ ok: false, reason: 'invalid' })
  })

  test('reset requests are throttled per address and per network, the same for known and unknown addresses', async () => {
    const known = await createOrganizer(world.db, { email: `often-${++sequence}@example.org`, password: PASSWORD })
    for (const address of [known.email, `never-${sequence}@example.org`]) {
      const outcomes = []
      for (let i = 0; i < 4; i++) outcomes.push(await requestPasswordReset(world.db, { email: address, clientIp: nextIp() }))
      expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false])
      expect(outcomes[3]).toMatchObject({ formError: expect.stringMatching(/^Too many password reset requests/), retryAfterSeconds: expect.any(Number) })
    }
    // One network (a /24) asking for many addresses.
    const outcomes = []
    for (let i = 0; i < 11; i++) outcomes.push((await requestPasswordReset(world.db, { email: `spray-${i}-${sequence}@example.org`, clientIp: `192.0.2.${i + 1}` })).ok)
    expect(outcomes.filter(Boolean)).toHaveLength(10)
    expect(outcomes.at(-1)).toBe(false)
  })
})
