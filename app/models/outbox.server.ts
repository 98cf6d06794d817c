import type { Db } from '../../db/schema'
import { maskLinkTokens } from '../utils/mask-link-tokens'

/**
 * The outbox transport's messages for the campaigns this organizer owns, newest first, with
 * the tokens of their links hidden (a message's links act for its recipient).
 */
export async function listOutbox(db: Db, input: { organizerId: number; limit: number }) {
  const rows = await db
    .selectFrom('outbox_messages')
    .innerJoin('campaign_organizers', 'campaign_organizers.campaign_id', 'outbox_messages.campaign_id')
    .innerJoin('campaigns', 'campaigns.id', 'outbox_messages.campaign_id')
    .where('campaign_organizers.organizer_id', '=', input.organizerId)
    .where('campaign_organizers.role', '=', 'owner')
    .select(['outbox_messages.id', 'outbox_messages.to_email', 'outbox_messages.subject', 'outbox_messages.text', 'outbox_messages.created_at', 'campaigns.title as campaign_title'])
    .orderBy('outbox_messages.id', 'desc')
    .limit(input.limit)
    .execute()
  return rows.map((row) => ({ ...row, subject: maskLinkTokens(row.subject), text: maskLinkTokens(row.text) }))
}
