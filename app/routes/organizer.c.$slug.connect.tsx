import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ApiTokenTable, NewApiTokenForm, NewTokenNotice } from '~/components/api-tokens'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { EditorHeading } from '~/components/organizer-headings'
import { config } from '~/config.server'
import { createApiToken, listApiTokens, revokeApiToken } from '~/models/api-tokens.server'
import { NewApiTokenSchema, RevokeApiTokenSchema } from '~/schemas/api'
import editorStylesHref from '~/styles/organizer-editor.css'
import { readCampaignForm } from '~/utils/campaign-action.server'
import { badgeSnippet, embedSnippet } from '~/utils/embed-snippets'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'

// Ways to reach a campaign from elsewhere: the embeddable tally and the badge as snippets to
// copy, and, for owners, API tokens (shown once, revocable).

export const links = () => [{ rel: 'stylesheet', href: editorStylesHref }]
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Embed and API: ${data.campaign.title} · Quorum` : 'Embed and API · Quorum' }]

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
const formatUtc = (date: Date) => `${dateFormat.format(date)} UTC`

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const where = { appUrl: config.appUrl, slug: campaign.slug, title: campaign.title }
  const tokens = role === 'owner' ? await listApiTokens(context.db, { campaignId: campaign.id }) : []
  return json(
    {
      tokens: tokens.map((t) => ({
        id: t.id,
        name: t.name,
        prefix: t.token_prefix,
        scopes: t.scopes,
        createdBy: t.created_by_email ?? 'a deleted account',
        created: formatUtc(t.created_at),
        expires: formatUtc(t.expires_at),
        lastUsed: t.last_used_at ? formatUtc(t.last_used_at) : null,
        state: t.revoked_at ? ('revoked' as const) : t.active ? ('active' as const) : ('expired' as const),
      })),
      campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, status: campaign.status, role },
      embed: { src: `/embed/c/${campaign.slug}`, snippet: embedSnippet(where) },
      badge: { src: `/c/${campaign.slug}/badge.svg`, snippet: badgeSnippet(where) },
      apiUrl: `${config.appUrl}/api/v1/campaigns/${campaign.slug}`,
    },
    { headers: PRIVATE_NO_STORE },
  )
}

export async function action(args: ActionFunctionArgs) {
  const { organizer, campaign, form } = await readCampaignForm(args, 'owner')
  if (form.get('intent') === 'revoke') {
    const submission = parseWithZod(form, { schema: RevokeApiTokenSchema })
    if (submission.status !== 'success') return json({ intent: 'revoke' as const, result: null, created: null, row: null }, { status: 400, headers: PRIVATE_NO_STORE })
    const revoked = await revokeApiToken(args.context.db, { actorId: organizer.id, campaignId: campaign.id, tokenId: submission.value.tokenId })
    if (!revoked.ok) {
      return json({ intent: 'revoke' as const, result: null, created: null, row: { tokenId: submission.value.tokenId, message: revoked.formError } }, { status: 422, headers: PRIVATE_NO_STORE })
    }
    return redirect(`/organizer/c/${campaign.slug}/connect?done=revoked#tokens-heading`)
  }
  const submission = parseWithZod(form, { schema: NewApiTokenSchema })
  if (submission.status !== 'success') return json({ intent: 'create' as const, result: submission.reply(), created: null, row: null }, { status: 400, headers: PRIVATE_NO_STORE })
  const created = await createApiToken(args.context.db, { actorId: organizer.id, campaignId: campaign.id, ...submission.value })
  // Shown in this answer only: never in an address, a cookie or the page's later loads.
  return json(
    { intent: 'create' as const, result: submission.reply({ resetForm: true }), created: { token: created.token, name: submission.value.name }, row: null },
    { headers: PRIVATE_NO_STORE },
  )
}

export default function ConnectPage() {
  const { campaign, embed, badge, apiUrl, tokens } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const draft = campaign.status === 'draft'
  return (
    <div className="editor-page">
      <EditorHeading campaign={campaign}>Embed and API: {campaign.title}</EditorHeading>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      {draft ? (
        <p className="notice" role="status">
          This campaign is a draft: the tally, the badge and the API show it once it is published.
        </p>
      ) : null}
      <section className="editor-section editor-section--standalone" aria-labelledby="embed-heading">
        <h2 id="embed-heading">The tally on a partner’s page</h2>
        <p>
          Paste this into any web page: it shows the people and shares pledged for, how far they go towards the threshold, and a button that opens the campaign in a new tab.
        </p>
        <div className="field">
          <label htmlFor="embed-snippet">HTML to copy</label>
          <textarea id="embed-snippet" className="control--code" readOnly rows={3} value={embed.snippet} />
        </div>
        {draft ? null : <iframe className="embed-preview" src={embed.src} title={`Preview: ${campaign.title}, support so far`} width={360} height={420} />}
      </section>
      <section className="editor-section editor-section--standalone" aria-labelledby="badge-heading">
        <h2 id="badge-heading">A badge</h2>
        <p>For a README, a newsletter or a sidebar: an image that always shows the current figure and links to the campaign.</p>
        <div className="field">
          <label htmlFor="badge-snippet">HTML to copy</label>
          <textarea id="badge-snippet" className="control--code" readOnly rows={2} value={badge.snippet} />
        </div>
        {draft ? null : (
          <p>
            <img src={badge.src} alt={`Badge preview: ${campaign.title}`} />
          </p>
        )}
      </section>
      <section className="editor-section editor-section--standalone" aria-labelledby="public-api-heading">
        <h2 id="public-api-heading">Public API</h2>
        <p>
          The same figures as JSON, open to any site: <code>{apiUrl}</code>. The API is described at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
        </p>
      </section>
      {campaign.role === 'owner' ? (
        <section className="editor-section editor-section--standalone" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">API tokens</h2>
          <p>
            A token lets another tool read this campaign’s pledges or subscribers, or draft email updates, through the API. Each one works for this campaign only, does only what it was given, and
            expires. Every use is in the audit log.
          </p>
          {actionData?.created ? <NewTokenNotice token={actionData.created.token} name={actionData.created.name} /> : null}
          {search.get('done') === 'revoked' && !actionData ? (
            <p className="notice" role="status">
              Token revoked: it no longer works.
            </p>
          ) : null}
          <ApiTokenTable tokens={tokens} error={actionData?.row ?? undefined} />
          <h3>New token</h3>
          <NewApiTokenForm lastResult={actionData?.intent === 'create' ? actionData.result : null} />
        </section>
      ) : null}
    </div>
  )
}
