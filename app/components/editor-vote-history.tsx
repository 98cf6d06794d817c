import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, Link } from '@remix-run/react'
import { VoteHistorySchema } from '~/schemas/campaign'
import { EditorInput } from './editor-fields'
import { FieldError, FormError } from './field'

// The proposal's results at earlier meetings (shared by every year's campaign of the proposal).
// Without JavaScript there is nothing to add rows with, so two empty rows are always offered;
// rows left empty are ignored and ticked rows removed.

export type VoteRowValues = Record<'meetingYear' | 'supportPercent' | 'votesFor' | 'votesAgainst' | 'abstentions' | 'brokerNonVotes' | 'sourceUrl', string>

const EMPTY_ROW: VoteRowValues = { meetingYear: '', supportPercent: '', votesFor: '', votesAgainst: '', abstentions: '', brokerNonVotes: '', sourceUrl: '' }
const BLANK_ROWS = 2

export function VoteHistoryForm({
  rows,
  sharedWith,
  lastResult,
}: {
  rows: VoteRowValues[]
  sharedWith: Array<{ slug: string; agmYear: number }>
  lastResult?: SubmissionResult<string[]> | null
}) {
  const [form, fields] = useForm<{ votes: Array<VoteRowValues & { remove?: string }> }, unknown>({
    id: 'votes',
    lastResult,
    defaultValue: { votes: [...rows, ...Array.from({ length: BLANK_ROWS }, () => EMPTY_ROW)] },
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
        Support is for ÷ (for + against), as a percentage of votes cast.
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
            <legend>{isSaved ? `${rows[index]!.meetingYear} meeting` : 'Add a meeting'}</legend>
            <div className="vote-row__grid">
              <EditorInput meta={vote.meetingYear} type="number" label="Year" inputMode="numeric" />
              <EditorInput meta={vote.supportPercent} label="Support (%)" inputMode="decimal" autoComplete="off" />
              <EditorInput meta={vote.votesFor} label="Votes for" inputMode="numeric" autoComplete="off" />
              <EditorInput meta={vote.votesAgainst} label="Votes against" inputMode="numeric" autoComplete="off" />
              <EditorInput meta={vote.abstentions} label="Abstentions" inputMode="numeric" autoComplete="off" />
              <EditorInput meta={vote.brokerNonVotes} label="Broker non-votes" inputMode="numeric" autoComplete="off" />
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
        <p className="form-note">Optional counts may be left empty. Empty rows are ignored.</p>
      </div>
    </Form>
  )
}
