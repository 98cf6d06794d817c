import { render } from '@react-email/components'
import type { ReactElement } from 'react'
import { config } from '../config.server'
import { singleLine } from '../utils/single-line'

// What every outgoing email shares, whichever kind: HTML and text from one React Email element,
// the sender line, the List-Id and the one-click unsubscribe headers.

export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
  return { html, text }
}

/** "Customer Due Diligence campaign" <no-reply@…>: the campaign's name, Quorum's address. */
export function senderFor(campaign: { sender_name: string }): string {
  return `"${singleLine(campaign.sender_name).replace(/["\\]/g, '')}" <${config.mailFrom}>`
}

/** A List-Id header (RFC 2919): the campaign's title as its phrase, on one line. */
export function listIdFor(campaign: { title: string; slug: string }): string {
  return `"${singleLine(campaign.title).replace(/["\\]/g, '')}" <${campaign.slug}.updates.${new URL(config.appUrl).hostname}>`
}

/** RFC 8058 one-click unsubscribe headers. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}
