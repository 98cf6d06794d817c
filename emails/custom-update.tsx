import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** An update an organizer writes, outside the calendar's sequence. */
export default function CustomUpdate(props: UpdateEmailProps) {
  return <UpdateEmail {...props} askVoted lead={undefined} action={null} />
}

CustomUpdate.PreviewProps = previewUpdate
