import type { DB } from './connection.js'

/**
 * Claims a once-only job (a digest for one village and day, an escalation step). The primary
 * key makes the claim atomic: run the job in the same transaction and it happens exactly once,
 * across restarts and across processes sharing the database.
 */
export async function claimJob(db: DB, key: string, now: number): Promise<boolean> {
  const res = await db.insertInto('job_runs').values({ key, at: now })
    .onConflict(oc => oc.column('key').doNothing())
    .executeTakeFirst()
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0
}
