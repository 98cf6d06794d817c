import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { endSessionCookie } from '~/utils/organizer-auth.server'

export async function action({ request, context }: ActionFunctionArgs) {
  return redirect('/organizer/login', { headers: { 'Set-Cookie': await endSessionCookie(request, context) } })
}

export async function loader() {
  return redirect('/organizer')
}
