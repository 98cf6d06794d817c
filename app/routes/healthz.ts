import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { sql } from 'kysely'

// 200 when the database answers, 503 when it does not: for load balancers and uptime checks.
export async function loader({ context }: LoaderFunctionArgs) {
  const headers = { 'Cache-Control': 'no-store' }
  try {
    await sql`select 1`.execute(context.db)
    return json({ status: 'ok', database: 'ok' }, { headers })
  } catch {
    return json({ status: 'unavailable', database: 'unreachable' }, { status: 503, headers })
  }
}
