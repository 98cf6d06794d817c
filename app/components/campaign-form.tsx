import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import type { z } from 'zod'
import { CampaignPreviewSchema, CampaignSchema, NewCampaignSchema } from '~/schemas/campaign'
import { EditorInput, EditorSelect, EditorTextArea } from './editor-fields'
import { ErrorSummary } from './editor-nav'
import { EditorPreview, type MarkdownPreview } from './editor-preview'
import { FormError } from './field'

// The campaign editor, for a new campaign and for an existing one. It works without JavaScript:
// "Preview" and "Save" are plain submit buttons, and the server answers with the form as typed.

export const COMMON_TIME_ZONES = [
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu',
  'America/Toronto', 'America/Vancouver', 'America/Mexico_City', 'America/Sao_Paulo', 'Europe/London', 'Europe/Dublin', 'Europe/Paris',
  'Europe/Berlin', 'Europe/Amsterdam', 'Europe/Zurich', 'Europe/Stockholm', 'Asia/Tokyo', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Kolkata',
  'Australia/Sydney', 'UTC',
]
const STATUS_OPTIONS = [['draft', 'Draft: only organizers see it'], ['live', 'Live: public, takes pledges'], ['closed', 'Closed: public, shows the result']] as const
const FORMAT_OPTIONS = [['virtual', 'Virtual'], ['in_person', 'In person'], ['hybrid', 'Hybrid']] as const

/** Every field arrives from the form as text; the schema turns it into values. */
type CampaignField = keyof z.input<typeof NewCampaignSchema>

export interface ProposalChoice {
  key: string
  label: string
}

export function CampaignForm({
  mode,
  defaultValue,
  lastResult,
  preview,
  proposals = [],
  version,
}: {
  mode: 'create' | 'edit'
  /** The campaign's updated_at when the page was loaded (edit only). */
  version?: string
  defaultValue: Partial<Record<CampaignField, string>>
  lastResult?: SubmissionResult<string[]> | null
  preview?: MarkdownPreview | null
  proposals?: ProposalChoice[]
}) {
  const schema = mode === 'create' ? NewCampaignSchema : CampaignSchema
  const [form, fields] = useForm<Record<CampaignField, string>, unknown>({
    id: 'campaign',
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    // Previewing skips validation: half-written text can be previewed before the rest is filled in.
    onValidate: ({ formData, submitter }) => parseWithZod(formData, { schema: submitter?.value === 'preview' ? CampaignPreviewSchema : schema }),
  })
  const navigation = useNavigation()
  const saving = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'save'

  return (
    <Form method="post" className="form editor-form" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      {form.status === 'error' ? <ErrorSummary errors={form.allErrors} fieldId={(name) => fields[name as CampaignField]?.id ?? name} /> : null}
      {/* From the loader, not the typed input: after "someone else saved", saving again overwrites. */}
      {version ? <input type="hidden" name="version" value={version} /> : null}

      <fieldset className="editor-section" id="section-company">
        <legend>The company and the meeting</legend>
        <div className="editor-grid">
          <EditorInput meta={fields.company} label="Company" className="span-2" autoComplete="off" />
          <EditorInput meta={fields.ticker} label="Ticker" hint="e.g. AMZN" autoComplete="off" />
          <EditorInput meta={fields.exchange} label="Exchange" hint="e.g. NASDAQ, NYSE" autoComplete="off" />
          <EditorInput meta={fields.agmYear} type="number" label="Year of the annual meeting" hint="e.g. 2030" inputMode="numeric" />
          <EditorSelect meta={fields.status} label="Status" options={STATUS_OPTIONS} className="span-2" />
        </div>
        {mode === 'create' ? (
          <div className="editor-grid">
            <EditorInput meta={fields.slug} label="Page address" hint="Lower-case words and hyphens: the public page will be /c/ followed by this. It cannot change later." className="span-2" autoComplete="off" spellCheck={false} />
            <EditorSelect
              meta={fields.proposalKey}
              label="Proposal"
              hint="A proposal filed again in a later year shares its vote history with its earlier campaigns."
              options={[['', 'A new proposal'], ...proposals.map((p) => [p.key, p.label] as const)]}
              className="span-2"
            />
          </div>
        ) : null}
      </fieldset>

      <fieldset className="editor-section" id="section-proposal">
        <legend>The proposal</legend>
        <EditorInput meta={fields.title} label="Title" hint="Short, as the proxy statement names it, e.g. Customer Due Diligence." />
        <EditorTextArea meta={fields.summary} label="Summary (optional)" hint="One or two plain sentences under the title and in link previews." rows={3} />
        <EditorInput meta={fields.proxyItem} label="Proxy item (optional)" hint="The item number in the proxy statement, e.g. 6." className="field--short" />
        <EditorTextArea meta={fields.resolved} label="Resolved clause" hint={<MarkdownHint />} rows={5} mono />
        <EditorTextArea meta={fields.supportingStatement} label="Supporting statement" hint={<MarkdownHint />} rows={16} mono />
        <div className="editor-preview-actions">
          <button type="submit" name="intent" value="preview" className="button" formNoValidate>
            Preview
          </button>
          <p className="form-note">Shows the title and both texts as the public page will. Nothing is saved.</p>
        </div>
        {preview ? <EditorPreview preview={preview} /> : null}
        <EditorTextArea meta={fields.legend} label="Legend" hint="The legal notice shown on the page and in every email." rows={3} />
      </fieldset>

      <fieldset className="editor-section" id="section-dates">
        <legend>Key dates</legend>
        <EditorInput
          meta={fields.timeZone}
          label="Time zone"
          hint="Where the company gives the meeting’s time, as a region/city name. Times below are read on this clock."
          list="common-time-zones"
          autoComplete="off"
          spellCheck={false}
          className="field--medium"
        />
        <datalist id="common-time-zones">
          {COMMON_TIME_ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <div className="editor-grid editor-grid--dates">
          <EditorInput meta={fields.recordDate} type="date" label="Record date" hint="Who holds shares at the end of this day may vote." />
          <EditorInput meta={fields.voteDeadline} type="datetime-local" label="Broker voting deadline" hint="Usually 11:59 p.m. Eastern the day before the meeting." />
          <EditorInput meta={fields.agmAt} type="datetime-local" label="Meeting starts" hint="As the proxy statement gives it." />
        </div>
      </fieldset>

      <fieldset className="editor-section" id="section-meeting">
        <legend>Meeting and sources</legend>
        <div className="editor-grid">
          <EditorSelect meta={fields.meetingFormat} label="Meeting format" hint="How shareholders attend." options={FORMAT_OPTIONS} />
          <EditorInput meta={fields.sharesOutstanding} label="Shares outstanding" hint="On the record date, from the proxy statement." inputMode="numeric" autoComplete="off" />
          <EditorInput meta={fields.cusip} label="CUSIP (optional)" hint="Nine characters, e.g. 023135106: 13F holdings and N-PX votes are matched by it." autoComplete="off" />
          <EditorInput meta={fields.expectedTurnout} label="Expected turnout, % (optional)" hint="Shares voted for or against ÷ shares outstanding: used by the projection when last year’s votes are not recorded." inputMode="decimal" autoComplete="off" />
          <EditorInput meta={fields.meetingUrl} type="url" label="Meeting web address (optional)" className="span-2" />
          <EditorInput meta={fields.meetingLocation} label="Meeting location (optional)" hint="For an in-person or hybrid meeting." className="span-2" />
          <EditorInput meta={fields.proxyStatementUrl} type="url" label="Proxy statement web address (optional)" className="span-2" />
        </div>
      </fieldset>

      <fieldset className="editor-section" id="section-emails">
        <legend>Emails to supporters</legend>
        <div className="editor-grid">
          <EditorInput meta={fields.senderName} label="Sender name" hint="Shown as the sender of every email." />
          <EditorInput meta={fields.senderEmail} type="email" label="Reply-to address (optional)" hint="Where supporters’ replies go." autoComplete="off" />
          <EditorTextArea meta={fields.postalAddress} label="Postal address" hint="The law requires a postal address in every campaign email." rows={2} className="span-2" />
        </div>
      </fieldset>

      <div className="editor-save">
        <button type="submit" name="intent" value="save" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : mode === 'create' ? 'Create campaign' : 'Save changes'}
        </button>
        <p className="form-note">{mode === 'create' ? 'You become the campaign’s owner. It stays a draft until you make it live.' : 'Saved changes show on the public page within seconds.'}</p>
      </div>
    </Form>
  )
}

function MarkdownHint() {
  return (
    <>
      Markdown: <code>**bold**</code>, <code>*italic*</code>, a blank line between paragraphs; footnotes as <code>[^1]</code> in the text and{' '}
      <code>[^1]: &lt;https://…&gt;</code> at the end.
    </>
  )
}
