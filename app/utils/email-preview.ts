/**
 * The organizer's preview of an update email. It is the one page that sends its own
 * Content-Security-Policy (the email's inline styles, nothing else), so the server leaves the
 * app-wide policy off it: two policies would both apply, and the app's blocks the styles.
 */
export const EMAIL_PREVIEW_PATH = '/organizer/c/:slug/mail/:id/preview'

/** Inline styles (email HTML relies on them) and images; no scripts, no forms, sandboxed. */
export const EMAIL_PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'; sandbox"
