import { sql } from 'kysely'
import type { Campaign, Db } from '../../db/schema'
import { CSV_BOM, type CsvCell, csvLines } from '../utils/csv'
import { recordAudit } from './audit.server'

// The organizer's CSV downloads. They are streamed in keyset batches: each batch is one short
// query, so a million rows never sit in memory, and no connection is held while a slow client
// downloads (the embedded database has exactly one, which every other request needs too). The
// batches are not one snapshot: a pledge made mid-download may or may not be in the file.
// Between batches the stream yields to the event loop and waits for its reader (backpressure),
// and app/utils/export-slots.server.ts limits how many run at once.
//
// Erased supporters are already gone from the database. Suppressed ones (bounced, complained,
// or asked for no email at all) are left out of both files entirely: a file leaves Quorum's
// control and ends up in mailing tools, so their address is not handed out. Their pledges
// still count in the tally, which never names anyone.

type ExportCampaign = Pick<Campaign, 'id' | 'slug'>

export const EXPORT_BATCH_SIZE = 1000

export interface CsvExport {
  filename: string
  body: ReadableStream<Uint8Array>
}

/** What a download's stream is told of its reader (the HTTP response), and tells back when done. */
export interface ExportStreamOptions {
  /**
   * Resolves once the reader can take more (true), or has gone (false). Remix writes a body to
   * the socket without waiting for it to drain, so without this a slow client would have the
   * whole file read into memory; with it, a batch is read only when the last one has left.
   */
  readerReady?: () => Promise<boolean>
  /** Called once when the stream ends: finished, failed or cancelled. */
  onDone?: () => void
}

/** Lets every callback that is waiting (other requests' I/O) run before the next batch. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A stream of CSV: the header, then one chunk per batch until a batch comes back short. */
function csvStream<Row>(
  input: { header: string[]; batchSize: number; nextBatch: (after: Row | null) => Promise<Row[]>; cells: (row: Row) => CsvCell[] } & ExportStreamOptions,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let last: Row | null = null
  let started = false
  let finished = false
  const done = () => {
    if (finished) return
    finished = true
    input.onDone?.()
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true
            controller.enqueue(encoder.encode(CSV_BOM + csvLines([input.header])))
            return
          }
          await yieldToEventLoop()
          if (input.readerReady && !(await input.readerReady())) {
            controller.close()
            return done()
          }
          const rows = await input.nextBatch(last)
          if (rows.length > 0) {
            last = rows[rows.length - 1]!
            controller.enqueue(encoder.encode(csvLines(rows.map(input.cells))))
          }
          if (rows.length < input.batchSize) {
            controller.close()
            done()
          }
        } catch (error) {
          done()
          throw error
        }
      },
      cancel: done,
    },
    // One batch read ahead at most: the next is read when this one has been taken.
    { highWaterMark: 0 },
  )
}

/** One batch of the pledges file, oldest first, after the last row of the previous batch. */
async function pledgeBatch(db: Db, input: { campaignId: number; after: { id: string; created_key: string } | null; limit: number }) {
  const { after } = input
  let rows = db
    .selectFrom('pledges as p')
    .innerJoin('supporters as s', 's.id', 'p.supporter_id')
    .select(['p.id', 's.email', 's.name', 'p.intention', 'p.shares', 'p.holder_type', 'p.broker', 'p.status', 'p.voted_at', 'p.created_at', 'p.confirmed_at'])
    // The exact instant (microseconds) for the keyset: a JS Date would drop them.
    .select(sql<string>`to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('created_key'))
    .where('p.campaign_id', '=', input.campaignId)
    .where('s.suppressed_at', 'is', null)
  if (after) rows = rows.where((eb) => eb(eb.refTuple('p.created_at', 'p.id'), '>', eb.tuple(sql<Date>`${after.created_key}::timestamptz`, after.id)))
  return rows.orderBy('p.created_at').orderBy('p.id').limit(input.limit).execute()
}
type PledgeExportRow = Awaited<ReturnType<typeof pledgeBatch>>[number]

/**
 * One batch of the subscribers file: confirmed supporters subscribed to the campaign and not
 * suppressed. "Has pledged" means a pledge to this campaign that was not withdrawn.
 */
async function subscriberBatch(db: Db, input: { campaignId: number; after: { supporter_id: string } | null; limit: number }) {
  let rows = db
    .selectFrom('subscriptions as sub')
    .innerJoin('supporters as s', 's.id', 'sub.supporter_id')
    .select(['sub.supporter_id', 's.email', 's.name', 'sub.consent_at'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('pledges as p').select('p.id').whereRef('p.campaign_id', '=', 'sub.campaign_id').whereRef('p.supporter_id', '=', 'sub.supporter_id').where('p.status', '<>', 'withdrawn'))
        .as('has_pledged'),
    )
    .where('sub.campaign_id', '=', input.campaignId)
    .where('sub.status', '=', 'subscribed')
    .where('s.confirmed_at', 'is not', null)
    .where('s.suppressed_at', 'is', null)
  // Keyed on the (campaign_id, supporter_id) unique index: each batch starts where the last ended.
  if (input.after) rows = rows.where('sub.supporter_id', '>', input.after.supporter_id)
  return rows.orderBy('sub.supporter_id').limit(input.limit).execute()
}
type SubscriberExportRow = Awaited<ReturnType<typeof subscriberBatch>>[number]

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

/**
 * Every pledge of the campaign, oldest first, without suppressed supporters. The audit entry is
 * written before the first byte: from then on the data may have left, whether or not the
 * download completes.
 */
export async function exportPledgesCsv(db: Db, input: { campaign: ExportCampaign; organizerId: number; batchSize?: number } & ExportStreamOptions): Promise<CsvExport> {
  const { campaign } = input
  const batchSize = input.batchSize ?? EXPORT_BATCH_SIZE
  const filename = `${campaign.slug}-pledges-${today()}.csv`
  await recordAudit(db, { organizerId: input.organizerId, campaignId: campaign.id, action: 'export.pledges', entityType: 'campaign', entityId: campaign.id, after: { filename } })

  const body = csvStream({
    readerReady: input.readerReady,
    onDone: input.onDone,
    header: ['Email', 'Name', 'Intention', 'Shares', 'Holder type', 'Broker', 'Status', 'Voted', 'Voted at (UTC)', 'Pledged at (UTC)', 'Confirmed at (UTC)'],
    batchSize,
    nextBatch: (after: PledgeExportRow | null) => pledgeBatch(db, { campaignId: campaign.id, after, limit: batchSize }),
    cells: (p) => [
      p.email,
      p.name,
      p.intention,
      p.shares,
      p.holder_type,
      p.broker,
      p.status,
      p.voted_at ? 'yes' : 'no',
      p.voted_at?.toISOString(),
      p.created_at.toISOString(),
      p.confirmed_at?.toISOString(),
    ],
  })
  return { filename, body }
}

/** The campaign's mailing list (see subscriberBatch), audited like the pledges file. */
export async function exportSubscribersCsv(db: Db, input: { campaign: ExportCampaign; organizerId: number; batchSize?: number } & ExportStreamOptions): Promise<CsvExport> {
  const { campaign } = input
  const batchSize = input.batchSize ?? EXPORT_BATCH_SIZE
  const filename = `${campaign.slug}-subscribers-${today()}.csv`
  await recordAudit(db, { organizerId: input.organizerId, campaignId: campaign.id, action: 'export.subscribers', entityType: 'campaign', entityId: campaign.id, after: { filename } })

  const body = csvStream({
    readerReady: input.readerReady,
    onDone: input.onDone,
    header: ['Email', 'Name', 'Subscribed since (UTC)', 'Has pledged'],
    batchSize,
    nextBatch: (after: SubscriberExportRow | null) => subscriberBatch(db, { campaignId: campaign.id, after, limit: batchSize }),
    // consent_at is renewed when someone subscribes again: it is when this subscription began.
    cells: (s) => [s.email, s.name, s.consent_at.toISOString(), s.has_pledged ? 'yes' : 'no'],
  })
  return { filename, body }
}
