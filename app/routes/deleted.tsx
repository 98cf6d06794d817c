import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'

export const meta: MetaFunction = () => [{ title: 'Your data is deleted · Quorum' }]

export default function Deleted() {
  return (
    <div className="wrap narrow page-message">
      <h1>Your data is deleted</h1>
      <p className="lede">Quorum no longer holds your address, your name or your pledges. We will not email you again.</p>
      <p>
        <Link to="/">See the campaigns</Link>
      </p>
    </div>
  )
}
