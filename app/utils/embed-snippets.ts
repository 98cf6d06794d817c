// The HTML an organizer pastes into a partner's page: the embeddable tally in an <iframe>, and
// the badge as a linked image. Attribute values are escaped: titles may hold quotes or "&".

function attribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')
}

export function embedSnippet(input: { appUrl: string; slug: string; title: string }): string {
  return `<iframe src="${attribute(`${input.appUrl}/embed/c/${input.slug}`)}" title="${attribute(`${input.title}: support so far`)}" width="360" height="420" loading="lazy" style="border:0;max-width:100%"></iframe>`
}

export function badgeSnippet(input: { appUrl: string; slug: string; title: string }): string {
  return `<a href="${attribute(`${input.appUrl}/c/${input.slug}`)}"><img src="${attribute(`${input.appUrl}/c/${input.slug}/badge.svg`)}" alt="${attribute(`${input.title}: support on Quorum`)}"></a>`
}
