import { describe, expect, it } from 'vitest'
import { openedForEmbedding } from './embedding.server'

describe('openedForEmbedding', () => {
  const headers = {
    'content-security-policy': "default-src 'self';frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
  }

  it('lets any site frame the embed, and only the embed', () => {
    expect(openedForEmbedding('/embed/c/amazon-cdd', headers)).toEqual({
      'content-security-policy': "default-src 'self';frame-ancestors *",
      'cross-origin-resource-policy': 'same-origin',
    })
    expect(openedForEmbedding('/c/amazon-cdd', headers)).toEqual(headers)
  })

  it('lets any site show the badge and the share image as images', () => {
    expect(openedForEmbedding('/c/amazon-cdd/badge.svg', headers)['cross-origin-resource-policy']).toBe('cross-origin')
    expect(openedForEmbedding('/c/amazon-cdd/badge.svg', headers)['x-frame-options']).toBe('DENY')
    expect(openedForEmbedding('/c/amazon-cdd/og.png', headers)['cross-origin-resource-policy']).toBe('cross-origin')
    expect(openedForEmbedding('/c/amazon-cdd/og.pngx', headers)['cross-origin-resource-policy']).toBe('same-origin')
  })
})
