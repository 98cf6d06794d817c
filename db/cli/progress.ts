import type { SeedProgress } from '../seed/demo-pledges'

// Progress of a long seed: rewritten in place on a terminal, a line every few seconds otherwise
// (CI logs, pipes), so that a million rows never look like a hang.

const LINE_EVERY_MS = 3000

/** "350,000 of 1,000,000 pledges (35%), 41,200 rows/s, about 16 s left" */
export function describeProgress(progress: SeedProgress, elapsedMs: number): string {
  const { written, total } = progress
  const count = (n: number) => Math.round(n).toLocaleString('en-US')
  const percent = total > 0 ? Math.floor((written / total) * 100) : 100
  const perSecond = elapsedMs > 0 ? (written / elapsedMs) * 1000 : 0
  const head = `${count(written)} of ${count(total)} pledges (${percent}%)`
  if (written === 0 || perSecond === 0) return `${head}, starting`
  if (written >= total) return `${head} in ${(elapsedMs / 1000).toFixed(1)} s, ${count(perSecond)} rows/s`
  const secondsLeft = Math.ceil((total - written) / perSecond)
  return `${head}, ${count(perSecond)} rows/s, about ${secondsLeft} s left`
}

export function createProgressReporter(stream: NodeJS.WriteStream, now: () => number = Date.now) {
  const started = now()
  let lastLine = -Infinity
  return (progress: SeedProgress) => {
    const text = describeProgress(progress, now() - started)
    const finished = progress.written >= progress.total
    if (stream.isTTY) {
      stream.write(`\r\x1b[2K${text}${finished ? '\n' : ''}`)
    } else if (finished || now() - lastLine >= LINE_EVERY_MS) {
      lastLine = now()
      stream.write(`${text}\n`)
    }
  }
}
