import ICAL from 'ical.js'

// An iCalendar text read back by ical.js, the parser calendar apps' code is tested against, so
// that a test asserts what a calendar would see rather than the lines Quorum wrote.

export interface ParsedEvent {
  uid: string
  sequence: number
  summary: string
  start: string
  /** Each reminder's trigger, in seconds relative to the start (negative: before). */
  alarms: number[]
}

export function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  const events: ParsedEvent[] = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent)
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      start: event.startDate.isDate ? event.startDate.toString() : event.startDate.toJSDate().toISOString(),
      alarms: vevent.getAllSubcomponents('valarm').map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()),
    }
  })
  const property = (name: string) => calendar.getFirstPropertyValue(name)?.toString() ?? null
  return { method: property('method'), name: property('x-wr-calname'), refreshInterval: property('refresh-interval'), publishedTtl: property('x-published-ttl'), events }
}
