// Load settings shared by the HTTP benchmarks: a warm-up whose results are thrown away, then the measured run.

export interface LoadOptions {
  connections: number
  durationSeconds: number
  warmupSeconds: number
}
