import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useMemo } from 'react'
import { pledgeChangeSchema } from '~/schemas/pledge'
import { Checkbox, FieldError, FormError, Input, TextField } from './field'
import { COMMON_BROKERS, HolderTypeOptions } from './pledge-form'
import { singleSelectProps } from '~/utils/select-props'
import { useLocale } from '~/i18n/use-locale'

export interface EditablePledge {
  id: string
  company: string
  sharesOutstanding: string
  intention: string
  shares: string | null
  holderType: string
  broker: string | null
  votedAt: string | null
  votedOn: string | null
  showName: boolean
}

/** A supporter's own pledge, editable at /me. */
export function PledgeEditor({ pledge, lastResult }: { pledge: EditablePledge; lastResult?: SubmissionResult<string[]> | null }) {
  const schema = useMemo(() => pledgeChangeSchema({ sharesOutstanding: pledge.sharesOutstanding, company: pledge.company }), [pledge.sharesOutstanding, pledge.company])
  const [form, fields] = useForm({
    id: `pledge-${pledge.id}`,
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    defaultValue: {
      pledgeId: pledge.id,
      intention: pledge.intention,
      shares: pledge.shares ?? '',
      holderType: pledge.holderType,
      broker: pledge.broker ?? '',
      voted: pledge.votedAt ? 'on' : undefined,
      showName: pledge.showName ? 'on' : undefined,
    },
  })
  const { key: holderKey, ...holderProps } = singleSelectProps(fields.holderType)
  const { t } = useLocale()
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="change-pledge" />
      <input type="hidden" name={fields.pledgeId.name} value={pledge.id} />
      <fieldset className="field" aria-describedby={fields.intention.errors?.length ? fields.intention.errorId : undefined}>
        <legend>{t('me.editor.intention')}</legend>
        <div className="choices choices--row">
          {(['for', 'against', 'abstain', 'undecided'] as const).map((value) => (
            <label key={value} className="choice">
              <Input meta={fields.intention} type="radio" value={value} />
              <span>{t(`intentions.${value}`)}</span>
            </label>
          ))}
        </div>
        <FieldError meta={fields.intention} />
      </fieldset>
      <TextField meta={fields.shares} label={t('me.editor.shares')} hint={t('me.editor.sharesHint')} inputMode="numeric" autoComplete="off" />
      <div className="field">
        <label htmlFor={fields.holderType.id}>{t('me.editor.heldAs')}</label>
        <select key={holderKey} {...holderProps}>
          <HolderTypeOptions />
        </select>
      </div>
      <TextField meta={fields.broker} label={t('pledgeForm.broker')} list={`brokers-${pledge.id}`} autoComplete="off" />
      <datalist id={`brokers-${pledge.id}`}>
        {COMMON_BROKERS.map((broker) => (
          <option key={broker} value={broker} />
        ))}
      </datalist>
      <Checkbox meta={fields.voted} label={t('me.editor.voted')} hint={pledge.votedOn ? ` ${t('me.editor.toldUsOn', { date: pledge.votedOn })}` : undefined} />
      <Checkbox meta={fields.showName} label={t('pledgeForm.showNameLabel')} />
      <button type="submit" className="button button--primary">
        {t('me.editor.save')}
      </button>
    </Form>
  )
}
