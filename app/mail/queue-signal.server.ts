import { EventEmitter } from 'node:events'

// Lets the sender in this process start at once when something is queued, instead of waiting
// for its next poll. Other processes find the rows on their own next poll.
const signal = new EventEmitter()

export function signalEmailQueued(): void {
  signal.emit('queued')
}

export function onEmailQueued(listener: () => void): () => void {
  signal.on('queued', listener)
  return () => signal.off('queued', listener)
}
