import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { UpdateComposeSchema } from '~/schemas/update'
import { HOLDER_TYPE_NAMES, INTENTION_NAMES } from '~/utils/public-figures'
import { FieldError, FormError } from './field'
import { AudienceField } from './update-edit-form'

// A one-off update: subject, message, time, audience, and the segment of pledgers it goes to.
// Checked by the same schema in the browser and on the server; each error under its field.

export function UpdateComposeForm({
  timeZone,
  defaultSendAt,
  choices,
  lastResult,
}: {
  timeZone: string
  defaultSendAt: string
  choices: { brokers: string[]; sources: string[] }
  lastResult: SubmissionResult<string[]> | null
}) {
  const [form, fields] = useForm({
    id: 'update-compose',
    lastResult,
    constraint: getZodConstraint(UpdateComposeSchema),
    defaultValue: { sendAt: defaultSendAt, audience: 'all' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateComposeSchema }),
    shouldRevalidate: 'onInput',
  })
  const fieldClass = (errors: string[] | undefined) => (errors?.length ? 'field has-error' : 'field')
  const describedBy = (meta: { errors?: string[]; errorId: string }, hint?: string) =>
    [meta.errors?.length ? meta.errorId : null, hint].filter(Boolean).join(' ') || undefined
  const input = (meta: Parameters<typeof getInputProps>[0], type: 'text' | 'date' | 'datetime-local') => {
    const { key, ...props } = getInputProps(meta, { type })
    return { key, props }
  }
  const select = (meta: Parameters<typeof getSelectProps>[0]) => {
    const { key, ...props } = getSelectProps(meta)
    return { key, props }
  }
  const subject = input(fields.subject, 'text')
  const sendAt = input(fields.sendAt, 'datetime-local')
  const broker = input(fields.broker, 'text')
  const source = input(fields.source, 'text')
  const confirmedSince = input(fields.confirmedSince, 'date')
  const intention = select(fields.intention)
  const voted = select(fields.voted)
  const holderType = select(fields.holderType)
  const { key: bodyKey, ...bodyProps } = getTextareaProps(fields.body)
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <div className={fieldClass(fields.subject.errors)}>
        <label htmlFor={fields.subject.id}>Subject</label>
        <input key={subject.key} {...subject.props} aria-describedby={describedBy(fields.subject)} />
        <FieldError meta={fields.subject} />
      </div>
      <div className={fieldClass(fields.body.errors)}>
        <label htmlFor={fields.body.id}>Message (markdown)</label>
        <textarea key={bodyKey} {...bodyProps} rows={8} aria-describedby={describedBy(fields.body)} />
        <FieldError meta={fields.body} />
      </div>
      <div className={fieldClass(fields.sendAt.errors)}>
        <label htmlFor={fields.sendAt.id}>Send at ({timeZone.replace('_', ' ')})</label>
        <input key={sendAt.key} {...sendAt.props} aria-describedby={describedBy(fields.sendAt)} />
        <FieldError meta={fields.sendAt} />
      </div>
      <AudienceField meta={fields.audience} />
      <fieldset className="filter-group">
        <legend>Only pledgers who… (optional)</legend>
        <p className="field-hint" id="segment-hint">
          Each choice narrows the audience to confirmed pledgers who match it. Leave them all as they are to send to the whole audience. Who matches is fixed
          when the update starts sending.
        </p>
        <div className="filter-group__fields">
          <div className={fieldClass(fields.intention.errors)}>
            <label htmlFor={fields.intention.id}>Intention</label>
            <select key={intention.key} {...intention.props} aria-describedby={describedBy(fields.intention, 'segment-hint')}>
              <option value="">Any intention</option>
              {Object.entries(INTENTION_NAMES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <FieldError meta={fields.intention} />
          </div>
          <div className={fieldClass(fields.voted.errors)}>
            <label htmlFor={fields.voted.id}>Voted</label>
            <select key={voted.key} {...voted.props} aria-describedby={describedBy(fields.voted)}>
              <option value="">Voted or not</option>
              <option value="no">Have not voted yet</option>
              <option value="yes">Say they have voted</option>
            </select>
            <FieldError meta={fields.voted} />
          </div>
          <div className={fieldClass(fields.broker.errors)}>
            <label htmlFor={fields.broker.id}>Broker</label>
            <input key={broker.key} {...broker.props} list="segment-brokers" autoComplete="off" aria-describedby={describedBy(fields.broker)} />
            <datalist id="segment-brokers">
              {choices.brokers.map((b) => (
                <option key={b} value={b} />
              ))}
            </datalist>
            <FieldError meta={fields.broker} />
          </div>
          <div className={fieldClass(fields.holderType.errors)}>
            <label htmlFor={fields.holderType.id}>Holder type</label>
            <select key={holderType.key} {...holderType.props} aria-describedby={describedBy(fields.holderType)}>
              <option value="">Any holder type</option>
              {Object.entries(HOLDER_TYPE_NAMES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <FieldError meta={fields.holderType} />
          </div>
          <div className={fieldClass(fields.source.errors)}>
            <label htmlFor={fields.source.id}>Source</label>
            <input key={source.key} {...source.props} list="segment-sources" autoComplete="off" aria-describedby={describedBy(fields.source)} />
            <datalist id="segment-sources">
              {choices.sources.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
            <FieldError meta={fields.source} />
          </div>
          <div className={fieldClass(fields.confirmedSince.errors)}>
            <label htmlFor={fields.confirmedSince.id}>Confirmed on or after</label>
            <input key={confirmedSince.key} {...confirmedSince.props} aria-describedby={describedBy(fields.confirmedSince)} />
            <FieldError meta={fields.confirmedSince} />
          </div>
        </div>
      </fieldset>
      <button type="submit" className="button button--primary">
        Save as a draft
      </button>
    </Form>
  )
}
