import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { renderAsync } from '@resvg/resvg-js'
import { createElement } from 'react'
import satori, { type Font } from 'satori'
import { ShareImage } from '../components/share-image'
import { SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH, type ShareImageContent } from './share-image-content'

// A campaign's share image as PNG bytes: satori lays the JSX out and draws its text as SVG paths
// with the fonts below; resvg rasterises the SVG (in libuv's thread pool, off the event loop).

const require = createRequire(import.meta.url)

// NOTE: satori reads TTF, OTF and WOFF (not WOFF2). Fontsource ships each weight in subsets; the
// Latin ones cover Western and Central European names. A glyph in none of them is left out.
const SUBSETS = ['latin', 'latin-ext'] as const

function fontFiles(family: string, name: string, weights: Array<400 | 600 | 700>): Font[] {
  return weights.flatMap((weight) =>
    SUBSETS.map((subset) => ({
      name,
      weight,
      style: 'normal' as const,
      data: readFileSync(require.resolve(`@fontsource/${family}/files/${family}-${subset}-${weight}-normal.woff`)),
    })),
  )
}

// Read once, when the server starts; satori keeps the parsed fonts for this same array.
const FONTS: Font[] = [...fontFiles('source-sans-3', 'Source Sans 3', [400, 600, 700]), ...fontFiles('source-serif-4', 'Source Serif 4', [700])]

export async function renderShareImage(content: ShareImageContent, options: { host: string }): Promise<Buffer> {
  const svg = await satori(createElement(ShareImage, { content, host: options.host }), {
    width: SHARE_IMAGE_WIDTH,
    height: SHARE_IMAGE_HEIGHT,
    fonts: FONTS,
  })
  // Satori has drawn every glyph as a path: resvg needs no fonts of its own.
  const image = await renderAsync(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } })
  return image.asPng()
}
