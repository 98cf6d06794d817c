import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { NewLinkSchema } from '~/schemas/pledge'
import { useTranslation } from 'react-i18next'
import { Honeypot, TextField } from './field'

/** "Send me a new link", offered wherever a link has expired or was already used. */
export function NewLinkForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'new-link',
    lastResult,
    constraint: getZodConstraint(NewLinkSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewLinkSchema }),
  })
  return (
    <Form method="post" action="/links/new" className="form form--inline" {...getFormProps(form)}>
      <TextField meta={fields.email} type="email" label={t('newLink.email')} autoComplete="email" />
      <Honeypot name="website" />
      <button type="submit" className="button button--primary">
        {t('newLink.submit')}
      </button>
    </Form>
  )
}
