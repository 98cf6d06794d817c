import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { EditorInput, EditorTextArea } from '~/components/editor-fields'
import { FormError } from '~/components/field'
import { FormOutcome } from '~/components/form-outcome'
import { EditorHeading } from '~/components/organizer-headings'
import { LANGUAGE_NAMES, TRANSLATED_LOCALES, type TranslatedLocale } from '~/i18n/locales'
import { listCampaignTranslations, saveCampaignTranslation } from '~/models/campaign-translations.server'
import { CampaignTranslationSchema } from '~/schemas/campaign-translation'
import editorStylesHref from '~/styles/organizer-editor.css'
import { readCampaignForm } from '~/utils/campaign-action.server'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'

// Editors and owners give the campaign's title, Resolved clause and supporting statement in
// German and Spanish (decision 019). The public page in that language shows them, with a link
// to the original; emptying all three removes the translation.

export const links = () => [{ rel: 'stylesheet', href: editorStylesHref }]
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction = () => [{ title: 'Translations · Quorum' }]

/** The organizer area is English: each language by its English name, then its own. */
const NAMES: Record<TranslatedLocale, string> = { de: 'German', es: 'Spanish' }

const NOTICES: Record<string, string> = {
  saved: 'Translation saved. The campaign’s page in that language shows it now.',
  unchanged: 'Nothing had changed, so nothing was saved.',
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'editor')
  const saved = await listCampaignTranslations(context.db, { campaignId: campaign.id })
  const valuesOf = (locale: TranslatedLocale): TranslationFields => {
    const row = saved.find((t) => t.locale === locale)
    return { title: row?.title ?? '', resolved: row?.resolved ?? '', supportingStatement: row?.supporting_statement ?? '' }
  }
  const values = { de: valuesOf('de'), es: valuesOf('es') }
  return json({ campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, role }, values }, { headers: PRIVATE_NO_STORE })
}

export async function action(args: ActionFunctionArgs) {
  const { organizer, campaign, form } = await readCampaignForm(args, 'editor')
  const submission = parseWithZod(form, { schema: CampaignTranslationSchema })
  if (submission.status !== 'success') return json({ locale: String(form.get('locale')), result: submission.reply() }, { status: 400, headers: PRIVATE_NO_STORE })
  const { locale, title, resolved, supportingStatement } = submission.value
  const values = title && resolved && supportingStatement ? { title, resolved, supportingStatement } : null
  const saved = await saveCampaignTranslation(args.context.db, { organizerId: organizer.id, campaignId: campaign.id, locale, values })
  return redirect(`/organizer/c/${campaign.slug}/translations?done=${saved.ok && saved.changed ? 'saved' : 'unchanged'}`)
}

export default function Translations() {
  const { campaign, values } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  return (
    <div className="editor-page">
      <EditorHeading campaign={campaign}>Translations</EditorHeading>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <FormOutcome done={actionData ? null : NOTICES[search.get('done') ?? '']} />
      <div className="editor-main">
        <p>
          Quorum’s own words on the public pages are already in German and Spanish. Here you can give this campaign’s title, Resolved clause and
          supporting statement in those languages too: the page in that language shows your translation and links to the original. Markdown as in
          the campaign editor. Have a fluent speaker check legal and financial terms.
        </p>
        {TRANSLATED_LOCALES.map((locale) => (
          <TranslationForm key={locale} locale={locale} defaultValue={values[locale]} lastResult={actionData?.locale === locale ? actionData.result : null} />
        ))}
      </div>
    </div>
  )
}

interface TranslationFields {
  title: string
  resolved: string
  supportingStatement: string
}

function TranslationForm({ locale, defaultValue, lastResult }: { locale: TranslatedLocale; defaultValue: TranslationFields; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm<{ locale: 'de' | 'es'; title?: string; resolved?: string; supportingStatement?: string }>({
    id: `translation-${locale}`,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(CampaignTranslationSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CampaignTranslationSchema }),
  })
  return (
    <Form method="post" className="form editor-form" {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <input type="hidden" name="locale" value={locale} />
      <fieldset className="editor-section" lang={locale}>
        <legend lang="en">
          {NAMES[locale]} (<span lang={locale}>{LANGUAGE_NAMES[locale]}</span>)
        </legend>
        <EditorInput meta={fields.title} label={<span lang="en">Title</span>} autoComplete="off" />
        <EditorTextArea meta={fields.resolved} label={<span lang="en">Resolved clause</span>} rows={5} />
        <EditorTextArea meta={fields.supportingStatement} label={<span lang="en">Supporting statement</span>} rows={12} />
        <p>
          <button type="submit" className="button button--primary">
            Save the {NAMES[locale]} text
          </button>
        </p>
      </fieldset>
    </Form>
  )
}
