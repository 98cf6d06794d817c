import type { MetaDescriptor } from '@remix-run/node'

export interface PageImage {
  /** Absolute: link previews fetch it from elsewhere. */
  url: string
  width: number
  height: number
  alt: string
}

/** Title, description, Open Graph tags (with a large preview image when there is one) and the canonical link for a page. */
export function pageMeta(input: { title: string; description: string; url?: string; type?: 'website' | 'article'; image?: PageImage }): MetaDescriptor[] {
  const title = input.title === 'Quorum' ? input.title : `${input.title} · Quorum`
  const tags: MetaDescriptor[] = [
    { title },
    { name: 'description', content: input.description },
    { property: 'og:site_name', content: 'Quorum' },
    { property: 'og:title', content: input.title },
    { property: 'og:description', content: input.description },
    { property: 'og:type', content: input.type ?? 'website' },
    { name: 'twitter:card', content: input.image ? 'summary_large_image' : 'summary' },
  ]
  if (input.image) {
    tags.push(
      { property: 'og:image', content: input.image.url },
      { property: 'og:image:width', content: String(input.image.width) },
      { property: 'og:image:height', content: String(input.image.height) },
      { property: 'og:image:alt', content: input.image.alt },
      { name: 'twitter:image:alt', content: input.image.alt },
    )
  }
  if (input.url) {
    tags.push({ property: 'og:url', content: input.url }, { tagName: 'link', rel: 'canonical', href: input.url })
  }
  return tags
}

/** How long past its time a copy of a public page may still be served while a new one is made. */
export const PUBLIC_PAGE_STALE_SECONDS = 30

/** Public pages: browsers revalidate; a CDN may serve a copy for a few seconds, then refresh it in the background. */
export const PUBLIC_PAGE_CACHE_CONTROL = `public, max-age=0, s-maxage=10, stale-while-revalidate=${PUBLIC_PAGE_STALE_SECONDS}`
