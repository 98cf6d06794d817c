import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'

// The ceiling for the page benchmark: a bare node:http server that answers every request with
// the campaign page's own bytes and headers, captured from Quorum (brotli when the request
// accepts it, as Quorum does). `tsx tests/bench/bare-server.ts DIR PORT`, DIR from capturePage.

const [dir, port] = process.argv.slice(2)
if (!dir || !port) throw new Error('usage: bare-server.ts DIR PORT')
const load = (name: string) => ({
  head: JSON.parse(readFileSync(path.join(dir, `${name}.headers.json`), 'utf8')) as string[],
  body: readFileSync(path.join(dir, `${name}.body`)),
})
const identity = load('identity')
const br = load('br')

createServer((req, res) => {
  const page = req.headers['accept-encoding']?.includes('br') ? br : identity
  res.writeHead(200, page.head)
  res.end(page.body)
}).listen(Number(port), '127.0.0.1', () => console.log(`listening on ${port}`))
