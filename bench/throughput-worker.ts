// Runs one side of the throughput suite in its own process (see throughput.ts).
import { runSide } from './throughput.js'

const side = process.argv[2] === 'bare' ? 'bare' : 'bot'
const mix = process.argv[3] === 'chat' ? 'chat' : 'realistic'
process.stdout.write(JSON.stringify(await runSide(side, mix)) + '\n')
process.exit(0)
