import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** Sent when the company's proxy materials are out. */
export default function MaterialsOut(props: UpdateEmailProps) {
  return <UpdateEmail {...props} lead={'The proxy materials are out: the proposal is on the ballot.'} action={{ label: 'See how to vote', href: props.voteUrl }} />
}

MaterialsOut.PreviewProps = previewUpdate
