import type { ActionFunctionArgs } from '@remix-run/node'
import type { OrganizerRole } from '../../db/schema'
import { requireCampaignRole } from './organizer-auth.server'
import { readForm } from './read-form.server'

/**
 * How an action on one of a campaign's organizer pages begins: the organizer's access to the
 * campaign (a 404 or 403 as requireCampaignRole decides), and only then the posted form.
 */
export async function readCampaignForm({ request, params, context }: ActionFunctionArgs, needed: OrganizerRole) {
  const access = await requireCampaignRole(request, context, params.slug, needed)
  return { ...access, form: await readForm(request) }
}
