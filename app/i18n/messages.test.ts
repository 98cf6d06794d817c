import { describe, expect, test } from 'vitest'
import { PLEDGE_FORM_WORDING, FOLLOW_FORM_WORDING, ME_RESUBSCRIBE_WORDING } from '../utils/consent-wording'
import { translateError } from './errors'
import { MESSAGES, translatorFor } from './instance'
import { INTL_LOCALES, LOCALES } from './locales'

// Every language has every message, and nothing else: a key missing in German or Spanish (or
// left over from an old text) fails here, as does a translation that drops a placeholder or a tag.

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') flat.set(`${prefix}${key}`, value)
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) flat.set(inner, text)
  }
  return flat
}

const PLURAL = /_(zero|one|two|few|many|other)$/

/** The keys as the code asks for them: a plural's forms count as one key. */
function baseKeys(flat: Map<string, string>): string[] {
  return [...new Set([...flat.keys()].map((key) => key.replace(PLURAL, '')))].sort()
}

/** `{{name}}` placeholders and `<tag>`s, which a translation must keep (in any order). */
function markers(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}|<\/?(\w+)\s*\/?>/g)].map((m) => m[0].replace(/\s/g, '')).sort()
}

const english = flatten(MESSAGES.en)

describe('messages', () => {
  for (const locale of LOCALES) {
    const flat = flatten(MESSAGES[locale] as Tree)

    test(`${locale}: the same keys as English, no more and no fewer`, () => {
      expect(baseKeys(flat)).toEqual(baseKeys(english))
    })

    test(`${locale}: every plural has each form its language uses`, () => {
      const categories = new Intl.PluralRules(INTL_LOCALES[locale]).resolvedOptions().pluralCategories
      const plurals = new Set([...english.keys()].filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, '')))
      expect(plurals.size).toBeGreaterThan(0)
      for (const base of plurals) for (const category of categories) expect(flat.has(`${base}_${category}`), `${base}_${category}`).toBe(true)
    })

    test(`${locale}: every message is text, keeps English's placeholders and tags, and is not left empty`, () => {
      for (const [key, text] of flat) {
        expect(text.trim(), key).not.toBe('')
        const original = english.get(key) ?? english.get(key.replace(PLURAL, '_other'))!
        expect(markers(text), key).toEqual(markers(original))
      }
    })
  }

  test('the English form texts are the consent wording the form versions record, word for word', () => {
    expect({
      emailHint: MESSAGES.en.pledgeForm.emailHint,
      showNameLabel: MESSAGES.en.pledgeForm.showNameLabel,
      showNameHint: MESSAGES.en.pledgeForm.showNameHint,
      updatesLabel: MESSAGES.en.pledgeForm.updatesLabel,
      updatesHint: MESSAGES.en.pledgeForm.updatesHint,
      submit: MESSAGES.en.pledgeForm.submit,
      note: MESSAGES.en.pledgeForm.note,
    }).toEqual(PLEDGE_FORM_WORDING)
    expect({ emailLabel: MESSAGES.en.followForm.email, submit: MESSAGES.en.followForm.submit }).toEqual(FOLLOW_FORM_WORDING)
    expect({ button: MESSAGES.en.me.resubscribe }).toEqual(ME_RESUBSCRIBE_WORDING)
  })

  test('plurals and numbers follow each language: one, other, and Spanish "many"', () => {
    expect(translatorFor('en')('tally.voted', { count: 1, people: '1' })).toBe('1 person says they have already voted.')
    expect(translatorFor('de')('tally.voted', { count: 3, people: '3' })).toBe('3 Personen geben an, bereits abgestimmt zu haben.')
    expect(translatorFor('es')('tally.voted', { count: 1_000_000, people: '1.000.000' })).toBe('1.000.000 personas dicen que ya han votado.')
  })
})

describe('form errors in the reader’s language', () => {
  test('a schema’s English message is said again in German and Spanish, numbers written their way', () => {
    const message = 'That is more than the 508,540,235 shares Amazon.com, Inc. has outstanding: check the number'
    expect(translateError(translatorFor('de'), 'de', message)).toBe('Das sind mehr als die 508.540.235 ausstehenden Aktien von Amazon.com, Inc.: Prüfen Sie die Zahl')
    expect(translateError(translatorFor('es'), 'es', 'Enter a valid email address, e.g. name@example.org')).toBe('Escriba un correo electrónico válido, p. ej. nombre@example.org')
    expect(translateError(translatorFor('en'), 'en', message)).toBe(message)
  })

  test('a message with no translation is shown as it is', () => {
    expect(translateError(translatorFor('de'), 'de', 'Something only the server says')).toBe('Something only the server says')
  })
})
