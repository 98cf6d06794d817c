import { z } from 'zod'
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../db/schema'

export { WEBHOOK_EVENT_TYPES }

export const EVENT_LABELS: Record<WebhookEventType, string> = {
  'pledge.confirmed': 'A pledge is confirmed',
  'pledge.changed': 'A confirmed pledge changes',
  'pledge.deleted': 'A confirmed pledge is deleted (its supporter erased their data)',
  'supporter.unsubscribed': 'A confirmed supporter unsubscribes from this campaign',
  'update.sent': 'An email update finishes sending',
}

/** The address, or null when it is not one (the .url() check says so). */
function parsed(value: string): URL | null {
  try {
    return new URL(value)
  } catch {
    return null
  }
}

const URL_MESSAGE = 'Enter the full address of your receiver, e.g. https://crm.example.org/hooks/quorum'

/** The owner's form for a new endpoint. Where the address may point is the model's to check. */
export const NewWebhookEndpointSchema = z.object({
  url: z
    .string({ required_error: URL_MESSAGE })
    .trim()
    .max(2000, 'Keep the address to 2,000 characters or fewer')
    .url(URL_MESSAGE)
    .refine((value) => parsed(value) === null || /^https?:$/.test(parsed(value)!.protocol), 'The address starts with https://')
    .refine((value) => !parsed(value)?.username && !parsed(value)?.password, 'Leave the user name and password out of the address: check the signature instead'),
  description: z.string().trim().max(200, 'Keep the description to 200 characters or fewer').default(''),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES), { required_error: 'Choose at least one event' }).min(1, 'Choose at least one event'),
})

export const WebhookEndpointActionSchema = z.object({
  intent: z.enum(['rotate', 'disable', 'enable', 'delete']),
  endpointId: z.coerce.number().int().positive().max(2_147_483_647),
})

export const ResendWebhookSchema = z.object({ deliveryId: z.string().regex(/^\d{1,18}$/) })
