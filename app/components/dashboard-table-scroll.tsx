import type { ReactNode } from 'react'

/**
 * A table that may scroll sideways on a phone: focusable, so a keyboard can scroll it too, and
 * named apart from its section so that the two landmarks differ.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={`${label} (table)`} tabIndex={0}>
      {children}
    </div>
  )
}
