import { Form } from '@remix-run/react'

// The supporter's name in the organizer's pledge table, with whether the public sees it, and
// for editors the control that takes it off (or back onto) the campaign page's list.

export function PublicNameCell({ pledge, canModerate }: { pledge: { id: string; name: string | null; showName: boolean; nameHidden: boolean }; canModerate: boolean }) {
  if (!pledge.name) return <span className="muted">—</span>
  const state = pledge.nameHidden ? 'Hidden from the public list' : pledge.showName ? 'Asked to be shown publicly' : 'Not shown publicly'
  return (
    <>
      <bdi>{pledge.name}</bdi>
      <span className="pledge-table__name-state">{state}</span>
      {canModerate && (pledge.showName || pledge.nameHidden) ? (
        <Form method="post" className="pledge-table__name-form">
          <input type="hidden" name="pledgeId" value={pledge.id} />
          <button type="submit" name="intent" value={pledge.nameHidden ? 'show-name' : 'hide-name'} className="link-button">
            {pledge.nameHidden ? 'Show it again' : 'Hide from the public list'}
            <span className="visually-hidden"> ({pledge.name})</span>
          </button>
        </Form>
      ) : null}
    </>
  )
}
