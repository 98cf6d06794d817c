import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { EditorInput, EditorTextArea } from '~/components/editor-fields'
import { FormError } from '~/components/field'
import { FormOutcome } from '~/components/form-outcome'
import { EditorHeading } from '~/components/organizer-headings'
import { getBrokerGuide, restoreBrokerGuide, saveBrokerGuide } from '~/models/broker-guides.server'
import { BrokerGuideSchema } from '~/schemas/broker-guide'
import editorStylesHref from '~/styles/organizer-editor.css'
import { readCampaignForm } from '~/utils/campaign-action.server'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'
import { replyWithFailure } from '~/utils/result'

// Editors and owners change one broker's guide for their campaign (decision 016): the first
// save makes the campaign's own copy of Quorum's text; "restore" drops the copy.

export const links = () => [{ rel: 'stylesheet', href: editorStylesHref }]
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.guide.name}: broker guide · Quorum` : 'Broker guide · Quorum' }]

const NOTICES: Record<string, string> = {
  saved: 'Guide saved. This campaign’s pages show it within seconds.',
  unchanged: 'Nothing had changed, so nothing was saved.',
  restored: 'Quorum’s text is back for this guide.',
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'editor')
  const guide = await getBrokerGuide(context.db, { campaign, key: params.key ?? '' })
  if (!guide) throw new Response('Guide not found', { status: 404, headers: PRIVATE_NO_STORE })
  return json(
    {
      campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, role },
      guide: { key: guide.key, name: guide.name, edited: guide.edited },
      values: { name: guide.name, aliases: guide.aliases.join('\n'), cutoffNote: guide.cutoff_note, steps: guide.steps, version: guide.updated_at.toISOString() },
    },
    { headers: PRIVATE_NO_STORE },
  )
}

export async function action(args: ActionFunctionArgs) {
  const { organizer, campaign, form } = await readCampaignForm(args, 'editor')
  const key = args.params.key ?? ''
  const base = `/organizer/c/${campaign.slug}/brokers/${key}`
  if (form.get('intent') === 'restore') {
    const restored = await restoreBrokerGuide(args.context.db, { organizerId: organizer.id, campaign, key })
    return redirect(restored.ok && restored.restored ? `${base}?done=restored` : base)
  }
  const submission = parseWithZod(form, { schema: BrokerGuideSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400, headers: PRIVATE_NO_STORE })
  const saved = await saveBrokerGuide(args.context.db, { organizerId: organizer.id, campaign, key, values: submission.value })
  if (!saved.ok) return json({ result: replyWithFailure(submission, saved) }, { status: 422, headers: PRIVATE_NO_STORE })
  return redirect(`${base}?done=${saved.changed.length ? 'saved' : 'unchanged'}`)
}

export default function BrokerGuideEditor() {
  const { campaign, guide, values } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  return (
    <div className="editor-page">
      <BackLink to={`/organizer/c/${campaign.slug}/brokers`} className="editor-back">
        ← Broker guides
      </BackLink>
      <EditorHeading campaign={campaign}>Guide: {guide.name}</EditorHeading>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <FormOutcome done={actionData ? null : NOTICES[search.get('done') ?? '']} />
      <div className="editor-main">
        <p>
          Supporters read it at <a href={`/c/${campaign.slug}/vote/${guide.key}`}>/c/{campaign.slug}/vote/{guide.key}</a>, beside this
          campaign’s deadline. {guide.edited ? 'This campaign has its own text for this guide.' : 'This is Quorum’s text: saving makes this campaign’s own copy.'}
        </p>
        {/* Keyed by version: after a save the form starts again from what was stored. */}
        <GuideForm key={values.version} defaultValue={values} lastResult={actionData?.result} />
        {guide.edited ? (
          <Form method="post" className="editor-section editor-section--standalone">
            <h2>Quorum’s text</h2>
            <p>Drop this campaign’s changes to this guide and show Quorum’s text again.</p>
            <p>
              <button type="submit" name="intent" value="restore" className="button">
                Restore Quorum’s text
              </button>
            </p>
          </Form>
        ) : null}
      </div>
    </div>
  )
}

function GuideForm({ defaultValue, lastResult }: { defaultValue: Record<'name' | 'aliases' | 'cutoffNote' | 'steps' | 'version', string>; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm({
    id: 'broker-guide',
    lastResult,
    defaultValue,
    constraint: getZodConstraint(BrokerGuideSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BrokerGuideSchema }),
  })
  const navigation = useNavigation()
  const saving = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'save'
  return (
    <Form method="post" className="form editor-form" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      {/* From the loader, not the typed input: after "someone else saved", saving again overwrites. */}
      <input type="hidden" name="version" value={defaultValue.version} />
      <fieldset className="editor-section">
        <legend>The guide</legend>
        <EditorInput meta={fields.name} label="Broker’s name" hint="As supporters know it; the page’s heading says “How to vote with …”." autoComplete="off" />
        <EditorTextArea
          meta={fields.aliases}
          label="Other names supporters type (optional)"
          hint="One a line, e.g. Schwab or TD Ameritrade. A pledge whose broker is one of these names, or contains it as whole words, is sent to this guide; capitals, dots and accents do not matter."
          rows={4}
        />
        <EditorTextArea meta={fields.cutoffNote} label="The broker’s own cut-off" hint="Plain text, shown beside the campaign’s deadline." rows={3} />
        <EditorTextArea
          meta={fields.steps}
          label="Steps"
          hint={
            <>
              Markdown: a numbered list as <code>1.</code>, <code>2.</code> at the start of lines, <code>**bold**</code>, <code>*italic*</code>, a blank line
              between paragraphs. Say where to look rather than naming screens that may change.
            </>
          }
          rows={16}
          mono
        />
      </fieldset>
      <div className="editor-save">
        <button type="submit" name="intent" value="save" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save guide'}
        </button>
        <p className="form-note">Saved changes show on this campaign’s pages only.</p>
      </div>
    </Form>
  )
}
