import { readdirSync, readFileSync } from 'node:fs'

// CPU time from /proc (Linux), to see where the cores went during a measurement. Figures are in
// cores: 1.0 means one core busy for the whole interval.

/** Linux reports process times in USER_HZ ticks, 100 per second on every mainstream platform. */
const TICKS_PER_SECOND = 100

/** user + system CPU seconds of a process so far, or null if it cannot be read. */
function processCpuSeconds(pid: number): number | null {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the
    // 14th field of the line, stime the 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  } catch {
    return null
  }
}

/** Busy CPU seconds of the whole machine (every process, including other work on it). */
function machineBusySeconds(): number | null {
  try {
    const [user, nice, system, _idle, _iowait, irq, softirq, steal] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number)
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND
  } catch {
    return null
  }
}

/** PostgreSQL backends serving `database` on this machine (their process title names it). */
function backendsOf(database: string): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      // "postgres: 15/main: <user> <database> <client> <state>"
      if (/^postgres: [^:]+: \S+ (\S+) /.exec(title)?.[1] === database) pids.push(Number(entry))
    } catch {
      // Gone meanwhile.
    }
  }
  return pids
}

function backendSeconds(database: string): Map<number, number> {
  return new Map(backendsOf(database).map((pid) => [pid, processCpuSeconds(pid) ?? 0]))
}

export interface CpuUse {
  /** The process being measured (a server's pid, or this process). */
  process: number | null
  /** This process (the load generator, when measuring a server). */
  self: number
  /** PostgreSQL backends of the benchmark's database, when it is on this machine. */
  database: number | null
  /** The whole machine. */
  machine: number | null
}

/** Starts measuring; the returned function gives the average cores used since. */
export function startCpuMeter(pid: number = process.pid, postgresDatabase?: string): () => CpuUse {
  const started = performance.now()
  const proc0 = processCpuSeconds(pid)
  const backends0 = postgresDatabase ? backendSeconds(postgresDatabase) : undefined
  const self0 = process.cpuUsage()
  const machine0 = machineBusySeconds()
  return () => {
    const seconds = (performance.now() - started) / 1000
    const proc1 = processCpuSeconds(pid)
    const self = process.cpuUsage(self0)
    const machine1 = machineBusySeconds()
    let database: number | null = null
    if (postgresDatabase && backends0) {
      // Backends that started meanwhile count from zero.
      const backends1 = backendSeconds(postgresDatabase)
      const total = [...backends1].reduce((sum, [backend, cpu]) => sum + cpu - (backends0.get(backend) ?? 0), 0)
      database = backends1.size > 0 ? total / seconds : null
    }
    return {
      process: proc0 !== null && proc1 !== null ? (proc1 - proc0) / seconds : null,
      self: (self.user + self.system) / 1e6 / seconds,
      database,
      machine: machine0 !== null && machine1 !== null ? (machine1 - machine0) / seconds : null,
    }
  }
}
