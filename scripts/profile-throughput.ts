// Ad-hoc CPU profile of the timed flood in the throughput bench (bot side only):
//   npx tsx scripts/profile-throughput.ts [realistic|chat] > profile.txt
// Prints self time by function and by file, and inclusive time of the heaviest frames.
import fs from 'node:fs'
import { Session } from 'node:inspector/promises'
import { hooks, runSide } from '../bench/throughput.js'

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const mix = process.argv[2] === 'chat' ? 'chat' : 'realistic'
const session = new Session()
session.connect()
let profile: Profile | undefined
hooks.before = async () => {
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
}
hooks.after = async () => {
  profile = (await session.post('Profiler.stop')).profile as unknown as Profile
}
const r = await runSide('bot', mix)
if (!profile) throw new Error('no profile')
if (process.env['PROFILE_OUT']) fs.writeFileSync(process.env['PROFILE_OUT'], JSON.stringify(profile))

const byId = new Map(profile.nodes.map(n => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const self = new Map<number, number>()
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0))
const total = [...self.values()].reduce((a, b) => a + b, 0)
const short = (u: string): string => u.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm/').replace(/.*\/perf\//, '')
const key = (n: Node): string => `${n.callFrame.functionName || '(anon)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber}`
const add = (m: Map<string, number>, k: string, v: number): void => { m.set(k, (m.get(k) ?? 0) + v) }
const selfByFn = new Map<string, number>()
const selfByFile = new Map<string, number>()
const incl = new Map<string, number>()
for (const [id, t] of self) {
  const n = byId.get(id)!
  add(selfByFn, key(n), t)
  add(selfByFile, short(n.callFrame.url).replace(/^nm\/([^/]+(?:\/[^/]+)?)\/.*/, 'nm/$1') || n.callFrame.functionName, t)
  const seen = new Set<string>()
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur)!)
    if (!seen.has(k)) { seen.add(k); add(incl, k, t) }
  }
}
const n = r.kinds.split(', ').reduce((a, s) => a + Number(s.split(' ')[1]), 0)
const us = (t: number): string => `${(t / n).toFixed(1).padStart(6)} µs/msg ${(100 * t / total).toFixed(1).padStart(5)}%`
const top = (m: Map<string, number>, k: number): string[] => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, t]) => `${us(t)}  ${name}`)
console.log(JSON.stringify(r))
console.log(`total ${(total / n).toFixed(1)} µs/msg over ${n} messages`)
console.log('--- self by file'); console.log(top(selfByFile, 30).join('\n'))
console.log('--- self by function'); console.log(top(selfByFn, 40).join('\n'))
console.log('--- inclusive'); console.log(top(incl, 80).join('\n'))
process.exit(0)
