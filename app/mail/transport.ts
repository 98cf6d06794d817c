export interface OutgoingEmail {
  from: string
  to: string
  subject: string
  html: string
  text: string
  headers: Record<string, string>
  /** Sent as Resend's Idempotency-Key: a retry with the same key is never delivered twice. */
  idempotencyKey?: string
}

export type SendResult =
  | { ok: true; providerId: string }
  | { ok: false; error: string; status: number | null; headers: Record<string, string> }

export interface MailTransport {
  name: 'resend' | 'outbox'
  send(email: OutgoingEmail): Promise<SendResult>
}
