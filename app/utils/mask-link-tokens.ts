// The outbox shows what was "sent", but its confirm, manage, unsubscribe, "I voted", organizer
// invitation and password reset links would work for whoever reads them: the token part of each
// is hidden. (In development the server log prints the links, for the person running it.)

const LINK_TOKEN = /(https?:\/\/[^\s/"'<>]+\/(?:confirm|me|u|v|organizer\/invite|organizer\/reset)\/)[^\s/?#"'<>)\]]+/g

export const MASKED_TOKEN = '[hidden]'

export function maskLinkTokens(text: string): string {
  return text.replace(LINK_TOKEN, `$1${MASKED_TOKEN}`)
}
