import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** Sent after the record date: how to actually cast the vote. */
export default function HowToVote(props: UpdateEmailProps) {
  return <UpdateEmail {...props} askVoted lead={`Voting is open until ${props.deadline}.`} action={{ label: 'How to vote, step by step', href: props.voteUrl }} />
}

HowToVote.PreviewProps = previewUpdate
