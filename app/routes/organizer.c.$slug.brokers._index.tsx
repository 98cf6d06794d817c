import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { ColumnHeads } from '~/components/column-heads'
import { EditorHeading } from '~/components/organizer-headings'
import { listBrokerGuides } from '~/models/broker-guides.server'
import editorStylesHref from '~/styles/organizer-editor.css'
import { formatInstantIn } from '~/utils/dates'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'

// The broker guides a campaign's supporters are sent to (decision 016): each is Quorum's text
// until an editor changes it for this campaign.

export const links = () => [{ rel: 'stylesheet', href: editorStylesHref }]
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Broker guides of ${data.campaign.title} · Quorum` : 'Broker guides · Quorum' }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'editor')
  const guides = await listBrokerGuides(context.db, campaign)
  return json(
    {
      campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, market: campaign.market, role },
      guides: guides.map((g) => ({
        key: g.key,
        name: g.name,
        aliases: g.aliases,
        edited: g.edited ? formatInstantIn(g.updated_at, campaign.time_zone) : null,
      })),
    },
    { headers: PRIVATE_NO_STORE },
  )
}

export default function BrokerGuidesPage() {
  const { campaign, guides } = useLoaderData<typeof loader>()
  return (
    <div className="editor-page">
      <EditorHeading campaign={campaign}>Broker guides</EditorHeading>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <p className="editor-main">
        Supporters reach these guides from the voting guide, from their own page (the guide of the broker they named) and from
        every reminder. Each is Quorum’s text for {campaign.market} brokers until you change it for this campaign; the change shows
        on this campaign’s pages only.
      </p>
      {guides.length === 0 ? (
        <p>Quorum has no broker guides for this campaign’s market ({campaign.market}) yet.</p>
      ) : (
        <div className="table-scroll editor-main" role="region" aria-labelledby="guides-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="guides-caption" className="visually-hidden">
              Broker guides
            </caption>
            <ColumnHeads columns={['Broker', 'Also found as', 'Text']} />
            <tbody>
              {guides.map((g) => (
                <tr key={g.key}>
                  <th scope="row">
                    <Link to={`/organizer/c/${campaign.slug}/brokers/${g.key}`}>{g.name}</Link>
                  </th>
                  <td>{g.aliases.length ? g.aliases.join(', ') : '—'}</td>
                  <td>{g.edited ? `This campaign’s own, saved ${g.edited}` : 'Quorum’s'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
