import { type Kysely, sql } from 'kysely'

// A pledger who holds the company only through a fund (an ETF, a mutual fund, a 401(k) plan):
// a holder type of its own, because such a pledger cannot vote those shares themselves.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table pledges drop constraint pledges_holder_type_check`.execute(db)
  await sql`alter table pledges add constraint pledges_holder_type_check check (holder_type in ('retail', 'institutional', 'employee', 'fund', 'other'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update pledges set holder_type = 'other' where holder_type = 'fund'`.execute(db)
  await sql`alter table pledges drop constraint pledges_holder_type_check`.execute(db)
  await sql`alter table pledges add constraint pledges_holder_type_check check (holder_type in ('retail', 'institutional', 'employee', 'other'))`.execute(db)
}
