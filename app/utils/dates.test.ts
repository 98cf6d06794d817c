import { describe, expect, test } from 'vitest'
import { calendarDateIn, daysBetween, describeDaysLeft, formatTimeIn, zonedTimeToInstant } from './dates'

describe('dates in a campaign time zone', () => {
  test('wall-clock times become the right instants on both sides of daylight saving', () => {
    expect(zonedTimeToInstant('2022-05-25', '09:00', 'America/Los_Angeles').toISOString()).toBe('2022-05-25T16:00:00.000Z')
    expect(zonedTimeToInstant('2027-01-04', '09:00', 'America/Los_Angeles').toISOString()).toBe('2027-01-04T17:00:00.000Z')
    expect(zonedTimeToInstant('2022-03-13', '03:30', 'America/New_York').toISOString()).toBe('2022-03-13T07:30:00.000Z')
    expect(zonedTimeToInstant('2024-06-01', '10:00', 'Europe/London').toISOString()).toBe('2024-06-01T09:00:00.000Z')
    // A week later keeps the local time across a daylight-saving change: 10:00 PST, then 10:00 PDT.
    expect(zonedTimeToInstant('2022-03-10', '10:00', 'America/Los_Angeles').toISOString()).toBe('2022-03-10T18:00:00.000Z')
    expect(zonedTimeToInstant('2022-03-17', '10:00', 'America/Los_Angeles').toISOString()).toBe('2022-03-17T17:00:00.000Z')
  })

  test('an instant reads as the calendar date and time of the zone, not of the server', () => {
    const deadline = new Date('2022-05-25T03:59:00Z')
    expect(calendarDateIn(deadline, 'America/New_York')).toBe('2022-05-24')
    expect(calendarDateIn(deadline, 'UTC')).toBe('2022-05-25')
    expect(formatTimeIn(deadline, 'America/New_York')).toBe('11:59 p.m. EDT')
    expect(formatTimeIn(deadline, 'America/Los_Angeles')).toBe('8:59 p.m. PDT')
  })

  test('days left count calendar days', () => {
    expect(daysBetween('2026-11-23', '2027-01-04')).toBe(42)
    expect(daysBetween('2022-03-31', '2022-03-30')).toBe(-1)
    expect(describeDaysLeft(0)).toBe('today')
    expect(describeDaysLeft(1)).toBe('tomorrow')
    expect(describeDaysLeft(42)).toBe('in 42 days')
    expect(describeDaysLeft(-3)).toBe('3 days ago')
  })
})
