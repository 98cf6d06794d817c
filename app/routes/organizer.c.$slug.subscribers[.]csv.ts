import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportSubscribersCsv } from '~/models/exports.server'
import { csvDownloadHeaders } from '~/utils/csv'
import { inExportSlot } from '~/utils/export-slots.server'
import { requireCampaignRole } from '~/utils/organizer-auth.server'

// The campaign's confirmed, reachable subscribers as a streamed CSV download (audited).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug, 'viewer')
  return inExportSlot(organizer.id, async (release) => {
    const csv = await exportSubscribersCsv(context.db, { campaign, organizerId: organizer.id, readerReady: context.readerReady, onDone: release })
    return new Response(csv.body, { headers: csvDownloadHeaders(csv.filename) })
  })
}
