// One retry policy for every email Quorum sends: sign-up confirmations and campaign updates fail
// and recover the same way, so they follow the same rules. A retry is always harmless: it goes
// under the same Resend Idempotency-Key with the same bytes, and Resend keeps a key 24 hours.

export const RETRY_POLICY = {
  /**
   * The first wait after a 5xx, a timeout or a dropped connection: long enough for a blip at the
   * provider to pass, short enough that a confirmation still arrives while the supporter waits.
   */
  firstDelaySeconds: 15,
  /**
   * Waits double up to this. Because a retry cannot deliver twice, waiting longer only delays
   * the mail: a minute keeps probing an outage without hammering a recovering provider.
   */
  maxDelaySeconds: 60,
  /**
   * Claims count as attempts (a worker killed mid-send leaves one behind), so this is generous:
   * about half an hour of retries at the longest wait, far inside the key's 24 hours.
   */
  maxAttempts: 30,
  /**
   * A claim older than this belongs to a worker that died: any worker sends it again (same key,
   * same bytes). Well above one request's timeout (30 s), so a slow answer is not mistaken for a
   * death; MAIL_CLAIM_TIMEOUT_SECONDS overrides it (the crash test uses 1).
   */
  staleClaimSeconds: 120,
} as const

/** What a transport reports when a send did not go through. */
export interface SendFailure {
  /** The provider's HTTP status; null for a timeout or a connection that failed. */
  status: number | null
  error: string
  headers: Record<string, string>
}

export type FailureVerdict =
  | { retry: true; afterSeconds: number; error: string }
  | { retry: false; error: string }

/**
 * What to do after a failed send that was attempt number `attempts`. A 4xx says the request
 * itself is wrong (an unverified domain, a refused address): sending it again changes nothing,
 * so it fails at once — except 429 (slow down) and 409 (the same key is still being processed,
 * or was: asking again returns the first answer). Anything else is retried, at the provider's
 * `retry-after` when it gives one, until the attempts run out.
 */
export function classifySendFailure(failure: SendFailure, attempts: number): FailureVerdict {
  const error = `${failure.status ?? 'network'}: ${failure.error}`.slice(0, 500)
  const { status } = failure
  if (status !== null && status >= 400 && status < 500 && status !== 429 && status !== 409) return { retry: false, error }
  if (attempts >= RETRY_POLICY.maxAttempts) return { retry: false, error: `Gave up after ${attempts} attempts. Last: ${error}`.slice(0, 500) }
  return { retry: true, afterSeconds: retryDelaySeconds(attempts, failure.headers), error }
}

/** The provider's `retry-after` (or `ratelimit-reset`) when it gives one; otherwise 15 s, 30 s, then a minute. */
export function retryDelaySeconds(attempts: number, headers: Record<string, string>): number {
  const fromProvider = Number(headers['retry-after'] ?? headers['ratelimit-reset'])
  if (Number.isFinite(fromProvider) && fromProvider > 0) return Math.ceil(fromProvider)
  return Math.min(RETRY_POLICY.maxDelaySeconds, RETRY_POLICY.firstDelaySeconds * 2 ** Math.max(0, Math.min(10, attempts - 1)))
}
