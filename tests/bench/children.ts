import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'

// Child processes of the benchmark. Each runs in a process group of its own (so `npx tsx …`
// and whatever it starts die together) and is tracked until it exits, so that
// `stopAllChildren` can end whatever is left when the benchmark stops, normally or not.

const running = new Set<ChildProcess>()

export interface Child {
  process: ChildProcess
  /** The last few kilobytes of what the child wrote to stdout and stderr. */
  output(): string
  exited: Promise<number | null>
}

export function startChild(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean }): Child {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let tail = ''
  const keep = (chunk: Buffer, stream: NodeJS.WriteStream) => {
    if (options.echo) stream.write(chunk)
    tail = (tail + chunk.toString('utf8')).slice(-8000)
  }
  child.stdout?.on('data', (chunk: Buffer) => keep(chunk, process.stdout))
  child.stderr?.on('data', (chunk: Buffer) => keep(chunk, process.stderr))
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      tail += `\n${error.message}`
      running.delete(child)
      resolve(null)
    })
    child.on('exit', (code) => {
      running.delete(child)
      resolve(code)
    })
  })
  return { process: child, output: () => tail, exited }
}

/** Runs a command to completion, its output shown as it comes; throws if it fails. */
export async function runChild(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
  const child = startChild(command, args, { ...options, echo: true })
  const code = await child.exited
  if (code !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed (exit code ${code}).`)
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group is already gone.
  }
}

/** SIGTERM, then SIGKILL if the child has not exited after `graceMs`. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  signalGroup(child.process, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(child.process, 'SIGKILL'), graceMs)
  await child.exited
  clearTimeout(timer)
}

export async function stopAllChildren(graceMs = 5000): Promise<void> {
  const children = [...running]
  for (const child of children) signalGroup(child, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  killAllChildrenNow()
}

/** Last resort, safe in an 'exit' handler: SIGKILL whatever is still running. */
export function killAllChildrenNow(): void {
  for (const child of running) signalGroup(child, 'SIGKILL')
}

/** The first port in [from, to] that nothing listens on (checked on 127.0.0.1 and 0.0.0.0). */
export async function findFreePort(from: number, to: number): Promise<number> {
  const canListen = (port: number, host: string) =>
    new Promise<boolean>((resolve) => {
      const server = net.createServer()
      server.once('error', () => resolve(false))
      server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)))
    })
  for (let port = from; port <= to; port++) {
    if ((await canListen(port, '0.0.0.0')) && (await canListen(port, '127.0.0.1'))) return port
  }
  throw new Error(`No free port between ${from} and ${to}.`)
}
