import type { ReactNode } from 'react'

// The headings of a campaign's pages in the organizer area: the company and the meeting above
// the page's own name.

interface HeadingCampaign {
  company: string
  agmYear: number
}

/** A campaign's working page (pledges, holders), with its downloads or actions beside the name. */
export function CampaignPageHeading({ campaign, title, children }: { campaign: HeadingCampaign; title: string; children?: ReactNode }) {
  return (
    <div className="organizer-heading">
      <div>
        <p className="eyebrow">
          {campaign.company} · {campaign.agmYear}
        </p>
        <h1>{title}</h1>
      </div>
      {children}
    </div>
  )
}

/** A campaign's editor page (edit, organizers, embed and API); `children` is the page's name, `after` what follows it. */
export function EditorHeading({ campaign, children, after }: { campaign: HeadingCampaign; children: ReactNode; after?: ReactNode }) {
  return (
    <header className="editor-heading">
      <p className="eyebrow">
        {campaign.company} · {campaign.agmYear} annual meeting
      </p>
      <h1>{children}</h1>
      {after}
    </header>
  )
}
