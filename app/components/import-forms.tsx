import { Form } from '@remix-run/react'
import { PlainInput, PlainSelect } from './plain-field'

// The import page's forms. Each is a multipart form that works without JavaScript; the
// action tells them apart by `intent`, and one result shows under the form that sent it.

export type ImportIntent = '13f' | 'dataset' | 'npx' | 'edgar' | 'affiliated'
export interface ImportOutcome {
  intent: ImportIntent
  ok: boolean
  message: string | null
  errors: Record<string, string>
}

function Outcome({ intent, outcome }: { intent: ImportIntent; outcome: ImportOutcome | null }) {
  if (!outcome || outcome.intent !== intent || !outcome.message) return null
  return outcome.ok ? (
    <p className="notice notice--strong" role="status">
      {outcome.message}
    </p>
  ) : (
    <p className="form-error" role="alert">
      {outcome.message}
    </p>
  )
}

function errorsFor(intent: ImportIntent, outcome: ImportOutcome | null) {
  return outcome?.intent === intent ? outcome.errors : {}
}

export function ThirteenFForm({ outcome }: { outcome: ImportOutcome | null }) {
  const errors = errorsFor('13f', outcome)
  return (
    <Form method="post" encType="multipart/form-data" className="form import-form" aria-labelledby="import-13f">
      <h3 id="import-13f">A Form 13F filing</h3>
      <p className="field-hint">Its information table (XML) and its primary document (primary_doc.xml), which says who filed and for which quarter.</p>
      <PlainInput id="infoTable" name="infoTable" type="file" accept=".xml,application/xml,text/xml" label="Information table (XML)" error={errors.infoTable} />
      <PlainInput id="primaryDoc13f" name="primaryDoc" type="file" accept=".xml,application/xml,text/xml" label="Primary document (primary_doc.xml)" hint="Or leave it out and type the filer below." error={errors.primaryDoc} />
      <details className="import-form__more">
        <summary>No primary document? Type the filer</summary>
        <PlainInput id="filerName" name="filerName" label="Filer’s name" error={errors.filerName} maxLength={300} />
        <PlainInput id="filerCik" name="filerCik" label="Filer’s CIK" inputMode="numeric" error={errors.filerCik} maxLength={12} />
        <PlainInput id="period" name="period" type="date" label="Report period (the quarter’s last day)" error={errors.period} />
      </details>
      <PlainInput id="accession13f" name="accession" label="Accession number (optional)" hint="e.g. 0000950123-24-002518; it makes a re-import of the same filing a no-op." error={errors.accession} maxLength={30} />
      <button type="submit" name="intent" value="13f" className="button button--primary">
        Import the 13F
      </button>
      <Outcome intent="13f" outcome={outcome} />
    </Form>
  )
}

export function DatasetForm({ outcome }: { outcome: ImportOutcome | null }) {
  const errors = errorsFor('dataset', outcome)
  return (
    <Form method="post" encType="multipart/form-data" className="form import-form" aria-labelledby="import-dataset">
      <h3 id="import-dataset">A quarter’s Form 13F data set</h3>
      <p className="field-hint">The three tab-separated files from the SEC’s quarterly data set (unzipped). Only rows of the company’s CUSIP are kept; millions of rows take seconds.</p>
      <PlainInput id="submission" name="submission" type="file" accept=".tsv,.txt" label="SUBMISSION.tsv" error={errors.submission} />
      <PlainInput id="coverpage" name="coverpage" type="file" accept=".tsv,.txt" label="COVERPAGE.tsv" error={errors.coverpage} />
      <PlainInput id="infotable" name="infotable" type="file" accept=".tsv,.txt" label="INFOTABLE.tsv" error={errors.infotable} />
      <button type="submit" name="intent" value="dataset" className="button button--primary">
        Import the data set
      </button>
      <Outcome intent="dataset" outcome={outcome} />
    </Form>
  )
}

export function NpxForm({ outcome }: { outcome: ImportOutcome | null }) {
  const errors = errorsFor('npx', outcome)
  return (
    <Form method="post" encType="multipart/form-data" className="form import-form" aria-labelledby="import-npx">
      <h3 id="import-npx">A Form N-PX (fund votes)</h3>
      <p className="field-hint">
        The vote table (XML, filed from 2024) with its primary document, or a CSV for earlier years with the columns fund_name, fund_cik, issuer_name, cusip,
        meeting_date, vote_description, proposed_by, shares_voted, how_voted, for_or_against_management.
      </p>
      <PlainInput id="npxFile" name="npxFile" type="file" accept=".xml,.csv,application/xml,text/xml,text/csv" label="Vote table (XML) or CSV" error={errors.npxFile} />
      <PlainInput id="primaryDocNpx" name="primaryDoc" type="file" accept=".xml,application/xml,text/xml" label="Primary document (primary_doc.xml, for XML)" hint="Or type the fund below." error={errors.primaryDoc} />
      <details className="import-form__more">
        <summary>No primary document? Type the fund</summary>
        <PlainInput id="fundName" name="fundName" label="Fund’s name" error={errors.fundName} maxLength={300} />
        <PlainInput id="fundCik" name="fundCik" label="Fund’s CIK (optional)" inputMode="numeric" error={errors.fundCik} maxLength={12} />
      </details>
      <PlainInput id="accessionNpx" name="accession" label="Accession number (optional)" error={errors.accession} maxLength={30} />
      <button type="submit" name="intent" value="npx" className="button button--primary">
        Import the N-PX
      </button>
      <Outcome intent="npx" outcome={outcome} />
    </Form>
  )
}

export function EdgarForm({ outcome, configured }: { outcome: ImportOutcome | null; configured: boolean }) {
  const errors = errorsFor('edgar', outcome)
  return (
    <Form method="post" encType="multipart/form-data" className="form import-form" aria-labelledby="import-edgar">
      <h3 id="import-edgar">Fetch from EDGAR</h3>
      {configured ? null : (
        <p className="notice">Fetching needs the EDGAR_USER_AGENT setting (the SEC requires a name and an email address): until it is set, upload files instead.</p>
      )}
      <PlainSelect id="edgarForm" name="form" label="Form" options={{ '13f': 'Form 13F', npx: 'Form N-PX' }} error={errors.form} />
      <PlainInput id="address" name="address" label="The filing’s EDGAR address" hint="e.g. https://www.sec.gov/Archives/edgar/data/1067983/000095012324002518/" maxLength={500} error={errors.address} />
      <div className="import-form__pair">
        <PlainInput id="edgarCik" name="cik" label="or the filer’s CIK" inputMode="numeric" maxLength={12} error={errors.cik} />
        <PlainInput id="edgarAccession" name="accession" label="and the accession number" maxLength={30} error={errors.accession} />
      </div>
      <button type="submit" name="intent" value="edgar" className="button button--primary" disabled={!configured}>
        Fetch and import
      </button>
      <Outcome intent="edgar" outcome={outcome} />
    </Form>
  )
}

export function AffiliatedForm({ outcome }: { outcome: ImportOutcome | null }) {
  const errors = errorsFor('affiliated', outcome)
  return (
    <Form method="post" encType="multipart/form-data" className="form import-form" aria-labelledby="import-affiliated">
      <h3 id="import-affiliated">An affiliated holder</h3>
      <p className="field-hint">A founder, officer or director’s stake, from the proxy statement’s ownership table. Such holders usually vote with the board.</p>
      <PlainInput id="affName" name="name" label="Name" maxLength={300} error={errors.name} />
      <PlainInput id="affShares" name="shares" label="Shares" inputMode="numeric" maxLength={30} error={errors.shares} />
      <PlainSelect id="affVote" name="expectedVote" label="Expected vote" defaultValue="against" options={{ against: 'Against (with the board)', for: 'For', abstain: 'Abstain' }} error={errors.expectedVote} />
      <PlainInput id="affNote" name="note" label="Source (optional)" hint="e.g. 2024 proxy statement, p. 58" maxLength={1000} error={errors.note} />
      <button type="submit" name="intent" value="affiliated" className="button button--primary">
        Add the holder
      </button>
      <Outcome intent="affiliated" outcome={outcome} />
    </Form>
  )
}
