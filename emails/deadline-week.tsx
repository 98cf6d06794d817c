import { translatorFor } from '../app/i18n/instance'
import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** One week before the broker deadline, to pledgers who have not voted yet. */
export default function DeadlineWeek(props: UpdateEmailProps) {
  const t = translatorFor(props.locale ?? 'en')
  return <UpdateEmail {...props} askVoted lead={t('email.update.leadDeadlineWeek', { deadline: props.deadline })} action={{ label: t('email.update.actionDeadlineWeek'), href: props.voteUrl }} />
}

DeadlineWeek.PreviewProps = previewUpdate
