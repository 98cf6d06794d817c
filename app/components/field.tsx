import { type FieldMetadata, getInputProps } from '@conform-to/react'
import type { ReactNode } from 'react'
import { translateError } from '~/i18n/errors'
import { useLocale } from '~/i18n/use-locale'

type InputType = 'text' | 'email' | 'checkbox' | 'radio'

/** Renders conform's props without spreading its `key` (React warns about spread keys). */
export function Input({ meta, type, value, ...rest }: { meta: FieldMetadata<unknown>; type: InputType; value?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type' | 'value'>) {
  const { key, ...props } = getInputProps(meta, type === 'radio' || type === 'checkbox' ? { type, value } : { type })
  // Conform gives every radio of a group the field's id; each needs its own.
  const id = type === 'radio' && value ? `${props.id}-${value}` : props.id
  return <input key={key} {...props} id={id} {...rest} />
}

export function FieldError({ meta }: { meta: FieldMetadata<unknown> }) {
  const { t, locale } = useLocale()
  if (!meta.errors?.length) return null
  return (
    <p id={meta.errorId} className="field-error">
      {meta.errors.map((error) => translateError(t, locale, error)).join(' ')}
    </p>
  )
}

/** A labelled text input with its hint and, when there is one, its error right under it. */
export function TextField({
  meta,
  label,
  hint,
  type = 'text',
  ...rest
}: { meta: FieldMetadata<unknown>; label: ReactNode; hint?: ReactNode; type?: 'text' | 'email' } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type' | 'value'>) {
  const hintId = hint ? `${meta.id}-hint` : undefined
  const describedBy = [meta.errors?.length ? meta.errorId : null, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div className={meta.errors?.length ? 'field has-error' : 'field'}>
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <Input meta={meta} type={type} aria-describedby={describedBy} {...rest} />
      <FieldError meta={meta} />
    </div>
  )
}

/** A password input with its label and error: never prefilled, the browser's password manager told what it is for. */
export function PasswordField({ meta, label, autoComplete }: { meta: FieldMetadata<unknown>; label: ReactNode; autoComplete: 'current-password' | 'new-password' }) {
  return (
    <div className={meta.errors?.length ? 'field has-error' : 'field'}>
      <label htmlFor={meta.id}>{label}</label>
      <input
        id={meta.id}
        name={meta.name}
        type="password"
        autoComplete={autoComplete}
        required
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={meta.errors?.length ? meta.errorId : undefined}
      />
      <FieldError meta={meta} />
    </div>
  )
}

export function Checkbox({ meta, label, hint }: { meta: FieldMetadata<unknown>; label: ReactNode; hint?: ReactNode }) {
  return (
    <div className="field field--checkbox">
      <Input meta={meta} type="checkbox" />
      <label htmlFor={meta.id}>
        {label}
        {hint ? <span className="field-hint">{hint}</span> : null}
      </label>
      <FieldError meta={meta} />
    </div>
  )
}

/** Errors about the whole form (e.g. "this campaign has closed"), announced to screen readers. */
export function FormError({ errors, id }: { errors?: string[]; id: string }) {
  const { t, locale } = useLocale()
  if (!errors?.length) return null
  return (
    <div id={id} className="form-error" role="alert">
      {errors.map((error) => translateError(t, locale, error)).join(' ')}
    </div>
  )
}

export function Honeypot({ name }: { name: string }) {
  const { t } = useLocale()
  return (
    <div className="hp" aria-hidden="true">
      <label>
        {t('form.leaveEmpty')}
        <input type="text" name={name} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  )
}
