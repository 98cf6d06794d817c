// Debian's Chromium, installed with apt-get (never a downloaded browser build).
export const CHROMIUM_PATH = '/usr/bin/chromium'
