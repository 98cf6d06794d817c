import { describe, expect, test } from 'vitest'
import { proposeDefaultSchedule } from './mail-schedule'

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
    expect(schedule.map((u) => [u.kind, u.sendAt.toISOString(), u.audience])).toEqual([
      ['materials_out', '2022-04-07T17:00:00.000Z', 'all'], // 10:00 PDT a week after the record date
      ['how_to_vote', '2022-04-14T17:00:00.000Z', 'all'],
      ['deadline_week', '2022-05-17T17:00:00.000Z', 'pledged_not_voted'], // the deadline is on May 24 in Pacific time
      ['deadline_tomorrow', '2022-05-23T16:00:00.000Z', 'pledged_not_voted'], // 9:00 PDT, the morning before
      ['results', '2022-05-26T17:00:00.000Z', 'all'],
    ])
  })

})
