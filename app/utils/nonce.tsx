import { createContext, useContext } from 'react'

// The Content-Security-Policy nonce of the current response, for Remix's inline scripts.
export const NonceContext = createContext<string | undefined>(undefined)
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
