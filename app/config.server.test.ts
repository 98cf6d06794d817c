import { describe, expect, test } from 'vitest'
import { ConfigError, loadConfig } from './config.server'

describe('configuration', () => {
  test('works with nothing set: embedded database, local URL, demo seeding', () => {
    const config = loadConfig({ NODE_ENV: 'test' })
    expect(config).toMatchObject({
      port: 3000,
      appUrl: 'http://localhost:3000',
      database: { kind: 'pglite', dir: 'data/pglite' },
      resend: null,
      seedDemo: true,
    })
    expect(config.sessionSecrets[0]).toHaveLength(64)
  })

  test('production without a session secret stops with a message that names it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', APP_URL: 'https://q.example.org' })).toThrow(ConfigError)
    expect(() => loadConfig({ NODE_ENV: 'production', APP_URL: 'https://q.example.org' })).toThrow(/SESSION_SECRET is required/)
  })

  test('production never seeds the demo and takes a rotatable list of secrets', () => {
    const secret = 'a'.repeat(40)
    const config = loadConfig({ NODE_ENV: 'production', APP_URL: 'https://q.example.org/', SESSION_SECRET: `${secret}, ${'b'.repeat(40)}` })
    expect(config.seedDemo).toBe(false)
    expect(config.sessionSecrets).toEqual([secret, 'b'.repeat(40)])
    expect(config.appUrl).toBe('https://q.example.org')
  })

  test('bad values are refused with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/)
    expect(() => loadConfig({ NODE_ENV: 'production', APP_URL: 'https://q.example.org', SESSION_SECRET: 'short' })).toThrow(/at least 32/)
  })

  test('sending through Resend in production needs a sending address', () => {
    const base = { NODE_ENV: 'production', APP_URL: 'https://q.example.org', SESSION_SECRET: 'a'.repeat(40), RESEND_API_KEY: 're_x' }
    expect(() => loadConfig(base)).toThrow(/MAIL_FROM is required/)
    expect(loadConfig({ ...base, MAIL_FROM: 'updates@q.example.org' }).mailFrom).toBe('updates@q.example.org')
  })

  test('DATABASE_URL selects PostgreSQL', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://u@h:5432/d' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/d' })
  })
})
