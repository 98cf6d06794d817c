import { translatorFor } from '../app/i18n/instance'
import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** The morning before the broker deadline, in the campaign's time zone. */
export default function DeadlineTomorrow(props: UpdateEmailProps) {
  const t = translatorFor(props.locale ?? 'en')
  return <UpdateEmail {...props} askVoted lead={t('email.update.leadDeadlineTomorrow', { deadline: props.deadline })} action={{ label: t('email.update.actionDeadlineTomorrow'), href: props.voteUrl }} />
}

DeadlineTomorrow.PreviewProps = previewUpdate
