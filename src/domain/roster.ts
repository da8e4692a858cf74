// Who is on duty: the weekly roster from the config, read in the village's timezone.
import type { VillageConfig } from '../config.js'
import { localParts } from '../time.js'

export function dutyFor(village: Pick<VillageConfig, 'duty'>, at: number, tz: string): string {
  return village.duty[localParts(at, tz).weekday]
}
