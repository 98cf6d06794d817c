import { sql } from 'kysely'
import type { BrokerGuide, Db } from '../../db/schema'
import type { BrokerGuideValues } from '../schemas/broker-guide'
import { GENERIC_GUIDE_KEY, matchBrokerGuide, normalizeBrokerName } from '../utils/broker-match'
import { afterPublicChange } from '../utils/public-page-cache.server'
import { fieldFailure, formFailure, type Result } from '../utils/result'
import { recordAudit } from './audit.server'

// Broker voting guides (decision 016). Quorum's text for each market is a row without a
// campaign; a campaign's editors change the guide for their campaign only, which stores the
// campaign's own copy (a row with its id and the same key). A campaign shows its copy where it
// has one and Quorum's text elsewhere, in Quorum's order; "restore" deletes the copy.

export interface CampaignGuides {
  id: number
  market: string
}

export type EffectiveGuide = BrokerGuide & {
  /** The campaign has its own copy of this guide. */
  edited: boolean
}

/** The campaign's guides, in the order pages list them (the generic one last). */
export async function listBrokerGuides(db: Db, campaign: CampaignGuides): Promise<EffectiveGuide[]> {
  const rows = await db
    .selectFrom('broker_guides')
    .selectAll()
    .where((eb) => eb.or([eb.and([eb('campaign_id', 'is', null), eb('market', '=', campaign.market)]), eb('campaign_id', '=', campaign.id)]))
    .execute()
  const copies = new Map(rows.filter((r) => r.campaign_id !== null).map((r) => [r.key, r]))
  return rows
    .filter((r) => r.campaign_id === null)
    .sort((a, b) => a.position - b.position || a.key.localeCompare(b.key))
    .map((quorum) => {
      const copy = copies.get(quorum.key)
      return copy ? { ...copy, position: quorum.position, edited: true } : { ...quorum, edited: false }
    })
}

export async function getBrokerGuide(db: Db, input: { campaign: CampaignGuides; key: string }): Promise<EffectiveGuide | null> {
  return (await listBrokerGuides(db, input.campaign)).find((g) => g.key === input.key) ?? null
}

export interface GuideLink {
  key: string
  name: string
  generic: boolean
}

/** Each pledge's guide (by its typed broker), for the pages that link to it; pledges are read by id. */
export async function guidesForPledges(
  db: Db,
  pledges: ReadonlyArray<{ id: string; campaign_id: number; market: string; broker: string | null }>,
): Promise<Map<string, GuideLink>> {
  const byCampaign = new Map<number, Promise<EffectiveGuide[]>>()
  const links = new Map<string, GuideLink>()
  for (const pledge of pledges) {
    if (!byCampaign.has(pledge.campaign_id)) byCampaign.set(pledge.campaign_id, listBrokerGuides(db, { id: pledge.campaign_id, market: pledge.market }))
    const guide = matchBrokerGuide(await byCampaign.get(pledge.campaign_id)!, pledge.broker)
    if (guide) links.set(pledge.id, { key: guide.key, name: guide.name, generic: guide.key === GENERIC_GUIDE_KEY })
  }
  return links
}

const EDITABLE = ['name', 'aliases', 'cutoff_note', 'steps'] as const
type Editable = Pick<BrokerGuide, (typeof EDITABLE)[number]>

const editable = (guide: Editable): Editable => ({ name: guide.name, aliases: guide.aliases, cutoff_note: guide.cutoff_note, steps: guide.steps })
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
/** As the audit log shows it: the other names as one line. */
const audited = (values: Partial<Editable>) => ({ ...values, ...(values.aliases ? { aliases: values.aliases.join(', ') } : {}) })

/** A name that already leads to another guide would make the match depend on the guides' order. */
function takenName(guides: EffectiveGuide[], key: string, values: BrokerGuideValues): { field: 'name' | 'aliases'; text: string; owner: string } | null {
  const others = new Map<string, string>()
  for (const guide of guides) {
    if (guide.key === key || guide.key === GENERIC_GUIDE_KEY) continue
    for (const name of [guide.name, ...guide.aliases]) others.set(normalizeBrokerName(name), guide.name)
  }
  for (const [field, names] of [['name', [values.name]], ['aliases', values.aliases]] as const) {
    for (const text of names) {
      const owner = others.get(normalizeBrokerName(text))
      if (owner) return { field, text, owner }
    }
  }
  return null
}

/**
 * Saves the campaign's copy of a guide. `version` is the guide's updated_at when the form was
 * loaded: a save over a newer one is refused. An unchanged form writes nothing.
 */
export async function saveBrokerGuide(
  db: Db,
  input: { organizerId: number; campaign: CampaignGuides; key: string; values: BrokerGuideValues },
): Promise<Result<{ changed: string[] }>> {
  return db
    .transaction()
    .execute(async (trx) => {
      // Saves of one guide wait for each other: the version check below then sees the last one.
      const quorum = await trx
        .selectFrom('broker_guides')
        .select('id')
        .where('campaign_id', 'is', null)
        .where('market', '=', input.campaign.market)
        .where('key', '=', input.key)
        .forUpdate()
        .executeTakeFirst()
      if (!quorum) return formFailure('This guide no longer exists.')
      const guides = await listBrokerGuides(trx, input.campaign)
      const current = guides.find((g) => g.key === input.key)!
      if (input.values.version && input.values.version !== current.updated_at.toISOString()) {
        return formFailure('Someone else saved this guide after you opened it. Your changes are still in the form: check them against the saved guide (open this page in a new tab), then save again.')
      }
      const taken = takenName(guides, input.key, input.values)
      if (taken) return fieldFailure(taken.field, `“${taken.text}” already leads to the ${taken.owner} guide: keep each name in one guide only`)

      const before = editable(current)
      const after = editable({ name: input.values.name, aliases: input.values.aliases, cutoff_note: input.values.cutoffNote, steps: input.values.steps })
      const changed = EDITABLE.filter((column) => !same(before[column], after[column]))
      if (changed.length === 0) return { ok: true as const, changed }

      await trx
        .insertInto('broker_guides')
        .values({ campaign_id: input.campaign.id, market: input.campaign.market, key: input.key, ...after, position: current.position })
        .onConflict((oc) =>
          oc
            .columns(['campaign_id', 'key'])
            .where('campaign_id', 'is not', null)
            .doUpdateSet({ ...after, updated_at: sql`clock_timestamp()` }),
        )
        .execute()
      await recordAudit(trx, {
        organizerId: input.organizerId,
        campaignId: input.campaign.id,
        action: 'broker_guide.updated',
        entityType: 'broker_guide',
        entityId: input.key,
        // `guide` names the guide in the log's sentence; being the same on both sides, it is no change.
        before: { guide: after.name, ...audited(Object.fromEntries(changed.map((c) => [c, before[c]]))) },
        after: { guide: after.name, ...audited(Object.fromEntries(changed.map((c) => [c, after[c]]))) },
      })
      return { ok: true as const, changed: [...changed] }
    })
    .then(afterPublicChange)
}

/** Drops the campaign's copy of a guide: its pages show Quorum's text again. */
export async function restoreBrokerGuide(db: Db, input: { organizerId: number; campaign: CampaignGuides; key: string }): Promise<Result<{ restored: boolean }>> {
  return db
    .transaction()
    .execute(async (trx) => {
      const copy = await trx.deleteFrom('broker_guides').where('campaign_id', '=', input.campaign.id).where('key', '=', input.key).returningAll().executeTakeFirst()
      if (!copy) return { ok: true as const, restored: false }
      await recordAudit(trx, {
        organizerId: input.organizerId,
        campaignId: input.campaign.id,
        action: 'broker_guide.restored',
        entityType: 'broker_guide',
        entityId: input.key,
        before: audited(editable(copy)),
      })
      return { ok: true as const, restored: true }
    })
    .then(afterPublicChange)
}
