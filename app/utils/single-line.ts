// Text that ends up in a mail header (sender name, subject, List-Id) or an iCalendar property
// must stay on its line: a CR or LF there starts a header or property of the writer's choosing.
// Forms refuse such characters (ONE_LINE_MESSAGE); the header and calendar builders remove any
// that are stored anyway (rows from before, the database edited by hand).

// C0 and C1 controls (CR, LF, tab, NUL…), DEL, and the Unicode line and paragraph separators.
const CONTROLS = /[\p{Cc}\u2028\u2029]+/gu

export const ONE_LINE_MESSAGE = 'Keep it to one line of text: no line breaks, tabs or other control characters'

export function hasControlCharacters(value: string): boolean {
  return new RegExp(CONTROLS.source, 'u').test(value)
}

/** Each run of control characters becomes one space. */
export function singleLine(value: string): string {
  return value.replace(CONTROLS, ' ').trim()
}

/** For multi-line text (an iCalendar description): line breaks kept as "\n", other controls removed. */
export function plainLines(value: string): string {
  return value
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/[^\P{Cc}\n]+/gu, ' ')
}
