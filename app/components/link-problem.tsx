import { NewLinkForm } from './new-link-form'

// What a supporter sees when a link from one of our emails no longer works, and the way to a new one.

export function LinkProblem({ state }: { state: 'invalid' | 'expired' | 'used' }) {
  const why = {
    used: 'This link has already been used. If you confirmed before, your pledge already counts.',
    expired: 'This link has expired.',
    invalid: 'This link is not valid: it may have been cut short when it was copied.',
  }[state]
  return (
    <>
      <h1>This link no longer works</h1>
      <p className="lede">{why} We can send you a new one.</p>
      <NewLinkForm />
    </>
  )
}
