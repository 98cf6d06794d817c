import { translatorFor } from '../app/i18n/instance'
import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** Sent after the record date: how to actually cast the vote. */
export default function HowToVote(props: UpdateEmailProps) {
  const t = translatorFor(props.locale ?? 'en')
  return <UpdateEmail {...props} askVoted lead={t('email.update.leadHowToVote', { deadline: props.deadline })} action={{ label: t('email.update.actionHowToVote'), href: props.voteUrl }} />
}

HowToVote.PreviewProps = previewUpdate
