import type { ConsentItem } from '../../db/schema'
import { translatorFor } from '../i18n/instance'
import type { Locale } from '../i18n/locales'
import { FOLLOW_FORM_VERSION, ME_RESUBSCRIBE_VERSION, PLEDGE_FORM_VERSION } from '../schemas/pledge'

// The words the sign-up forms show about what a supporter agrees to. The forms render these very
// strings (a test holds the English messages to them), and a confirmation stores them with the
// form's version as consent evidence: a change of wording is a new form version, and the old
// version's words stay here (decision 015). A form read in German or Spanish is recorded in the
// translation it showed, taken from the messages at confirmation (decision 019).

export const PLEDGE_FORM_WORDING = {
  emailHint: 'We send one link to confirm it. Your pledge counts once you click it.',
  showNameLabel: 'Show my name publicly as a supporter',
  showNameHint: 'Only if you pledge to vote for. You can change this later.',
  updatesLabel: 'Email me updates about this campaign',
  updatesHint: 'Key dates and reminders; unsubscribe with one click.',
  submit: 'Pledge my vote',
  note: 'Quorum records your intention only. It never takes your proxy: you vote through your own broker.',
} as const

export const FOLLOW_FORM_WORDING = {
  emailLabel: 'Email address for updates',
  submit: 'Follow updates',
} as const

export const ME_RESUBSCRIBE_WORDING = {
  button: 'Subscribe again',
} as const

/** For each form version, the words shown for each thing it asks agreement to, in the form's order. */
const CONSENT_WORDING: Record<string, Partial<Record<ConsentItem, readonly string[]>>> = {
  [PLEDGE_FORM_VERSION]: {
    pledge: [PLEDGE_FORM_WORDING.emailHint, PLEDGE_FORM_WORDING.submit, PLEDGE_FORM_WORDING.note],
    public_name: [PLEDGE_FORM_WORDING.showNameLabel, PLEDGE_FORM_WORDING.showNameHint],
    updates: [PLEDGE_FORM_WORDING.updatesLabel, PLEDGE_FORM_WORDING.updatesHint],
  },
  [FOLLOW_FORM_VERSION]: {
    updates: [FOLLOW_FORM_WORDING.emailLabel, FOLLOW_FORM_WORDING.submit],
  },
  [ME_RESUBSCRIBE_VERSION]: {
    updates: [ME_RESUBSCRIBE_WORDING.button],
  },
}

/** Where the current forms' words are in the messages, for the languages other than English. */
const CONSENT_MESSAGE_KEYS: Record<string, Partial<Record<ConsentItem, readonly string[]>>> = {
  [PLEDGE_FORM_VERSION]: {
    pledge: ['pledgeForm.emailHint', 'pledgeForm.submit', 'pledgeForm.note'],
    public_name: ['pledgeForm.showNameLabel', 'pledgeForm.showNameHint'],
    updates: ['pledgeForm.updatesLabel', 'pledgeForm.updatesHint'],
  },
  [FOLLOW_FORM_VERSION]: {
    updates: ['followForm.email', 'followForm.submit'],
  },
  [ME_RESUBSCRIBE_VERSION]: {
    updates: ['me.resubscribe'],
  },
}

/** The order items are listed in, whatever order they were found. */
const ITEM_ORDER: readonly ConsentItem[] = ['pledge', 'public_name', 'updates']

/**
 * The exact words a form version showed for `items`, one line each, and the language they are in:
 * the reader's, for a current form; English for an older one, whose translation is not kept. A
 * version this code no longer knows says so rather than guessing.
 */
export function consentWording(formVersion: string, items: readonly ConsentItem[], readIn: Locale = 'en'): { locale: Locale; wording: string } {
  const keys = CONSENT_MESSAGE_KEYS[formVersion]
  const locale = keys ? readIn : 'en'
  const t = translatorFor(locale)
  const lines = ITEM_ORDER.filter((item) => items.includes(item)).flatMap(
    (item) =>
      (locale === 'en' ? CONSENT_WORDING[formVersion]?.[item] : keys?.[item]?.map((key) => t(key))) ?? [
        `(The words of form ${formVersion} for “${item}” are not kept by this version of Quorum.)`,
      ],
  )
  return { locale, wording: lines.join('\n') }
}
