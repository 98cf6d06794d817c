import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ZodError } from 'zod'
import { BackLink } from '~/components/back-link'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { ColumnHeads } from '~/components/column-heads'
import { AffiliatedForm, DatasetForm, EdgarForm, type ImportIntent, type ImportOutcome, NpxForm, ThirteenFForm } from '~/components/import-forms'
import { config } from '~/config.server'
import { importFromEdgar } from '~/models/edgar-import.server'
import { importNpxFile, importThirteenFDataset, importThirteenFFiling, listImports } from '~/models/holder-imports.server'
import { addAffiliatedHolder } from '~/models/holders.server'
import { parseFilingRef } from '~/sec/edgar-client.server'
import { AccessionSchema, AffiliatedHolderSchema, EdgarFetchSchema, FilerSchema, FundSchema } from '~/schemas/vote-model'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'
import { readUpload, type Upload } from '~/utils/upload.server'
import { shortDate } from '~/utils/vote-labels'
import { failureMessage, type Result } from '~/utils/result'
import { voteModelLinks } from '~/utils/vote-model-links'

// Editors bring SEC filings into the campaign's vote model: uploaded, or fetched from EDGAR.
// Each import is all or nothing; a refused file says where and why.

export const links = voteModelLinks
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Import filings · ${data?.campaign.title ?? 'Campaign'} · Quorum` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'editor')
  const imports = await listImports(context.db, { campaignId: campaign.id })
  return json(
    {
      campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, cusip: campaign.cusip, role },
      edgarConfigured: config.edgar.userAgent !== null,
      imports: imports.map((i) => ({ id: i.id, kind: i.kind, label: i.label, rows: i.rows, on: i.imported_at.toISOString().slice(0, 10), by: i.organizer_email })),
    },
    { headers: PRIVATE_NO_STORE },
  )
}

const firstErrors = (error: ZodError) => Object.fromEntries(error.issues.map((i) => [String(i.path[0]), i.message]))
const needFile = (upload: Upload, name: string, label: string) => (upload.files[name] ? null : { [name]: `Choose the ${label} to upload` })

async function run(intent: ImportIntent, upload: Upload, args: ActionFunctionArgs & { organizerId: number; campaign: Awaited<ReturnType<typeof requireCampaignRole>>['campaign'] }): Promise<Omit<ImportOutcome, 'intent'>> {
  const { campaign, organizerId } = args
  const db = args.context.db
  const fields = upload.fields
  const fail = (errors: Record<string, string>, message = 'Check the fields marked below.') => ({ ok: false, message, errors })
  const done = (result: Result<{ message: string }>) => (result.ok ? { ok: true, message: result.message, errors: {} } : { ok: false, message: failureMessage(result), errors: {} })
  const accession = AccessionSchema.safeParse(fields.accession)
  if (!accession.success && (intent === '13f' || intent === 'npx')) return fail({ accession: accession.error.issues[0]!.message })

  switch (intent) {
    case '13f': {
      const missing = needFile(upload, 'infoTable', 'information table')
      if (missing) return fail(missing)
      let filer = null
      if (!upload.files.primaryDoc) {
        const parsed = FilerSchema.safeParse(fields)
        if (!parsed.success) return fail(firstErrors(parsed.error), 'Add the primary document, or type the filer’s name, CIK and report period.')
        filer = { name: parsed.data.filerName, cik: parsed.data.filerCik, period: parsed.data.period }
      }
      return done(await importThirteenFFiling(db, { campaign, organizerId, infoTable: upload.files.infoTable!.path, primaryDoc: upload.files.primaryDoc?.path ?? null, filer, accessionNumber: accession.success ? (accession.data ?? null) : null }))
    }
    case 'dataset': {
      const missing = { ...needFile(upload, 'submission', 'SUBMISSION file'), ...needFile(upload, 'coverpage', 'COVERPAGE file'), ...needFile(upload, 'infotable', 'INFOTABLE file') }
      if (Object.keys(missing).length) return fail(missing)
      return done(await importThirteenFDataset(db, { campaign, organizerId, files: { submission: upload.files.submission!.path, coverpage: upload.files.coverpage!.path, infotable: upload.files.infotable!.path } }))
    }
    case 'npx': {
      const missing = needFile(upload, 'npxFile', 'vote table or CSV')
      if (missing) return fail(missing)
      const file = upload.files.npxFile!
      const format = /\.csv$/i.test(file.name) ? 'csv' : 'xml'
      let fund = null
      if (format === 'xml' && !upload.files.primaryDoc) {
        const parsed = FundSchema.safeParse(fields)
        if (!parsed.success) return fail(firstErrors(parsed.error), 'Add the primary document, or type the fund’s name.')
        fund = { name: parsed.data.fundName, cik: parsed.data.fundCik }
      }
      return done(await importNpxFile(db, { campaign, organizerId, file: file.path, format, primaryDoc: upload.files.primaryDoc?.path ?? null, fund, accessionNumber: accession.success ? (accession.data ?? null) : null }))
    }
    case 'edgar': {
      const parsed = EdgarFetchSchema.safeParse(fields)
      if (!parsed.success) return fail(firstErrors(parsed.error))
      const ref = parseFilingRef({ url: parsed.data.address || null, cik: parsed.data.cik, accession: parsed.data.accession })
      if (!ref) return fail({ address: 'Paste the filing’s EDGAR address (…/Archives/edgar/data/CIK/ACCESSION/…), or give the CIK and the accession number' })
      return done(await importFromEdgar(db, { campaign, organizerId, form: parsed.data.form, ref }))
    }
    case 'affiliated': {
      const parsed = AffiliatedHolderSchema.safeParse(fields)
      if (!parsed.success) return fail(firstErrors(parsed.error))
      await addAffiliatedHolder(db, { campaignId: campaign.id, organizerId, ...parsed.data })
      return { ok: true, message: `${parsed.data.name} added to the holders.`, errors: {} }
    }
  }
}

const INTENTS = new Set<ImportIntent>(['13f', 'dataset', 'npx', 'edgar', 'affiliated'])

export async function action(args: ActionFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(args.request, args.context, args.params.slug, 'editor')
  const upload = await readUpload(args.request, { maxBytes: config.importMaxBytes })
  const intent = upload.fields.intent as ImportIntent
  if (!INTENTS.has(intent)) {
    await upload.cleanup()
    return json({ error: 'unknown_intent', message: 'Send one of the import forms.' }, { status: 400, headers: PRIVATE_NO_STORE })
  }
  let outcome: ImportOutcome
  try {
    outcome = { intent, ...(await run(intent, upload, { ...args, organizerId: organizer.id, campaign })) }
  } finally {
    await upload.cleanup()
  }
  return json(outcome, { status: outcome.ok ? 200 : 422, headers: PRIVATE_NO_STORE })
}

export default function ImportsPage() {
  const { campaign, imports, edgarConfigured } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const outcome = data && 'intent' in data ? data : null
  const base = `/organizer/c/${campaign.slug}`
  return (
    <>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <BackLink to={`${base}/holders`} className="breadcrumb">← Holders</BackLink>
      <h1>Import filings</h1>
      {campaign.cusip ? (
        <p className="lede">
          Holdings and votes are kept for {campaign.company}’s CUSIP, <strong>{campaign.cusip}</strong>. Importing the same filing again changes nothing; a file
          with a problem is refused whole, with the line and what was expected.
        </p>
      ) : (
        <p className="notice notice--strong">
          Set {campaign.company}’s CUSIP in the <Link to={`${base}/edit#section-meeting`}>campaign editor</Link> first: 13F holdings and N-PX votes are matched by it.
        </p>
      )}
      {data && !('intent' in data) ? (
        <p className="form-error" role="alert">
          {data.message}
        </p>
      ) : null}
      <div className="import-grid">
        <ThirteenFForm outcome={outcome} />
        <DatasetForm outcome={outcome} />
        <NpxForm outcome={outcome} />
        <EdgarForm outcome={outcome} configured={edgarConfigured} />
        <AffiliatedForm outcome={outcome} />
      </div>
      <section className="panel" aria-labelledby="imports-heading">
        <h2 id="imports-heading">Imported</h2>
        {imports.length === 0 ? (
          <p className="muted">Nothing imported yet.</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="imports-heading" tabIndex={0}>
            <table className="data-table">
              <ColumnHeads columns={['Filing', { heading: 'Rows read', className: 'num' }, 'On', 'By']} />
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.label}</th>
                    <td className="num">{i.rows.toLocaleString('en-US')}</td>
                    <td>{shortDate(i.on)}</td>
                    <td>{i.by ?? 'Quorum (demo)'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}
