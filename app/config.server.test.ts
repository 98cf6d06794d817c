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
    const config = loadConfig({ NODE_ENV: 'production', APP_URL: 'https://q.example.org/', SESSION_SECRET: `${secret}, ${'b'.repeat(40)}`, MAIL_TRANSPORT: 'outbox' })
    expect(config.seedDemo).toBe(false)
    expect(config.sessionSecrets).toEqual([secret, 'b'.repeat(40)])
    expect(config.appUrl).toBe('https://q.example.org')
  })

  test('webhooks reach this machine outside production only, unless WEBHOOK_ALLOW_LOOPBACK says so; plain http only outside production', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), APP_URL: 'https://quorum.example.org', MAIL_TRANSPORT: 'outbox' }
    expect(loadConfig({ NODE_ENV: 'development' }).webhooks).toEqual({ allowLoopback: true, allowHttp: true, timeoutMs: 10_000 })
    expect(loadConfig(production).webhooks).toEqual({ allowLoopback: false, allowHttp: false, timeoutMs: 10_000 })
    expect(loadConfig({ ...production, WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_TIMEOUT_MS: '5000' }).webhooks).toEqual({ allowLoopback: true, allowHttp: false, timeoutMs: 5000 })
    expect(loadConfig({ NODE_ENV: 'development', WEBHOOK_ALLOW_LOOPBACK: 'false' }).webhooks.allowLoopback).toBe(false)
    expect(() => loadConfig({ WEBHOOK_ALLOW_LOOPBACK: 'yes' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK is "true" or "false"/)
  })

  test('bad values are refused with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/)
    expect(() => loadConfig({ NODE_ENV: 'production', APP_URL: 'https://q.example.org', SESSION_SECRET: 'short' })).toThrow(/at least 32/)
  })

  test('production without a mail provider refuses to start unless MAIL_TRANSPORT=outbox says so', () => {
    const base = { NODE_ENV: 'production', APP_URL: 'https://q.example.org', SESSION_SECRET: 'a'.repeat(40) }
    expect(() => loadConfig(base)).toThrow(/RESEND_API_KEY is required when NODE_ENV=production[^]*MAIL_TRANSPORT=outbox/)
    expect(loadConfig({ ...base, MAIL_TRANSPORT: 'outbox' }).resend).toBeNull()
    expect(loadConfig({ ...base, MAIL_TRANSPORT: 'outbox', RESEND_API_KEY: 're_x' }).resend).toBeNull() // the explicit choice wins
    expect(() => loadConfig({ NODE_ENV: 'test', MAIL_TRANSPORT: 'resend' })).toThrow(/MAIL_TRANSPORT=resend needs RESEND_API_KEY/)
    expect(() => loadConfig({ NODE_ENV: 'test', MAIL_TRANSPORT: 'smtp' })).toThrow(/MAIL_TRANSPORT is "resend"/)
  })

  test('TRUST_PROXY is off by default and takes a hop count or proxy addresses', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).trustProxy).toBe(false)
    expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'false' }).trustProxy).toBe(false)
    expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '10.0.0.0/8, loopback,fd00::1' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback', 'fd00::1'])
    for (const bad of ['yes', 'true', '10.0.0.0/33', 'example.org', '300']) expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY is "false"/)
  })

  test('MAIL_IMAGE_ORIGINS takes origins only', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).mailImageOrigins).toEqual([])
    expect(loadConfig({ NODE_ENV: 'test', MAIL_IMAGE_ORIGINS: 'https://img.example.org, https://cdn.example.net/' }).mailImageOrigins).toEqual(['https://img.example.org', 'https://cdn.example.net'])
    expect(() => loadConfig({ NODE_ENV: 'test', MAIL_IMAGE_ORIGINS: 'https://img.example.org/pixels' })).toThrow(/MAIL_IMAGE_ORIGINS/)
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
