import { type FieldMetadata, getInputProps, getTextareaProps } from '@conform-to/react'
import type { ReactNode } from 'react'
import { FieldError } from './field'
import { singleSelectProps } from '~/utils/select-props'

// The editor's fields: like field.tsx's TextField, for more input types, text areas and selects.
// Each has a visible label, an optional hint, and its error right under it, all tied together
// with aria-describedby so a screen reader reads the error with the field.

type Meta = FieldMetadata<unknown>
type InputType = 'text' | 'email' | 'url' | 'date' | 'datetime-local' | 'number'

function describedBy(meta: Meta, hintId: string | undefined) {
  return [meta.errors?.length ? meta.errorId : null, hintId].filter(Boolean).join(' ') || undefined
}

function Frame({ meta, label, hint, className, children }: { meta: Meta; label: ReactNode; hint?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={['field', meta.errors?.length ? 'has-error' : null, className].filter(Boolean).join(' ')}>
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError meta={meta} />
    </div>
  )
}

export function EditorInput({
  meta,
  label,
  hint,
  type = 'text',
  className,
  ...rest
}: { meta: Meta; label: ReactNode; hint?: ReactNode; type?: InputType; className?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'className'>) {
  const { key, ...props } = getInputProps(meta, { type })
  return (
    <Frame meta={meta} label={label} hint={hint} className={className}>
      <input key={key} {...props} aria-describedby={describedBy(meta, hint ? `${meta.id}-hint` : undefined)} {...rest} />
    </Frame>
  )
}

export function EditorTextArea({
  meta,
  label,
  hint,
  rows = 6,
  className,
  mono,
}: {
  meta: Meta
  label: ReactNode
  hint?: ReactNode
  rows?: number
  className?: string
  /** Markdown sources read better in a fixed-width font. */
  mono?: boolean
}) {
  const { key, ...props } = getTextareaProps(meta)
  return (
    <Frame meta={meta} label={label} hint={hint} className={className}>
      <textarea key={key} {...props} rows={rows} className={mono ? 'control--code' : undefined} aria-describedby={describedBy(meta, hint ? `${meta.id}-hint` : undefined)} />
    </Frame>
  )
}

export function EditorSelect({
  meta,
  label,
  hint,
  options,
  className,
}: {
  meta: Meta
  label: ReactNode
  hint?: ReactNode
  options: ReadonlyArray<readonly [value: string, label: string]>
  className?: string
}) {
  const { key, ...props } = singleSelectProps(meta)
  return (
    <Frame meta={meta} label={label} hint={hint} className={className}>
      <select key={key} {...props} aria-describedby={describedBy(meta, hint ? `${meta.id}-hint` : undefined)}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Frame>
  )
}
