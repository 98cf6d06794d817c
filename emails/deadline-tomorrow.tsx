import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** The morning before the broker deadline, in the campaign's time zone. */
export default function DeadlineTomorrow(props: UpdateEmailProps) {
  return <UpdateEmail {...props} askVoted lead={`Last chance: vote by ${props.deadline}.`} action={{ label: 'Vote today: how', href: props.voteUrl }} />
}

DeadlineTomorrow.PreviewProps = previewUpdate
