import { useTranslation } from 'react-i18next'

/**
 * The `lang` of a campaign's own words (its title, summary, proposal, legend) on a page in
 * another language: campaigns are written in English, and a screen reader should read them so.
 */
export function useCampaignTextLang(): string | undefined {
  const { i18n } = useTranslation()
  return i18n.language === 'en' ? undefined : 'en'
}
