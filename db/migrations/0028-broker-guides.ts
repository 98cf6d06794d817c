import { type Kysely, sql } from 'kysely'

// Step-by-step voting guides for the brokers most retail holders use in a campaign's market
// (decision 016). A row without a campaign is Quorum's text for its market; a row with one is
// that campaign's own copy of the guide of the same key, which its editors change. The guide
// keyed `other` is the generic one, for every broker without a guide of its own.
// Campaigns gain the market whose guides they show: every campaign so far is a US one.
//
// The texts stay general on purpose: brokers rename their menus often, so each guide says
// where to look and to search the broker's help pages for "proxy vote", rather than naming
// screens that may have moved.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table campaigns add column market text not null default 'US' check (market ~ '^[A-Z]{2}$')`.execute(db)
  await sql`create table broker_guides (
    id integer generated always as identity primary key,
    campaign_id integer references campaigns (id) on delete cascade,
    market text not null check (market ~ '^[A-Z]{2}$'),
    key text not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(key) <= 40),
    name text not null check (length(name) between 1 and 80),
    aliases text[] not null default '{}' check (cardinality(aliases) <= 30),
    steps text not null check (length(steps) between 1 and 10000),
    cutoff_note text not null check (length(cutoff_note) between 1 and 1000),
    position integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db)
  await sql`create unique index broker_guides_default_key on broker_guides (market, key) where campaign_id is null`.execute(db)
  await sql`create unique index broker_guides_campaign_key on broker_guides (campaign_id, key) where campaign_id is not null`.execute(db)

  const rows = US_BROKERS.map((broker, i) => ({
    market: 'US',
    key: broker.key,
    name: broker.name,
    aliases: sql`${broker.aliases}::text[]`,
    steps: brokerSteps(broker),
    cutoff_note: broker.cutoff ?? usualCutoff(broker.name),
    position: (i + 1) * 10,
  }))
  rows.push({ market: 'US', key: 'other', name: 'Any other broker or bank', aliases: sql`'{}'::text[]`, steps: GENERIC_STEPS, cutoff_note: GENERIC_CUTOFF, position: 1000 })
  await db.insertInto('broker_guides').values(rows).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('broker_guides').execute()
  await sql`alter table campaigns drop column market`.execute(db)
}

interface BrokerSeed {
  key: string
  name: string
  /** What supporters type for this broker, besides its name. */
  aliases: string[]
  /** Where its customers sign in, in words: "fidelity.com or the Fidelity app". */
  signIn: string
  /** A paragraph about this broker only, when there is something worth knowing. */
  note?: string
  cutoff?: string
}

function usualCutoff(name: string): string {
  return (
    'Votes through ProxyVote.com usually close at 11:59 p.m. Eastern Time the day before the meeting. ' +
    `${name} can set an earlier time for instructions given on its own website or app, or sent by mail: ` +
    `the time on your voting instruction form or in ${name}’s email is the one that applies.`
  )
}

/** Names such as E*TRADE are text, not emphasis. */
const escapeMarkdown = (text: string) => text.replace(/[*_]/g, (c) => `\\${c}`)

function brokerSteps(seed: BrokerSeed): string {
  const b = { name: escapeMarkdown(seed.name), signIn: escapeMarkdown(seed.signIn), note: seed.note && escapeMarkdown(seed.note) }
  const steps = [
    `1. **Find the message about the vote.** A few weeks before the meeting, ${b.name} sends the proxy materials: by email, or by post if you asked for paper. It may come from ${b.name} or from ProxyVote, with a subject such as “proxy materials”, “shareholder meeting” or “vote now”. It carries a **16-digit control number**, which is also printed on the voting instruction form.`,
    `2. **Vote in your ${b.name} account.** Sign in at ${b.signIn}. Look for the vote among your account’s documents or messages (for example *Accounts → Documents → Proxy materials*), or for a “proxy voting” link next to the holding. The words differ between the website and the app and change over time: if you cannot find it, search ${b.name}’s help pages for “proxy vote”.`,
    `3. **Or vote at ProxyVote.com.** If your email or form names ProxyVote, enter the 16-digit control number there. If it names another voting site, use that one, with the number it gives.`,
    `4. **No email or form?** Ask ${b.name} for the meeting’s voting instruction form or your control number, through your account’s secure messages or its customer service.`,
    `5. **Keep the confirmation.** You can change your vote until the cut-off; the latest one counts.`,
  ]
  return [steps.join('\n'), b.note].filter(Boolean).join('\n\n')
}

const US_BROKERS: BrokerSeed[] = [
  {
    key: 'fidelity',
    name: 'Fidelity',
    aliases: ['Fidelity Investments', 'fidelity.com', 'Fidelity NetBenefits', 'NetBenefits'],
    signIn: 'fidelity.com or in the Fidelity app',
    note: 'Shares in a workplace stock plan that Fidelity runs for your employer can come with voting instructions of their own: follow those for the plan’s shares.',
  },
  {
    key: 'charles-schwab',
    name: 'Charles Schwab',
    aliases: ['Schwab', 'schwab.com', 'TD Ameritrade', 'Ameritrade', 'thinkorswim'],
    signIn: 'schwab.com or in the Schwab app',
    note: 'Accounts that were at TD Ameritrade have moved to Schwab: vote through your Schwab account.',
  },
  {
    key: 'vanguard',
    name: 'Vanguard',
    aliases: ['The Vanguard Group', 'Vanguard Brokerage', 'Vanguard Brokerage Services', 'vanguard.com'],
    signIn: 'vanguard.com or in the Vanguard app',
    note: 'This guide is for company shares held in a Vanguard Brokerage Account. Proxy materials for the Vanguard funds you own are a different vote.',
  },
  {
    key: 'robinhood',
    name: 'Robinhood',
    aliases: ['Robin Hood', 'Robinhood Financial', 'Robinhood Markets', 'robinhood.com'],
    signIn: 'robinhood.com or in the Robinhood app',
    note: 'Robinhood offers voting in its app for many meetings: a notification or email about the vote leads to it, and the app shows the last day you can vote there.',
    cutoff:
      'Robinhood can close voting in its app before ProxyVote’s usual cut-off of 11:59 p.m. Eastern Time the day before the meeting: the time the app shows with the vote is the one that applies.',
  },
  {
    key: 'etrade',
    name: 'E*TRADE',
    aliases: ['etrade', 'e trade', 'E*TRADE from Morgan Stanley', 'etrade.com', 'Power E*TRADE'],
    signIn: 'etrade.com or in the E*TRADE app',
    note: 'E*TRADE is part of Morgan Stanley; its accounts still use the E*TRADE website and app.',
  },
  {
    key: 'interactive-brokers',
    name: 'Interactive Brokers',
    aliases: ['IBKR', 'Interactive Brokers LLC', 'interactivebrokers', 'interactivebrokers.com', 'IBKR Lite', 'IBKR Pro'],
    signIn: 'the Client Portal at interactivebrokers.com or in the IBKR Mobile app',
    note: 'Interactive Brokers may send proxy materials through a service other than ProxyVote: use the voting site and control number named in the message you receive.',
  },
  {
    key: 'merrill',
    name: 'Merrill',
    aliases: ['Merrill Edge', 'Merrill Lynch', 'Bank of America', 'BofA', 'Merrill Lynch Wealth Management'],
    signIn: 'Merrill’s website or app (Merrill Edge accounts also appear in Bank of America’s website and app)',
    note: 'If a Merrill advisor manages your account, ask whether the account’s voting has been handed to them.',
  },
  {
    key: 'jp-morgan',
    name: 'J.P. Morgan',
    aliases: ['JP Morgan', 'JPMorgan', 'JPMorgan Chase', 'Chase', 'J.P. Morgan Self-Directed Investing', 'You Invest', 'Chase You Invest', 'J.P. Morgan Wealth Management'],
    signIn: 'chase.com or in the Chase app',
    note: 'J.P. Morgan Self-Directed Investing accounts (once called You Invest) are in the Chase website and app. If a J.P. Morgan advisor manages your account, ask whether the account’s voting has been handed to them.',
  },
  {
    key: 'sofi',
    name: 'SoFi',
    aliases: ['SoFi Invest', 'SoFi Active Investing', 'SoFi Securities', 'Social Finance', 'sofi.com'],
    signIn: 'sofi.com or in the SoFi app',
  },
  {
    key: 'public',
    name: 'Public',
    aliases: ['public.com', 'Public Investing', 'Open to the Public Investing'],
    signIn: 'public.com or in the Public app',
  },
  {
    key: 'webull',
    name: 'Webull',
    aliases: ['Webull Financial', 'We Bull', 'webull.com'],
    signIn: 'webull.com or in the Webull app',
  },
]

const GENERIC_STEPS = [
  '1. **Find the message about the vote.** A few weeks before the meeting, your broker or bank sends the proxy materials: by email, or by post if you asked for paper. It may come from the broker or from ProxyVote. It carries a **16-digit control number**, which is also printed on the voting instruction form.',
  '2. **Vote online.** Sign in to your broker’s website or app and look for “proxy voting”, “shareholder documents” or “corporate actions” next to the holding or among your account’s documents. Or go to the voting site your email or form names (most often ProxyVote.com) and enter the control number.',
  '3. **Or by phone or mail.** Call the number printed on the voting instruction form, or return the form early enough that it arrives before the cut-off.',
  '4. **No email or form?** Ask your broker or bank for the meeting’s voting instruction form or your control number; searching its help pages for “proxy vote” usually finds how.',
  '5. **Keep the confirmation.** You can change your vote until the cut-off; the latest one counts.',
  '',
  'If an advisor or manager runs your account, ask whether the account’s voting has been handed to them. If your shares are registered in your own name rather than held through a broker, the company’s transfer agent sends you a proxy card: vote as the card explains.',
].join('\n')

const GENERIC_CUTOFF =
  'Votes through ProxyVote.com usually close at 11:59 p.m. Eastern Time the day before the meeting. Your broker or bank can set an earlier time for instructions given on its own website or by mail, and registered holders’ proxy cards print their own deadline: the time on your form or card is the one that applies.'
