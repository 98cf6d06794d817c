import { afterEach, beforeEach, expect, vi } from 'vitest'

// An unexpected console.error fails the test that caused it.
let consoleError: ReturnType<typeof vi.spyOn>

beforeEach(() => {
  consoleError = vi.spyOn(console, 'error')
})

afterEach(() => {
  expect(consoleError, 'console.error was called').not.toHaveBeenCalled()
  consoleError.mockRestore()
})
