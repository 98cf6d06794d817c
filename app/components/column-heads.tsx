/** A column heading, with the class the column's cells share where it has one (e.g. "num" for figures). */
export type ColumnHeading = string | { heading: string; className: string }

/** A table's head: one row of column headings, each `scope="col"`. */
export function ColumnHeads({ columns }: { columns: readonly ColumnHeading[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const { heading, className } = typeof column === 'string' ? { heading: column, className: undefined } : column
          return (
            <th key={heading} scope="col" className={className}>
              {heading}
            </th>
          )
        })}
      </tr>
    </thead>
  )
}
