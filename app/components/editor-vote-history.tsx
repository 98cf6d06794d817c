import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, Link } from '@remix-run/react'
import { VoteHistorySchema } from '~/schemas/campaign'
import { EditorInput } from './editor-fields'
import { FieldError, FormError } from './field'

// The proposal's results at earlier meetings (shared by every year's campaign of the proposal).
// Without JavaScript there is nothing to add rows with, so two empty rows are always offered;
// rows left empty are ignored and ticked rows removed.

export type VoteRowValues = Record<'meetingYear' | 'meetingDate' | 'supportPercent' | 'votesFor' | 'votesAgainst' | 'abstentions' | 'brokerNonVotes' | 'sharesOutstanding' | 'sourceUrl', string>

export const EMPTY_ROW: VoteRowValues = { meetingYear: '', meetingDate: '', supportPercent: '', votesFor: '', votesAgainst: '', abstentions: '', brokerNonVotes: '', sharesOutstanding: '', sourceUrl: '' }
const BLANK_ROWS = 2

export function VoteHistoryForm({
  rows,
  derived,
  pasted,
  sharedWith,
  lastResult,
}: {
  rows: VoteRowValues[]
  /** Per saved row: the support derived from its votes, or null when only a percentage is known. */
  derived: Array<string | null>
  /** A row read from a pasted Item 5.07 table, offered in the first empty row to confirm. */
  pasted?: VoteRowValues | null
  sharedWith: Array<{ slug: string; agmYear: number }>
  lastResult?: SubmissionResult<string[]> | null
}) {
  const [form, fields] = useForm<{ votes: Array<VoteRowValues & { remove?: string }> }, unknown>({
    id: 'votes',
    lastResult,
    defaultValue: { votes: [...rows, ...(pasted ? [pasted] : []), ...Array.from({ length: BLANK_ROWS }, () => EMPTY_ROW)] },
    constraint: getZodConstraint(VoteHistorySchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VoteHistorySchema }),
  })
  const saved = rows.length

  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <p className="field-hint">
        Record each meeting’s result as votes, from the company’s Form 8-K (Item 5.07): support is derived as for ÷ (for +
        against), as Rule 14a-8 counts it, and the projection needs the votes and the shares outstanding at that record date.
        Where only a percentage was published, enter it instead.
        {sharedWith.length > 0 ? (
          <>
            {' '}
            This history is shared with the proposal’s other campaigns:{' '}
            {sharedWith.map((c, i) => (
              <span key={c.slug}>
                {i > 0 ? ', ' : ''}
                <Link to={`/c/${c.slug}`}>{c.agmYear}</Link>
              </span>
            ))}
            .
          </>
        ) : null}
      </p>
      <FieldError meta={fields.votes} />
      {fields.votes.getFieldList().map((row, index) => {
        const vote = row.getFieldset()
        const isSaved = index < saved
        const { key: removeKey, ...removeProps } = getInputProps(vote.remove, { type: 'checkbox' })
        return (
          <fieldset key={row.key} className="vote-row">
            <legend>{isSaved ? `${rows[index]!.meetingYear} meeting` : index === saved && pasted ? 'From the pasted table: check, add the year, save' : 'Add a meeting'}</legend>
            {isSaved ? (
              derived[index] ? (
                <p className="vote-row__derived">Support {Number(derived[index]).toLocaleString('en-US')}% (for ÷ (for + against), from the votes).</p>
              ) : (
                <p className="vote-row__derived vote-row__derived--missing">
                  Only a percentage is known for this meeting: add its votes for and against and the shares outstanding at its record date
                  (from its Form 8-K, Item 5.07) so that the projection can use it.
                </p>
              )
            ) : null}
            <div className="vote-row__grid">
              <EditorInput meta={vote.meetingYear} type="number" label="Year" inputMode="numeric" />
              <EditorInput meta={vote.meetingDate} type="date" label="Meeting date (optional)" />
              <EditorInput meta={vote.votesFor} label="Votes for" inputMode="numeric" autoComplete="off" />
              <EditorInput meta={vote.votesAgainst} label="Votes against" inputMode="numeric" autoComplete="off" />
              <EditorInput meta={vote.abstentions} label="Abstentions" inputMode="numeric" autoComplete="off" />
              <EditorInput meta={vote.brokerNonVotes} label="Broker non-votes" inputMode="numeric" autoComplete="off" />
              <EditorInput meta={vote.sharesOutstanding} label="Shares outstanding" hint="At that meeting’s record date." inputMode="numeric" autoComplete="off" />
              <EditorInput meta={vote.supportPercent} label="Support (%) if no votes" hint="Only when the votes are not known." inputMode="decimal" autoComplete="off" />
              <EditorInput meta={vote.sourceUrl} type="url" label="Source (optional)" hint="e.g. the company’s Form 8-K with the results" className="vote-row__source" />
            </div>
            {isSaved ? (
              <div className="field field--checkbox vote-row__remove">
                <input key={removeKey} {...removeProps} />
                <label htmlFor={vote.remove.id}>Remove this year</label>
              </div>
            ) : null}
          </fieldset>
        )
      })}
      <div className="editor-save">
        <button type="submit" name="intent" value="votes" className="button button--primary">
          Save vote history
        </button>
        <p className="form-note">Abstentions, broker non-votes and the date may be left empty. Empty rows are ignored.</p>
      </div>
    </Form>
  )
}

/** Paste an Item 5.07 table: it is read and shown back in the vote history form to confirm. */
export function Item507PasteForm({ error, found, fetchError }: { error?: string | null; found?: string | null; fetchError?: string | null }) {
  return (
    <>
      <Form method="post" className="form paste-507">
        <div className="field">
          <label htmlFor="pasted-507">Paste the results table from the Form 8-K (Item 5.07)</label>
          <textarea id="pasted-507" name="pasted" rows={6} maxLength={20000} aria-describedby="pasted-507-hint" aria-invalid={error ? true : undefined} aria-errormessage={error ? 'pasted-507-error' : undefined} />
          <p id="pasted-507-hint" className="field-hint">
            The header row (For, Against, Abstain, Broker Non-Votes) and the proposal’s row of figures. Nothing is saved until you confirm below.
          </p>
          {error ? (
            <p id="pasted-507-error" className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          {found ? (
            <p className="notice" role="status">
              {found}
            </p>
          ) : null}
        </div>
        <button type="submit" name="intent" value="paste-507" className="button">
          Read the table
        </button>
      </Form>
      <Form method="post" className="form paste-507">
        <div className="field">
          <label htmlFor="edgar-8k">Or fetch the Form 8-K from EDGAR</label>
          <input id="edgar-8k" type="text" name="address" maxLength={500} aria-describedby="edgar-8k-hint" aria-invalid={fetchError ? true : undefined} aria-errormessage={fetchError ? 'edgar-8k-error' : undefined} />
          <p id="edgar-8k-hint" className="field-hint">
            The filing’s address, e.g. https://www.sec.gov/Archives/edgar/data/1018724/000101872422000015/ — its Item 5.07 table is read the same way.
          </p>
          {fetchError ? (
            <p id="edgar-8k-error" className="field-error" role="alert">
              {fetchError}
            </p>
          ) : null}
        </div>
        <button type="submit" name="intent" value="fetch-507" className="button">
          Fetch and read
        </button>
      </Form>
    </>
  )
}
