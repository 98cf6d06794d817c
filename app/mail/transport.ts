export interface OutgoingEmail {
  from: string
  to: string
  subject: string
  html: string
  text: string
  headers: Record<string, string>
  /** The campaign it is sent for (not sent: the outbox keeps it to show it to that campaign's owners). */
  campaignId?: number
  /** Sent as Resend's Idempotency-Key: a retry with the same key is never delivered twice. */
  idempotencyKey?: string
}

export type SendResult =
  | { ok: true; providerId: string; headers?: Record<string, string> }
  | { ok: false; error: string; status: number | null; headers: Record<string, string> }

export type BatchResult =
  | { ok: true; providerIds: string[]; headers: Record<string, string> }
  | { ok: false; error: string; status: number | null; headers: Record<string, string> }

export interface MailTransport {
  name: 'resend' | 'outbox'
  send(email: OutgoingEmail): Promise<SendResult>
  /** Up to 100 emails in one request, under one idempotency key; ids come back in order. */
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult>
}
