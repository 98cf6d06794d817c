import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, json, redirect } from '@remix-run/node'
import type { z } from 'zod'
import type { Campaign, Db } from '../../db/schema'
import { getSignUpCampaign } from '../models/campaigns.server'
import { CampaignClosedError } from '../models/pledges.server'
import { localizedPath } from '../i18n/locales'
import { localeFromSearch } from '../i18n/negotiate.server'
import { readForm } from './read-form.server'
import { checkSignUpRate, honeypotFilled, retryMessage, tooManyRequests } from './sign-up-guard.server'

/**
 * A public sign-up route's action: the campaign, if it takes sign-ups (a 404 otherwise), then
 * handleSignUp with the form as it stands for that campaign.
 */
export async function signUpAction<Value extends { email: string }>(
  { request, params, context }: ActionFunctionArgs,
  form: {
    schema: (campaign: Campaign) => z.ZodType<Value, z.ZodTypeDef, unknown>
    closedMessage: string
    thanksPath: (campaign: Campaign) => string
    record: (value: Value, campaign: Campaign) => Promise<unknown>
  },
) {
  const campaign = await getSignUpCampaign(context.db, { slug: params.slug ?? '' })
  if (!campaign) throw new Response('Campaign not found', { status: 404 })
  // A form on a page in a language (its action names it) thanks in that language.
  const locale = localeFromSearch(new URL(request.url).searchParams)
  const thanksPath = form.thanksPath(campaign)
  return handleSignUp({
    db: context.db,
    clientIp: context.clientIp,
    request,
    campaign,
    schema: form.schema(campaign),
    closedMessage: form.closedMessage,
    thanksPath: locale ? localizedPath(thanksPath, locale) : thanksPath,
    record: (value) => form.record(value, campaign),
  })
}

/**
 * The steps every public sign-up form shares (pledge, follow): parse the form, count the attempt
 * (per client, and per email once the form gives a valid one), answer a bot as if all went well,
 * refuse a closed campaign, show field errors, and only then record and thank.
 */
export async function handleSignUp<Value extends { email: string }>(input: {
  db: Db
  clientIp: string
  request: Request
  campaign: { status: string; time_zone: string }
  schema: z.ZodType<Value, z.ZodTypeDef, unknown>
  closedMessage: string
  thanksPath: string
  record: (value: Value) => Promise<unknown>
}) {
  const form = await readForm(input.request)
  const submission = parseWithZod(withoutBlanks(form), { schema: input.schema, disableAutoCoercion: true })
  const isBot = honeypotFilled(form)
  const open = input.campaign.status === 'live'
  const email = open && !isBot && submission.status === 'success' ? submission.value.email : undefined
  const rate = await checkSignUpRate(input.db, { ip: input.clientIp, email })
  if (!rate.ok) return tooManyRequests(rate.retryAfterSeconds, submission.reply({ formErrors: [retryMessage(rate.retryAfterSeconds, input.campaign.time_zone)] }))
  if (isBot) return redirect(input.thanksPath) // store nothing
  if (!open) return json({ result: submission.reply({ formErrors: [input.closedMessage] }) }, { status: 422 })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    await input.record(submission.value)
  } catch (error) {
    // It closed after the copy of the campaign this request read: nothing was stored.
    if (error instanceof CampaignClosedError) return json({ result: submission.reply({ formErrors: [input.closedMessage] }) }, { status: 422 })
    throw error
  }
  return redirect(input.thanksPath)
}

/**
 * Conform's automatic coercion wraps every field of the schema again on every call: about 0.6 ms
 * for the pledge form, a tenth of a pledge's server time, against 0.05 ms without it. These forms
 * need only its rule that an empty field is a missing one, applied here; checkboxes take "on" in
 * their own schema. The browser's conform keeps its coercion: both read the same values.
 */
function withoutBlanks(form: FormData): FormData {
  const kept = new FormData()
  for (const [name, value] of form) if (value !== '') kept.append(name, value)
  return kept
}
