/**
 * Addresses are keys (one supporter or organizer per address, case-insensitive): every schema
 * and model that stores or looks one up normalizes it here.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}
