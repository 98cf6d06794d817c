import type { PledgeSubmission } from '../../app/schemas/pledge'
import type { Campaign, NewCampaign, Db } from '../../db/schema'

let sequence = 0

/** A live campaign with 1,000,000 shares outstanding, unless told otherwise. */
export async function createCampaign(db: Db, overrides: Partial<NewCampaign> = {}): Promise<Campaign> {
  sequence += 1
  return db
    .insertInto('campaigns')
    .values({
      slug: `test-campaign-${sequence}-${Date.now()}`,
      proposal_key: 'test-proposal',
      status: 'live',
      company: 'Example Corp',
      ticker: 'EXM',
      exchange: 'NYSE',
      agm_year: 2030,
      title: 'A Test Proposal',
      resolved: '**Resolved:** Shareholders request a report.',
      supporting_statement: '**Whereas:** reasons.[^1]\n\n[^1]: <https://example.org/source>',
      legend: 'This is not a solicitation of authority to vote your proxy.',
      record_date: '2030-03-01',
      vote_deadline: '2030-05-01T03:59:00Z',
      agm_at: '2030-05-01T16:00:00Z',
      time_zone: 'America/New_York',
      shares_outstanding: '1000000',
      postal_address: '1 Test Street, Testville',
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export const basePledge: PledgeSubmission = {
  email: 'supporter@example.org',
  name: undefined,
  showName: false,
  intention: 'for',
  shares: '100',
  holderType: 'retail',
  broker: 'Fidelity',
  voted: false,
  updates: true,
}
