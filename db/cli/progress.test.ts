import { describe, expect, test } from 'vitest'
import { createProgressReporter, describeProgress } from './progress'

function fakeStream(isTTY: boolean) {
  const writes: string[] = []
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream }
}

describe('seed progress', () => {
  test('says rows written, the rate and the time left, then the total time', () => {
    expect(describeProgress({ written: 0, total: 1_000_000 }, 0)).toBe('0 of 1,000,000 pledges (0%), starting')
    expect(describeProgress({ written: 250_000, total: 1_000_000 }, 5000)).toBe('250,000 of 1,000,000 pledges (25%), 50,000 rows/s, about 15 s left')
    expect(describeProgress({ written: 1_000_000, total: 1_000_000 }, 20_000)).toBe('1,000,000 of 1,000,000 pledges (100%) in 20.0 s, 50,000 rows/s')
  })

  test('a terminal gets one line rewritten in place; a log gets a line every few seconds and the last one', () => {
    let clock = 0
    const tty = fakeStream(true)
    const log = fakeStream(false)
    const reporters = [createProgressReporter(tty.stream, () => clock), createProgressReporter(log.stream, () => clock)]
    for (const written of [0, 100, 200, 300, 400]) {
      clock = written * 10 // 1 s per 100 rows
      for (const report of reporters) report({ written, total: 400 })
    }
    expect(tty.writes).toHaveLength(5)
    expect(tty.writes.every((w) => w.startsWith('\r\x1b[2K'))).toBe(true)
    expect(tty.writes.at(-1)).toMatch(/\(100%\) in 4\.0 s.*\n$/)
    // At 0 s, at 3 s (the first line three seconds after the last) and the end at 4 s.
    expect(log.writes).toEqual([
      '0 of 400 pledges (0%), starting\n',
      '300 of 400 pledges (75%), 100 rows/s, about 1 s left\n',
      '400 of 400 pledges (100%) in 4.0 s, 100 rows/s\n',
    ])
  })
})
