import { describe, expect, test } from 'vitest'
import { proposeDefaultSchedule, shiftedSendAt } from './mail-schedule'

const campaign2022 = {
  title: 'Customer Due Diligence',
  company: 'Amazon.com, Inc.',
  record_date: '2022-03-31',
  vote_deadline: new Date('2022-05-25T03:59:00Z'), // 11:59 p.m. EDT, May 24
  agm_at: new Date('2022-05-25T16:00:00Z'), // 9:00 a.m. PDT
  time_zone: 'America/Los_Angeles',
}

describe('the default schedule from the AGM calendar', () => {
  test('proposes the five updates at wall-clock times in the campaign time zone', () => {
    const schedule = proposeDefaultSchedule(campaign2022)
    expect(schedule.map((u) => [u.kind, u.sendAt.toISOString(), u.audience, u.startsAsDraft])).toEqual([
      ['materials_out', '2022-04-07T17:00:00.000Z', 'all', false], // 10:00 PDT a week after the record date
      ['how_to_vote', '2022-04-14T17:00:00.000Z', 'all', false],
      ['deadline_week', '2022-05-17T17:00:00.000Z', 'pledged_not_voted', false], // the deadline is on May 24 in Pacific time
      ['deadline_tomorrow', '2022-05-23T16:00:00.000Z', 'pledged_not_voted', false], // 9:00 PDT, the morning before
      ['results', '2022-05-26T17:00:00.000Z', 'all', true],
    ])
  })

  test('moving a date by some days keeps the local time across a daylight-saving change', () => {
    const before = new Date('2022-03-10T18:00:00Z') // 10:00 PST
    expect(shiftedSendAt(before, 7, 'America/Los_Angeles').toISOString()).toBe('2022-03-17T17:00:00.000Z') // 10:00 PDT
  })
})
