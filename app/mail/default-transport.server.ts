import type { Db } from '../../db/schema'
import { config } from '../config.server'
import { createOutboxTransport } from './outbox.server'
import { createResendTransport } from './resend.server'
import type { MailTransport } from './transport'

let resendTransport: MailTransport | undefined

/** Resend when RESEND_API_KEY is set; otherwise the outbox table of the development transport. */
export function defaultTransport(db: Db): MailTransport {
  if (config.resend) return (resendTransport ??= createResendTransport({ ...config.resend, timeoutMs: config.mailRequestTimeoutMs }))
  return createOutboxTransport(db, { log: config.env === 'development' })
}
