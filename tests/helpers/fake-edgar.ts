import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

// A local HTTP server in EDGAR's layout (/Archives/edgar/data/CIK/ACCESSION/…, with each
// filing directory's index.json), serving Quorum's own fixtures. EDGAR_BASE_URL points the
// client at it: tests never reach the real site.

export interface FakeEdgar {
  url: string
  requests: Array<{ path: string; headers: IncomingHttpHeaders }>
  /** The next `count` requests answer `status` (with Retry-After: `retryAfter` seconds). */
  failNext: (count: number, status: number, retryAfter?: number) => void
  close: () => Promise<void>
}

const FIXTURES = path.resolve('tests/fixtures/sec')

/** filing directory → { file name → fixture file } */
export const FILINGS: Record<string, Record<string, string>> = {
  '/Archives/edgar/data/9900001/000990000124000001': { 'primary_doc.xml': '13f-primary-doc.xml', 'infotable.xml': '13f-infotable.xml' },
  '/Archives/edgar/data/9900001/000990000124000777': { 'primary_doc.xml': 'npx-primary-doc.xml', 'proxy_vote_table.xml': 'npx-vote-table.xml' },
  '/Archives/edgar/data/1018724/000101872422000015': { 'd8k.htm': '8k-item-507.htm' },
}

export async function startFakeEdgar(): Promise<FakeEdgar> {
  const requests: FakeEdgar['requests'] = []
  let failures: { count: number; status: number; retryAfter?: number } = { count: 0, status: 200 }
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname
    requests.push({ path: pathname, headers: req.headers })
    if (failures.count > 0) {
      failures.count -= 1
      res.writeHead(failures.status, failures.retryAfter ? { 'Retry-After': String(failures.retryAfter) } : {}).end('busy')
      return
    }
    const dir = path.posix.dirname(pathname)
    const name = path.posix.basename(pathname)
    const filing = FILINGS[dir]
    if (filing && name === 'index.json') {
      const item = Object.entries(filing).map(([file, fixture]) => ({ name: file, type: 'text', size: String(readFileSync(path.join(FIXTURES, fixture)).length) }))
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ directory: { name: dir, item } }))
      return
    }
    if (filing?.[name]) {
      res.writeHead(200, { 'Content-Type': name.endsWith('.htm') ? 'text/html' : 'application/xml' }).end(readFileSync(path.join(FIXTURES, filing[name]!)))
      return
    }
    res.writeHead(404).end('Not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    failNext: (count, status, retryAfter) => (failures = { count, status, retryAfter }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
