import { useTranslation } from 'react-i18next'
import { NewLinkForm } from './new-link-form'

// What a supporter sees when a link from one of our emails no longer works, and the way to a new one.

export function LinkProblem({ state }: { state: 'invalid' | 'expired' | 'used' }) {
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('linkProblem.heading')}</h1>
      <p className="lede">
        {t(`linkProblem.${state}`)} {t('linkProblem.newOne')}
      </p>
      <NewLinkForm />
    </>
  )
}
