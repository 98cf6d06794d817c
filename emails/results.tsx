import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** After the meeting, once the organizer has entered the result. */
export default function Results(props: UpdateEmailProps) {
  return <UpdateEmail {...props} lead={'The annual meeting has voted.'} action={null} />
}

Results.PreviewProps = previewUpdate
