import { type FieldMetadata, getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { AUDIENCES, UpdateEditSchema } from '~/schemas/update'
import { AUDIENCE_LABELS } from '~/utils/update-labels'
import type { UpdateAudience } from '../../db/schema'
import { FieldError, FormError } from './field'

// An update's subject, message, time and audience. The same schema checks it in the browser and
// on the server; each error shows under its field, which is marked invalid and points at it.

export function UpdateEditForm({
  update,
  timeZone,
  imageOrigins,
  lastResult,
}: {
  update: { id: number; subject: string; body: string; sendAtLocal: string; audience: UpdateAudience }
  timeZone: string
  /** Where the email's images may come from; any other image goes out as its description. */
  imageOrigins: string[]
  lastResult: SubmissionResult<string[]> | null
}) {
  const [form, fields] = useForm({
    id: `update-edit-${update.id}`,
    lastResult,
    constraint: getZodConstraint(UpdateEditSchema),
    defaultValue: { updateId: String(update.id), subject: update.subject, body: update.body, sendAt: update.sendAtLocal, audience: update.audience },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateEditSchema }),
    shouldRevalidate: 'onInput',
  })
  const fieldClass = (errors: string[] | undefined) => (errors?.length ? 'field has-error' : 'field')
  const describedBy = (meta: { errors?: string[]; errorId: string }) => (meta.errors?.length ? meta.errorId : undefined)
  const { key: subjectKey, ...subjectProps } = getInputProps(fields.subject, { type: 'text' })
  const { key: bodyKey, ...bodyProps } = getTextareaProps(fields.body)
  const { key: sendAtKey, ...sendAtProps } = getInputProps(fields.sendAt, { type: 'datetime-local' })
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="updateId" value={update.id} />
      <div className={fieldClass(fields.subject.errors)}>
        <label htmlFor={fields.subject.id}>Subject</label>
        <input key={subjectKey} {...subjectProps} aria-describedby={describedBy(fields.subject)} />
        <FieldError meta={fields.subject} />
      </div>
      <div className={fieldClass(fields.body.errors)}>
        <label htmlFor={fields.body.id}>Message (markdown)</label>
        <textarea key={bodyKey} {...bodyProps} rows={6} aria-describedby={[describedBy(fields.body), `${fields.body.id}-hint`].filter(Boolean).join(' ')} />
        <p className="field-hint" id={`${fields.body.id}-hint`}>
          Images (<code>![description](address)</code>) show only from {imageOrigins.map((o, i) => (
            <span key={o}>
              {i > 0 ? (i === imageOrigins.length - 1 ? ' or ' : ', ') : null}
              <code>{o}</code>
            </span>
          ))}
          ; any other image is sent as its description, so no image can report who opened the email. More image servers can be allowed with
          MAIL_IMAGE_ORIGINS.
        </p>
        <FieldError meta={fields.body} />
      </div>
      <div className={fieldClass(fields.sendAt.errors)}>
        <label htmlFor={fields.sendAt.id}>Send at ({timeZone.replace('_', ' ')})</label>
        <input key={sendAtKey} {...sendAtProps} aria-describedby={describedBy(fields.sendAt)} />
        <FieldError meta={fields.sendAt} />
      </div>
      <AudienceField meta={fields.audience} />
      <button type="submit" className="button button--primary">
        Save update
      </button>
    </Form>
  )
}

/** Who an update goes to: the same select, with its error, in the edit and compose forms. */
export function AudienceField({ meta }: { meta: FieldMetadata<string> }) {
  const { key, ...props } = getSelectProps(meta)
  const invalid = Boolean(meta.errors?.length)
  return (
    <div className={invalid ? 'field has-error' : 'field'}>
      <label htmlFor={meta.id}>Audience</label>
      <select key={key} {...props} aria-describedby={invalid ? meta.errorId : undefined}>
        {AUDIENCES.map((a) => (
          <option key={a} value={a}>
            {AUDIENCE_LABELS[a]}
          </option>
        ))}
      </select>
      <FieldError meta={meta} />
    </div>
  )
}
