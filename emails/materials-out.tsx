import { translatorFor } from '../app/i18n/instance'
import { previewUpdate, UpdateEmail, type UpdateEmailProps } from './update-body'

/** Sent when the company's proxy materials are out. */
export default function MaterialsOut(props: UpdateEmailProps) {
  const t = translatorFor(props.locale ?? 'en')
  return <UpdateEmail {...props} lead={t('email.update.leadMaterialsOut')} action={{ label: t('email.update.actionMaterialsOut'), href: props.voteUrl }} />
}

MaterialsOut.PreviewProps = previewUpdate
