const integerFormat = new Intl.NumberFormat('en-US')

/** "508,540,235" for a number or a bigint given as a string. */
export function formatCount(value: number | string | bigint): string {
  return integerFormat.format(typeof value === 'string' ? BigInt(value) : value)
}

/** "40.3%" from "40.30": trailing zeros dropped. */
export function formatPercent(value: string | number): string {
  return `${Number(value).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`
}
