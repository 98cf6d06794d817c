import { getSelectProps } from '@conform-to/react'

/**
 * getSelectProps for a single-choice select. A form sent with a field twice (no browser does;
 * a crafted request can) comes back with an array as its value, which a single select cannot
 * show: it shows the first.
 */
export function singleSelectProps(meta: Parameters<typeof getSelectProps>[0]) {
  const props = getSelectProps(meta)
  return Array.isArray(props.defaultValue) ? { ...props, defaultValue: props.defaultValue[0] } : props
}
