import { formatPercent } from '../app/utils/format'
import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** After the meeting, once the organizer has entered the result. */
export default function Results(props: UpdateEmailProps) {
  const result = props.figures?.result
  const lead = result
    ? `The annual meeting has voted: ${formatPercent(result.supportPercent)} of the votes cast were for the proposal.`
    : 'The annual meeting has voted.'
  return <UpdateEmail {...props} lead={lead} action={{ label: 'The result, and what comes next', href: props.campaign.pageUrl }} />
}

Results.PreviewProps = previewUpdate
