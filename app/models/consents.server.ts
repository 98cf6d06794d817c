import type { ConsentItem, Db, Trx } from '../../db/schema'
import type { Locale } from '../i18n/locales'
import { ME_RESUBSCRIBE_VERSION } from '../schemas/pledge'
import { consentWording } from '../utils/consent-wording'
import { networkPrefix } from '../utils/network-prefix'

// Consent on record (decision 015): when an address is confirmed, what its owner agreed to on
// each form (the pledge, showing their name, the campaign's emails), the words that form showed,
// when they sent it, and from which network the confirmation came. A record is never changed;
// it goes only with the supporter when they erase their data.

/** A pledge that this confirmation made count, as the confirming transaction read it. */
export interface ConfirmedPledge {
  campaign_id: number
  show_name: boolean
  form_version: string
  consent_at: Date
  /** The language the form was read in. */
  locale: Locale
}

/**
 * Writes one record per campaign and form sent: the pledges just confirmed and, when the address
 * itself was confirmed just now, the subscriptions it had asked for. Replaying a confirmation
 * writes nothing new (one record per supporter, campaign, form version and time sent).
 */
export async function recordConsents(
  trx: Trx,
  input: { supporterId: string; pledges: ConfirmedPledge[]; addressConfirmedNow: boolean; clientIp?: string },
): Promise<void> {
  const subscriptions = input.addressConfirmedNow
    ? await trx
        .selectFrom('subscriptions')
        .select(['campaign_id', 'form_version', 'consent_at', 'locale'])
        .where('supporter_id', '=', input.supporterId)
        .where('status', '=', 'subscribed')
        .execute()
    : []
  // A pledge sent with "email me updates" ticked subscribed in the same transaction: one form, one record.
  const given = new Map<string, { campaignId: number; formVersion: string; givenAt: Date; readIn: Locale; items: Set<ConsentItem> }>()
  const add = (form: { campaign_id: number; form_version: string; consent_at: Date; locale: Locale }, items: ConsentItem[]) => {
    const key = `${form.campaign_id} ${form.form_version} ${form.consent_at.toISOString()}`
    const entry = given.get(key) ?? { campaignId: form.campaign_id, formVersion: form.form_version, givenAt: form.consent_at, readIn: form.locale, items: new Set<ConsentItem>() }
    for (const item of items) entry.items.add(item)
    given.set(key, entry)
  }
  for (const p of input.pledges) add(p, p.show_name ? ['pledge', 'public_name'] : ['pledge'])
  for (const s of subscriptions) add(s, ['updates'])
  if (given.size === 0) return

  const network = networkPrefix(input.clientIp)
  await trx
    .insertInto('consent_records')
    .values(
      [...given.values()].map((g) => {
        const items = [...g.items]
        return {
          campaign_id: g.campaignId,
          supporter_id: input.supporterId,
          agreed_to: items,
          form_version: g.formVersion,
          ...consentWording(g.formVersion, items, g.readIn),
          given_at: g.givenAt,
          network_prefix: network,
        }
      }),
    )
    .onConflict((oc) => oc.columns(['supporter_id', 'campaign_id', 'form_version', 'given_at']).doNothing())
    .execute()
}

/**
 * Opting back in to a campaign's updates from the supporter's own page (/me), read in `locale`:
 * its link already proves the address, so the record is complete at once.
 */
export async function recordResubscribeConsent(
  trx: Trx,
  input: { supporterId: string; campaignId: number; givenAt: Date; locale: Locale; clientIp?: string },
): Promise<void> {
  await trx
    .insertInto('consent_records')
    .values({
      campaign_id: input.campaignId,
      supporter_id: input.supporterId,
      agreed_to: ['updates'],
      form_version: ME_RESUBSCRIBE_VERSION,
      ...consentWording(ME_RESUBSCRIBE_VERSION, ['updates'], input.locale),
      given_at: input.givenAt,
      network_prefix: networkPrefix(input.clientIp),
    })
    .onConflict((oc) => oc.columns(['supporter_id', 'campaign_id', 'form_version', 'given_at']).doNothing())
    .execute()
}

/** A supporter's consent records, oldest first, for their own export. */
export async function listConsents(db: Db, input: { supporterId: string }) {
  return db
    .selectFrom('consent_records')
    .innerJoin('campaigns', 'campaigns.id', 'consent_records.campaign_id')
    .select([
      'campaigns.slug',
      'consent_records.agreed_to',
      'consent_records.form_version',
      'consent_records.wording',
      'consent_records.locale',
      'consent_records.given_at',
      'consent_records.confirmed_at',
      'consent_records.network_prefix',
    ])
    .where('consent_records.supporter_id', '=', input.supporterId)
    .orderBy('consent_records.id')
    .execute()
}
