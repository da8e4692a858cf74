// Every migration, in order. Names are date-prefixed and frozen once shipped.
import type { Migration } from 'kysely'
import * as m0001 from './2026-11-22-0001-init.js'
import * as m0301 from './2026-11-23-0301-attachments.js'
import * as m0302 from './2026-11-23-0302-ticket-reporters.js'
import * as m0401 from './2026-11-23-0401-governance.js'
import * as m0601 from './2026-11-23-0601-presence.js'
import * as m0602 from './2026-11-23-0602-lookup-indexes.js'
import * as m0701 from './2026-12-02-0701-county.js'

export const migrations: Record<string, Migration> = {
  '2026-11-22-0001-init': m0001,
  '2026-11-23-0301-attachments': m0301,
  '2026-11-23-0302-ticket-reporters': m0302,
  '2026-11-23-0401-governance': m0401,
  '2026-11-23-0601-presence': m0601,
  '2026-11-23-0602-lookup-indexes': m0602,
  '2026-12-02-0701-county': m0701,
}
