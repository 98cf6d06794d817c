import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

/** A link back up to where the page belongs, alone on its line above the heading. */
export function BackLink({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  return (
    <p className={className}>
      <Link to={to}>{children}</Link>
    </p>
  )
}
