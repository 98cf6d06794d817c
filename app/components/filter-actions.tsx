import { Link } from '@remix-run/react'

/** A filter form's buttons: show what the filters match and, while any is set, clear them. */
export function FilterActions({ label, clearTo }: { label: string; clearTo: string | null }) {
  return (
    <div className="pledge-filters__actions">
      <button type="submit" className="button button--primary">
        {label}
      </button>
      {clearTo ? (
        <Link to={clearTo} className="pledge-filters__clear">
          Clear
        </Link>
      ) : null}
    </div>
  )
}
