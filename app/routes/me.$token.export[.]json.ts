import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { exportSupporterData } from '~/models/supporters.server'
import { peekToken } from '~/models/supporter-tokens.server'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const session = await peekToken(context.db, { token: params.token, purpose: 'manage' })
  if (!session.ok) return json({ error: 'This link no longer works. Ask for a new one at /links/new.' }, { status: 410 })
  const data = await exportSupporterData(context.db, { supporterId: session.supporterId })
  if (!data) return json({ error: 'Nothing is held about this address.' }, { status: 404 })
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="quorum-my-data.json"',
      'Cache-Control': 'no-store',
    },
  })
}
