import { type Kysely, sql } from 'kysely'

// Languages (decision 019). The language a supporter signed up in (the page's language when they
// pledged or followed): the emails Quorum sends them about that sign-up speak it; English for
// everyone before. And a campaign's own words in another language, entered by its editors: the
// public page in that language shows them, with a link to the original.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table supporters add column locale text not null default 'en' check (locale in ('en', 'de', 'es'))`.execute(db)
  await sql`
    create table campaign_translations (
      campaign_id integer not null references campaigns (id) on delete cascade,
      locale text not null check (locale in ('de', 'es')),
      title text not null check (length(title) between 1 and 200),
      resolved text not null check (length(resolved) between 1 and 20000),
      supporting_statement text not null check (length(supporting_statement) between 1 and 100000),
      updated_at timestamptz not null default now(),
      primary key (campaign_id, locale)
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table campaign_translations`.execute(db)
  await sql`alter table supporters drop column locale`.execute(db)
}
