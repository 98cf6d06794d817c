import type { Kysely } from 'kysely'
import { createElement } from 'react'
import type { Campaign, Database } from '../../db/schema'
import ConfirmPledge from '../../emails/confirm-pledge'
import type { EmailCampaign } from '../../emails/layout'
import ManagePledge from '../../emails/manage-pledge'
import { config } from '../config.server'
import type { MailTransport } from '../mail/transport'
import { FOLLOW_FORM_VERSION, PLEDGE_FORM_VERSION, type PledgeSubmission } from '../schemas/pledge'
import { formatCount } from '../utils/format'
import { defaultTransport, renderEmail, sendEmail, senderFor, unsubscribeHeaders } from './mail.server'
import { issueFreshLinks, recordFollow, recordPledge, type SupporterLinks } from './pledges.server'
import { TOKEN_LIFETIME_DAYS } from './supporter-tokens.server'

// The public sign-up flows: record first (a pledge is never lost), then email the link.
// Whatever the address, the page afterwards is the same "check your email".

type Db = Kysely<Database>
type CampaignForMail = Pick<Campaign, 'id' | 'status' | 'slug' | 'title' | 'company' | 'legend' | 'postal_address' | 'sender_name'>

export function linkUrls(links: SupporterLinks) {
  return {
    confirmUrl: links.confirmToken ? `${config.appUrl}/confirm/${links.confirmToken}` : null,
    manageUrl: `${config.appUrl}/me/${links.manageToken}`,
    unsubscribeUrl: `${config.appUrl}/u/${links.unsubscribeToken}`,
  }
}

function emailCampaign(campaign: CampaignForMail): EmailCampaign {
  return {
    title: campaign.title,
    company: campaign.company,
    legend: campaign.legend,
    postalAddress: campaign.postal_address,
    pageUrl: `${config.appUrl}/c/${campaign.slug}`,
  }
}

export function describePledge(pledge: Pick<PledgeSubmission, 'intention' | 'shares'>): string {
  const how = { for: 'to vote for', against: 'to vote against', abstain: 'to abstain', undecided: 'as undecided' }[pledge.intention]
  return pledge.shares ? `${how}, with about ${formatCount(pledge.shares)} shares,` : how
}

async function notify(
  db: Db,
  input: { campaign: CampaignForMail; email: string; links: SupporterLinks; kind: 'pledge' | 'follow'; pledgeSummary: string | null },
  transport: MailTransport,
) {
  const urls = linkUrls(input.links)
  const campaign = emailCampaign(input.campaign)
  const element = urls.confirmUrl
    ? createElement(ConfirmPledge, {
        campaign,
        kind: input.kind,
        pledgeSummary: input.pledgeSummary,
        confirmUrl: urls.confirmUrl,
        manageUrl: urls.manageUrl,
        unsubscribeUrl: urls.unsubscribeUrl,
        expiresInDays: TOKEN_LIFETIME_DAYS.confirm,
      })
    : createElement(ManagePledge, { campaign, manageUrl: urls.manageUrl, unsubscribeUrl: urls.unsubscribeUrl })
  const subject = urls.confirmUrl
    ? `Confirm your ${input.kind === 'pledge' ? 'pledge' : 'subscription'}: ${input.campaign.title}`
    : `Your pledge on ${input.campaign.title}`
  const result = await sendEmail(
    db,
    { from: senderFor(input.campaign), to: input.email, subject, ...(await renderEmail(element)), headers: unsubscribeHeaders(urls.unsubscribeUrl) },
    transport,
  )
  // NOTE: the pledge is already stored; a failed send is logged and the supporter can ask for a new link.
  if (!result.ok) console.error(`Could not send "${subject}" (${result.status ?? 'no status'}): ${result.error}`)
  return result
}

export async function pledgeAndNotify(db: Db, input: { campaign: CampaignForMail; pledge: PledgeSubmission }, transport = defaultTransport(db)) {
  const outcome = await recordPledge(db, { campaign: input.campaign, pledge: input.pledge, formVersion: PLEDGE_FORM_VERSION })
  await notify(db, { campaign: input.campaign, email: outcome.email, links: outcome.links, kind: 'pledge', pledgeSummary: describePledge(input.pledge) }, transport)
  return outcome
}

export async function followAndNotify(db: Db, input: { campaign: CampaignForMail; email: string }, transport = defaultTransport(db)) {
  const outcome = await recordFollow(db, { campaign: input.campaign, email: input.email, formVersion: FOLLOW_FORM_VERSION })
  await notify(db, { campaign: input.campaign, email: outcome.email, links: outcome.links, kind: 'follow', pledgeSummary: null }, transport)
  return outcome
}

/** "Send me a new link": a known address gets fresh links; an unknown one gets nothing. */
export async function sendFreshLinks(db: Db, input: { email: string }, transport = defaultTransport(db)): Promise<void> {
  const fresh = await issueFreshLinks(db, input)
  if (!fresh) return
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', fresh.campaignId).executeTakeFirstOrThrow()
  await notify(db, { campaign, email: fresh.email, links: fresh.links, kind: 'pledge', pledgeSummary: null }, transport)
}
