import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** One week before the broker deadline, to pledgers who have not voted yet. */
export default function DeadlineWeek(props: UpdateEmailProps) {
  return <UpdateEmail {...props} askVoted lead={`One week left: vote by ${props.deadline}.`} action={{ label: 'Vote now: how', href: props.voteUrl }} />
}

DeadlineWeek.PreviewProps = previewUpdate
