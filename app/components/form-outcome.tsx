import type { ReactNode } from 'react'

/** What the last form sent from this page did: a notice that it was done, or the error that stopped it. */
export function FormOutcome({ done, error }: { done?: ReactNode; error?: string | null }) {
  return (
    <>
      {done ? (
        <p className="notice notice--strong" role="status">
          {done}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  )
}
