// Runs one side of the throughput suite in its own process (see throughput.ts).
import { runSide } from './throughput.js'

const side = process.argv[2] === 'bare' ? 'bare' : 'bot'
process.stdout.write(JSON.stringify(await runSide(side)) + '\n')
process.exit(0)
