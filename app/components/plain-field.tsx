import type { ReactNode } from 'react'

// A labelled control for forms that are not conform's: its hint and error are tied to it with
// aria-describedby, and an error marks it aria-invalid.

type Common = { id: string; label: ReactNode; hint?: ReactNode; error?: string | null; className?: string }

function describedBy(id: string, hint: ReactNode, error?: string | null) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined
}

function Wrap({ id, label, hint, error, className, children }: Common & { children: ReactNode }) {
  return (
    <div className={['field', error ? 'has-error' : null, className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

export function PlainInput({ id, label, hint, error, className, ...input }: Common & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <Wrap id={id} label={label} hint={hint} error={error} className={className}>
      <input id={id} type="text" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
    </Wrap>
  )
}

export function PlainSelect({ id, label, hint, error, className, options, ...select }: Common & { options: Record<string, string> } & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  return (
    <Wrap id={id} label={label} hint={hint} error={error} className={className}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Wrap>
  )
}

export function PlainTextarea({ id, label, hint, error, className, ...textarea }: Common & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  return (
    <Wrap id={id} label={label} hint={hint} error={error} className={className}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...textarea} />
    </Wrap>
  )
}

/** "8,000,000" for a decimal string of shares. */
export function Shares({ value }: { value: string | null }) {
  return value === null ? <span className="muted">—</span> : <>{BigInt(value).toLocaleString('en-US')}</>
}
