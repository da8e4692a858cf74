// `npm run bench`: every benchmark suite in one run, printing one summary line each.
// Speed targets live here, never in timed tests.
import { suites } from './suites.js'

const only = process.argv.slice(2)
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.name)) continue
  const started = performance.now()
  const lines = await suite.run()
  for (const line of lines) process.stdout.write(`bench: ${line}\n`)
  process.stderr.write(`(${suite.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
}
