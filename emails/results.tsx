import { translatorFor } from '../app/i18n/instance'
import { formatPercent } from '../app/utils/format'
import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** After the meeting, once the organizer has entered the result. */
export default function Results(props: UpdateEmailProps) {
  const result = props.figures?.result
  const locale = props.locale ?? 'en'
  const t = translatorFor(locale)
  const lead = result ? t('email.update.leadResultsPercent', { percent: formatPercent(result.supportPercent, locale) }) : t('email.update.leadResults')
  return <UpdateEmail {...props} lead={lead} action={{ label: t('email.update.actionResults'), href: props.campaign.pageUrl }} />
}

Results.PreviewProps = previewUpdate
