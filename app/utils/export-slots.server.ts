import { json } from '@remix-run/node'

// CSV downloads are the heaviest requests Quorum answers: each reads a campaign's rows batch by
// batch for as long as its client takes. Forty at once once starved the public pages (their
// queries waited behind the exports' on the pool). So a process runs only a few at a time, and
// only a couple for any one organizer; beyond that the answer is a 429 with Retry-After.

export const EXPORTS_PER_ORGANIZER = 2
export const EXPORTS_AT_ONCE = 4
export const EXPORT_RETRY_AFTER_SECONDS = 10
/** A download whose body is never read nor cancelled (a HEAD, a bug) gives its slot back after this. */
const LONGEST_HOLD_MS = 15 * 60_000

export function createExportSlots(limits: { perOrganizer: number; total: number } = { perOrganizer: EXPORTS_PER_ORGANIZER, total: EXPORTS_AT_ONCE }) {
  const byOrganizer = new Map<number, number>()
  let total = 0

  function refuse(message: string): Response {
    return json({ error: 'too_many_exports', message }, { status: 429, headers: { 'Retry-After': String(EXPORT_RETRY_AFTER_SECONDS), 'Cache-Control': 'private, no-store' } })
  }

  return {
    /**
     * A slot for one download, with `release` (call it once the body is done, failed or
     * cancelled; calling it again does nothing), or the 429 to answer instead.
     */
    take(organizerId: number): { ok: true; release: () => void } | { ok: false; response: Response } {
      const mine = byOrganizer.get(organizerId) ?? 0
      if (mine >= limits.perOrganizer) {
        return { ok: false, response: refuse(`You already have ${mine} downloads running. Wait for one to finish, then try again in ${EXPORT_RETRY_AFTER_SECONDS} seconds.`) }
      }
      if (total >= limits.total) {
        return { ok: false, response: refuse(`Quorum is preparing ${total} downloads for organizers right now. Try again in ${EXPORT_RETRY_AFTER_SECONDS} seconds.`) }
      }
      byOrganizer.set(organizerId, mine + 1)
      total += 1
      let held = true
      const release = () => {
        if (!held) return
        held = false
        clearTimeout(expiry)
        total -= 1
        const left = (byOrganizer.get(organizerId) ?? 1) - 1
        if (left > 0) byOrganizer.set(organizerId, left)
        else byOrganizer.delete(organizerId)
      }
      const expiry = setTimeout(release, LONGEST_HOLD_MS)
      expiry.unref()
      return { ok: true, release }
    },
    get active() {
      return total
    },
  }
}

/** This process's export slots. */
export const exportSlots = createExportSlots()

/**
 * Runs `start` in a slot of this organizer's (it arranges for `release` to be called when the
 * download's body ends; a throw releases it here), or throws the 429.
 */
export async function inExportSlot<T>(organizerId: number, start: (release: () => void) => Promise<T>): Promise<T> {
  const slot = exportSlots.take(organizerId)
  if (!slot.ok) throw slot.response
  try {
    return await start(slot.release)
  } catch (error) {
    slot.release()
    throw error
  }
}
