import { describe, expect, test } from 'vitest'
import { resubmissionThreshold } from './resubmission'

describe('Rule 14a-8(i)(12) resubmission thresholds', () => {
  test('a first vote needs 5%', () => {
    expect(resubmissionThreshold(2022, [])).toEqual({ timesVoted: 1, thresholdPercent: 5, window: { from: 2018, to: 2022 } })
  })

  test('a second vote within five calendar years needs 15%, a third or later 25%', () => {
    expect(resubmissionThreshold(2023, [2022]).thresholdPercent).toBe(15)
    expect(resubmissionThreshold(2024, [2022, 2023]).thresholdPercent).toBe(25)
    expect(resubmissionThreshold(2026, [2022, 2023, 2024, 2025]).timesVoted).toBe(5)
  })

  test('votes older than the five-year window no longer count', () => {
    expect(resubmissionThreshold(2027, [2022, 2023])).toMatchObject({ timesVoted: 2, thresholdPercent: 15 })
    expect(resubmissionThreshold(2030, [2022, 2023])).toMatchObject({ timesVoted: 1, thresholdPercent: 5 })
  })
})
