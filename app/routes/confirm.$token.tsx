import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { LinkProblem } from '~/components/link-problem'
import { metaTranslator } from '~/i18n/instance'
import { useLocale } from '~/i18n/use-locale'
import { confirmByToken } from '~/models/supporters.server'
import { peekToken } from '~/models/supporter-tokens.server'

// Mail scanners open links: the GET only shows a button; the POST confirms.

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await peekToken(context.db, { token: params.token, purpose: 'confirm' })
  return json({ state: found.ok ? ('ready' as const) : found.reason }, { status: found.ok ? 200 : 410, headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ params, context }: ActionFunctionArgs) {
  const confirmed = await confirmByToken(context.db, { token: params.token, clientIp: context.clientIp })
  if (!confirmed.ok) return json({ state: confirmed.reason }, { status: 410 })
  return redirect(`/me/${confirmed.manageToken}?confirmed`)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: `${metaTranslator(matches)('confirm.heading')} · Quorum` }, { name: 'robots', content: 'noindex' }]

export default function Confirm() {
  const loaded = useLoaderData<typeof loader>()
  const acted = useActionData<typeof action>()
  const state = acted?.state ?? loaded.state
  const { t } = useLocale()
  return (
    <div className="wrap narrow page-message">
      {state === 'ready' ? (
        <>
          <h1>{t('confirm.heading')}</h1>
          <p className="lede">{t('confirm.lede')}</p>
          <Form method="post">
            <button type="submit" className="button button--primary">
              {t('confirm.button')}
            </button>
          </Form>
        </>
      ) : (
        <LinkProblem state={state} />
      )}
    </div>
  )
}
