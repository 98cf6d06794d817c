import type { LoaderFunctionArgs } from '@remix-run/node'
import { recordAudit } from '~/models/audit.server'
import { filterBoard, loadHolderBoard } from '~/models/targeting.server'
import { BoardFiltersSchema } from '~/schemas/vote-model'
import { CSV_BOM, csvDownloadHeaders, csvLines } from '~/utils/csv'
import { inExportSlot } from '~/utils/export-slots.server'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'
import { leanLabel } from '~/utils/vote-labels'

// The targeting board as a CSV (the filters of the page apply); the download is audited.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const filters = BoardFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  // Built in memory (a board is a few thousand holders at most), in a slot like the streamed files.
  const rows = await inExportSlot(organizer.id, async (release) => {
    try {
      return filterBoard(await loadHolderBoard(context.db, { campaign }), filters)
    } finally {
      release()
    }
  })
  const filename = `${campaign.slug}-holders-${new Date().toISOString().slice(0, 10)}.csv`
  await recordAudit(context.db, { organizerId: organizer.id, campaignId: campaign.id, action: 'export.holders', entityType: 'campaign', entityId: campaign.id, after: { filename, rows: rows.length } })
  const header = ['Holder', 'Type', 'CIK', 'Shares', '% of outstanding', 'Voting sole', 'Voting shared', 'Voting none', 'Report period', 'Votes on this proposal', 'Class', 'Engagement', 'Next step', 'Contact', 'Notes', 'Expected vote', 'Illustrative']
  const body =
    CSV_BOM +
    csvLines([
      header,
      ...rows.map((r) => [
        r.name, r.kind, r.cik, r.shares, r.percentOfOutstanding, r.voting.sole, r.voting.shared, r.voting.none, r.reportPeriod,
        r.history.map((h) => `${h.year}: ${Object.entries(h.records).map(([how, n]) => `${how} ${n}`).join(' ')}`).join('; '),
        r.class, r.engagement.status, r.engagement.nextStepOn, r.engagement.contact, r.engagement.notes, leanLabel(r.lean), r.isDemo ? 'yes' : 'no',
      ]),
    ])
  return new Response(body, { headers: { ...csvDownloadHeaders(filename), ...PRIVATE_NO_STORE } })
}
