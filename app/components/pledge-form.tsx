import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { useLocale } from '~/i18n/use-locale'
import { HOLDER_TYPES, INTENTIONS } from '~/schemas/fields'
import { FollowSchema, pledgeSchema } from '~/schemas/pledge'
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
  const { t } = useLocale()
  return HOLDER_TYPES.map((type) => (
    <option key={type} value={type}>
      {t(`holderTypes.${type}`)}
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
  const { t, href } = useLocale()
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
  const action = href(`/c/${campaign.slug}/pledge`)
  const busy = useNavigation().formAction === action
  const { key: holderKey, ...holderProps } = singleSelectProps(fields.holderType)
  const { key: sourceKey, ...sourceProps } = getInputProps(fields.source, { type: 'hidden' })

  return (
    <Form method="post" action={action} className="form" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <fieldset className={fields.intention.errors?.length ? 'field has-error' : 'field'} aria-describedby={fields.intention.errors?.length ? fields.intention.errorId : undefined}>
        <legend>{t('pledgeForm.intentionLegend')}</legend>
        <div className="choices">
          {INTENTIONS.map((value) => (
            <label key={value} className="choice">
              <Input meta={fields.intention} type="radio" value={value} />
              <span>
                <strong>{t(`intentions.${value}`)}</strong> <span className="choice__hint">{t(`intentionDescriptions.${value}`)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError meta={fields.intention} />
      </fieldset>

      <TextField meta={fields.email} type="email" label={t('pledgeForm.email')} hint={t('pledgeForm.emailHint')} autoComplete="email" />
      <TextField meta={fields.shares} label={t('pledgeForm.shares')} hint={t('pledgeForm.sharesHint')} inputMode="numeric" autoComplete="off" />
      <div className={fields.holderType.errors?.length ? 'field has-error' : 'field'}>
        <label htmlFor={fields.holderType.id}>{t('pledgeForm.holderType')}</label>
        <select key={holderKey} {...holderProps}>
          <HolderTypeOptions />
        </select>
        <FieldError meta={fields.holderType} />
      </div>
      <TextField meta={fields.broker} label={t('pledgeForm.broker')} hint={t('pledgeForm.brokerHint')} list="common-brokers" autoComplete="off" />
      <datalist id="common-brokers">
        {COMMON_BROKERS.map((broker) => (
          <option key={broker} value={broker} />
        ))}
      </datalist>
      <Checkbox meta={fields.voted} label={t('pledgeForm.voted')} />
      <TextField meta={fields.name} label={t('pledgeForm.name')} autoComplete="name" />
      <Checkbox meta={fields.showName} label={t('pledgeForm.showNameLabel')} hint={` ${t('pledgeForm.showNameHint')}`} />
      <Checkbox meta={fields.updates} label={t('pledgeForm.updatesLabel')} hint={` ${t('pledgeForm.updatesHint')}`} />
      <Honeypot name="website" />
      {fields.source.initialValue ? <input key={sourceKey} {...sourceProps} /> : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('form.sending') : t('pledgeForm.submit')}
      </button>
      <p className="form-note">{t('pledgeForm.note')}</p>
    </Form>
  )
}

/** "Just follow updates": for supporters who hold no shares. */
export function FollowForm({ slug, lastResult }: { slug: string; lastResult?: SubmissionResult<string[]> | null }) {
  const { t, href } = useLocale()
  const [form, fields] = useForm({
    id: 'follow',
    lastResult,
    constraint: getZodConstraint(FollowSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FollowSchema }),
  })
  return (
    <Form method="post" action={href(`/c/${slug}/follow`)} className="form form--inline" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <TextField meta={fields.email} type="email" label={t('followForm.email')} autoComplete="email" />
      <Honeypot name="website" />
      <button type="submit" className="button">
        {t('followForm.submit')}
      </button>
    </Form>
  )
}
