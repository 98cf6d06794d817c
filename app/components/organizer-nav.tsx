import { Form, NavLink } from '@remix-run/react'

// The organizer area's navigation: on every organizer page, and on its error pages too.

export function OrganizerNav({ email, campaigns }: { email: string; campaigns: Array<{ slug: string; title: string; agmYear: number }> }) {
  return (
    <nav className="organizer-nav" aria-label="Organizer">
      <NavLink to="/organizer" end>
        Campaigns
      </NavLink>
      {campaigns.map((c) => (
        <NavLink key={c.slug} to={`/organizer/c/${c.slug}`}>
          {c.title} {c.agmYear}
        </NavLink>
      ))}
      <NavLink to="/organizer/audit">Audit log</NavLink>
      <NavLink to="/organizer/outbox">Outbox</NavLink>
      <span className="organizer-nav__spacer" />
      <NavLink to="/organizer/password">{email}</NavLink>
      <Form method="post" action="/organizer/logout">
        <button type="submit" className="link-button">
          Sign out
        </button>
      </Form>
    </nav>
  )
}
