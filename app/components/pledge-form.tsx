import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { HOLDER_TYPES, INTENTIONS } from '~/schemas/fields'
import { FollowSchema, pledgeSchema } from '~/schemas/pledge'
import { HOLDER_TYPE_NAMES, INTENTION_DESCRIPTIONS, INTENTION_NAMES } from '~/utils/public-figures'
import { FOLLOW_FORM_WORDING, PLEDGE_FORM_WORDING } from '~/utils/consent-wording'
import { Checkbox, FieldError, FormError, Honeypot, Input, TextField } from './field'
import { singleSelectProps } from '~/utils/select-props'

export const COMMON_BROKERS = [
  'Fidelity',
  'Charles Schwab',
  'Vanguard',
  'E*TRADE',
  'Robinhood',
  'Merrill',
  'Interactive Brokers',
  'J.P. Morgan',
  'Morgan Stanley',
  'Wells Fargo',
  'SoFi',
  'Webull',
  'Public',
  'Computershare (registered holder)',
]

/** The holder-type choices, in the words every page uses for them. */
export function HolderTypeOptions() {
  return HOLDER_TYPES.map((type) => (
    <option key={type} value={type}>
      {HOLDER_TYPE_NAMES[type]}
    </option>
  ))
}

export interface PledgeFormCampaign {
  slug: string
  company: string
  sharesOutstanding: string
}

/** The pledge form; the same zod schema validates here (with JavaScript) and on the server. */
export function PledgeForm({ campaign, lastResult, source }: { campaign: PledgeFormCampaign; lastResult?: SubmissionResult<string[]> | null; source?: string | null }) {
  const schema = useMemo(() => pledgeSchema({ sharesOutstanding: campaign.sharesOutstanding, company: campaign.company }), [campaign.sharesOutstanding, campaign.company])
  const [form, fields] = useForm({
    id: 'pledge',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    defaultValue: { holderType: 'retail', updates: 'on', source: source ?? undefined },
  })
  const busy = useNavigation().formAction === `/c/${campaign.slug}/pledge`
  const { key: holderKey, ...holderProps } = singleSelectProps(fields.holderType)
  const { key: sourceKey, ...sourceProps } = getInputProps(fields.source, { type: 'hidden' })

  return (
    <Form method="post" action={`/c/${campaign.slug}/pledge`} className="form" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <fieldset className={fields.intention.errors?.length ? 'field has-error' : 'field'} aria-describedby={fields.intention.errors?.length ? fields.intention.errorId : undefined}>
        <legend>How do you intend to vote?</legend>
        <div className="choices">
          {INTENTIONS.map((value) => (
            <label key={value} className="choice">
              <Input meta={fields.intention} type="radio" value={value} />
              <span>
                <strong>{INTENTION_NAMES[value]}</strong> <span className="choice__hint">{INTENTION_DESCRIPTIONS[value]}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError meta={fields.intention} />
      </fieldset>

      <TextField meta={fields.email} type="email" label="Email address" hint={PLEDGE_FORM_WORDING.emailHint} autoComplete="email" />
      <TextField
        meta={fields.shares}
        label="Shares you hold (optional)"
        hint="A whole number, e.g. 1,200; roughly is fine. Leave it empty if you prefer not to say."
        inputMode="numeric"
        autoComplete="off"
      />
      <div className={fields.holderType.errors?.length ? 'field has-error' : 'field'}>
        <label htmlFor={fields.holderType.id}>You hold them as</label>
        <select key={holderKey} {...holderProps}>
          <HolderTypeOptions />
        </select>
        <FieldError meta={fields.holderType} />
      </div>
      <TextField meta={fields.broker} label="Broker or bank (optional)" hint="Where your shares are held, e.g. Fidelity." list="common-brokers" autoComplete="off" />
      <datalist id="common-brokers">
        {COMMON_BROKERS.map((broker) => (
          <option key={broker} value={broker} />
        ))}
      </datalist>
      <Checkbox meta={fields.voted} label="I have already voted" />
      <TextField meta={fields.name} label="Your name (optional)" autoComplete="name" />
      <Checkbox meta={fields.showName} label={PLEDGE_FORM_WORDING.showNameLabel} hint={` ${PLEDGE_FORM_WORDING.showNameHint}`} />
      <Checkbox meta={fields.updates} label={PLEDGE_FORM_WORDING.updatesLabel} hint={` ${PLEDGE_FORM_WORDING.updatesHint}`} />
      <Honeypot name="website" />
      {fields.source.initialValue ? <input key={sourceKey} {...sourceProps} /> : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Sending…' : PLEDGE_FORM_WORDING.submit}
      </button>
      <p className="form-note">{PLEDGE_FORM_WORDING.note}</p>
    </Form>
  )
}

/** "Just follow updates": for supporters who hold no shares. */
export function FollowForm({ slug, lastResult }: { slug: string; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm({
    id: 'follow',
    lastResult,
    constraint: getZodConstraint(FollowSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FollowSchema }),
  })
  return (
    <Form method="post" action={`/c/${slug}/follow`} className="form form--inline" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <TextField meta={fields.email} type="email" label={FOLLOW_FORM_WORDING.emailLabel} autoComplete="email" />
      <Honeypot name="website" />
      <button type="submit" className="button">
        {FOLLOW_FORM_WORDING.submit}
      </button>
    </Form>
  )
}
