import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { CampaignForm } from '~/components/campaign-form'
import { EditorToc } from '~/components/editor-nav'
import { PreviewNotice } from '~/components/editor-preview'
import { createCampaign, DEFAULT_LEGEND, listProposalChoices, previewCampaignText } from '~/models/campaign-editor.server'
import { CampaignPreviewSchema, NewCampaignSchema } from '~/schemas/campaign'
import editorStylesHref from '~/styles/organizer-editor.css'
import { PRIVATE_NO_STORE, requireOrganizer } from '~/utils/organizer-auth.server'
import { readForm } from '~/utils/read-form.server'
import { replyWithFailure } from '~/utils/result'

// Any signed-in organizer may start a campaign; they become its owner.

export const links = () => [{ rel: 'stylesheet', href: editorStylesHref }]
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction = () => [{ title: 'New campaign · Quorum' }]

const NEW_CAMPAIGN_DEFAULTS = {
  status: 'draft',
  timeZone: 'America/New_York',
  meetingFormat: 'virtual',
  legend: DEFAULT_LEGEND,
  proposalKey: '',
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request, context)
  const proposals = await listProposalChoices(context.db, { organizerId: organizer.id })
  return json({ proposals: proposals.map((p) => ({ key: p.key, label: `${p.company}: ${p.title} (latest ${p.lastYear})` })) }, { headers: PRIVATE_NO_STORE })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request, context)
  const form = await readForm(request)
  if (form.get('intent') === 'preview') {
    const submission = parseWithZod(form, { schema: CampaignPreviewSchema })
    return json({ result: submission.reply(), preview: submission.status === 'success' ? previewCampaignText(submission.value) : null }, { headers: PRIVATE_NO_STORE })
  }
  const submission = parseWithZod(form, { schema: NewCampaignSchema })
  if (submission.status !== 'success') return json({ result: submission.reply(), preview: null }, { status: 400, headers: PRIVATE_NO_STORE })
  const created = await createCampaign(context.db, { organizerId: organizer.id, values: submission.value })
  if (!created.ok) return json({ result: replyWithFailure(submission, created), preview: null }, { status: 422, headers: PRIVATE_NO_STORE })
  return redirect(`/organizer/c/${created.slug}/edit?created`)
}

export default function NewCampaignPage() {
  const { proposals } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="editor-page">
      <BackLink to="/organizer" className="editor-back">← Your campaigns</BackLink>
      <h1>New campaign</h1>
      <p className="lede">Everything here can be changed later except the page address. Nothing is public until you set the status to live.</p>
      {actionData?.preview ? <PreviewNotice /> : null}
      <div className="editor-layout">
        <div className="editor-main">
          <CampaignForm mode="create" defaultValue={NEW_CAMPAIGN_DEFAULTS} lastResult={actionData?.result} preview={actionData?.preview} proposals={proposals} />
        </div>
        <aside className="editor-aside">
          <EditorToc />
        </aside>
      </div>
    </div>
  )
}
