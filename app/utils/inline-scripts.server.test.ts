import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { inlineScriptHashes } from './inline-scripts.server'

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

describe('inline script hashes', () => {
  test('hash each inline script exactly as written, once, and skip scripts loaded by src', () => {
    const html = [
      '<script>window.a = "é" </script>',
      '<script type="module" async="">import "/build/x.js";\n</script>',
      '<script src="/build/entry.js"></script>',
      '<SCRIPT>window.a = "é" </SCRIPT>',
      '<script></script>',
    ].join('')
    expect(inlineScriptHashes(html)).toEqual([sha('window.a = "é" '), sha('import "/build/x.js";\n'), sha('')])
  })
})
