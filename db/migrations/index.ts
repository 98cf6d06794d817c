import type { Migration } from 'kysely'
import * as m0001 from './0001-campaigns-supporters-pledges'
import * as m0002 from './0002-pledge-stats'
import * as m0003 from './0003-mail'
import * as m0004 from './0004-organizers'
import * as m0005 from './0005-email-queue'
import * as m0006 from './0006-pledge-status-counts'
import * as m0007 from './0007-pledge-table-indexes'
import * as m0008 from './0008-delivery-retries'
import * as m0009 from './0009-outbox-campaigns'
import * as m0012 from './0012-campaign-mail-pauses'
import * as m0013 from './0013-update-figures'
import * as m0014 from './0014-hidden-public-names'
import * as m0015 from './0015-public-names-index'
import * as m0016 from './0016-proposal-vote-counts'
import * as m0017 from './0017-vote-model'
import * as m0018 from './0018-expected-turnout'
import * as m0021 from './0021-api-tokens'
import * as m0022 from './0022-pledge-referrer-source'
import * as m0024 from './0024-calendar-revisions-and-consent-records'
import * as m0025 from './0025-voted-links'
import * as m0026 from './0026-update-segments'
import * as m0027 from './0027-pledge-source-index'
import * as m0028 from './0028-broker-guides'
import * as m0029 from './0029-fund-holders'
import * as m0030 from './0030-organizer-invitations-and-resets'
import * as m0031 from './0031-outgoing-webhooks'
import * as m0032 from './0032-languages'
import * as m0033 from './0033-delivery-locales'
import * as m0034 from './0034-consent-languages'

// A static list, so the bundled server, the scripts and the tests run exactly the same set.
export const migrations: Record<string, Migration> = {
  '0001-campaigns-supporters-pledges': m0001,
  '0002-pledge-stats': m0002,
  '0003-mail': m0003,
  '0004-organizers': m0004,
  '0005-email-queue': m0005,
  '0006-pledge-status-counts': m0006,
  '0007-pledge-table-indexes': m0007,
  '0008-delivery-retries': m0008,
  '0009-outbox-campaigns': m0009,
  '0012-campaign-mail-pauses': m0012,
  '0013-update-figures': m0013,
  '0014-hidden-public-names': m0014,
  '0015-public-names-index': m0015,
  '0016-proposal-vote-counts': m0016,
  '0017-vote-model': m0017,
  '0018-expected-turnout': m0018,
  '0021-api-tokens': m0021,
  '0022-pledge-referrer-source': m0022,
  '0024-calendar-revisions-and-consent-records': m0024,
  '0025-voted-links': m0025,
  '0026-update-segments': m0026,
  '0027-pledge-source-index': m0027,
  '0028-broker-guides': m0028,
  '0029-fund-holders': m0029,
  '0030-organizer-invitations-and-resets': m0030,
  '0031-outgoing-webhooks': m0031,
  '0032-languages': m0032,
  '0033-delivery-locales': m0033,
  '0034-consent-languages': m0034,
}
