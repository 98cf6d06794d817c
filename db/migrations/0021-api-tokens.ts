import { type Kysely, sql } from 'kysely'

// Organizers' API tokens: one campaign each, with scopes, an expiry and a revocation. Only the
// token's SHA-256 is stored; its first characters are kept so organizers can tell tokens apart.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`create table api_tokens (
      id integer generated always as identity primary key,
      campaign_id integer not null references campaigns (id) on delete cascade,
      name text not null check (length(name) between 1 and 80),
      token_hash bytea not null unique,
      token_prefix text not null,
      scopes text[] not null check (cardinality(scopes) > 0 and scopes <@ array['pledges:read', 'subscribers:read', 'updates:write']),
      created_by integer references organizers (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      revoked_by integer references organizers (id) on delete set null,
      last_used_at timestamptz
    )`,
    sql`create index api_tokens_campaign_idx on api_tokens (campaign_id, created_at)`,
  ]
  for (const statement of statements) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute()
}
