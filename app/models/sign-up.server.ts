import type { Campaign, Db } from '../../db/schema'
import { signalEmailQueued } from '../mail/index.server'
import type { Locale } from '../i18n/locales'
import { FOLLOW_FORM_VERSION, PLEDGE_FORM_VERSION, type PledgeSubmission } from '../schemas/pledge'
import { issueFreshLinks, recordFollow, recordPledge } from './pledges.server'

// The public sign-up flows. Each records the change and queues its email in one transaction,
// then signals the mail jobs (app/jobs). Whatever the address, the page afterwards is the same.

type LiveCampaign = Pick<Campaign, 'id' | 'status'>

export async function pledgeAndNotify(db: Db, input: { campaign: LiveCampaign; pledge: PledgeSubmission; locale?: Locale }) {
  const outcome = await recordPledge(db, { campaign: input.campaign, pledge: input.pledge, formVersion: PLEDGE_FORM_VERSION, locale: input.locale })
  signalEmailQueued()
  return outcome
}

export async function followAndNotify(db: Db, input: { campaign: LiveCampaign; email: string; locale?: Locale }) {
  const outcome = await recordFollow(db, { campaign: input.campaign, email: input.email, formVersion: FOLLOW_FORM_VERSION, locale: input.locale })
  signalEmailQueued()
  return outcome
}

/** "Send me a new link": a known address gets fresh links; an unknown one gets nothing. */
export async function sendFreshLinks(db: Db, input: { email: string }): Promise<void> {
  if (await issueFreshLinks(db, input)) signalEmailQueued()
}
