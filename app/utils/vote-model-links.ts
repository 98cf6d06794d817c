import pledgeStylesHref from '~/styles/organizer-pledges.css'
import voteModelStylesHref from '~/styles/organizer-vote-model.css'

/** The vote model's pages (holders, fund votes, imports, projection): the pledge table's styles and their own. */
export const voteModelLinks = () => [
  { rel: 'stylesheet', href: pledgeStylesHref },
  { rel: 'stylesheet', href: voteModelStylesHref },
]
