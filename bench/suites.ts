// The list of benchmark suites. Each returns the lines it wants printed after `bench: `.
import { digestSuite } from './digest.js'
import { intentBench } from './intent.js'
import { slaSuite } from './sla.js'
import { floodSuite } from './flood.js'
import { throughput } from './throughput.js'

export interface BenchSuite {
  name: string
  run(): Promise<string[]>
}

export const suites: BenchSuite[] = [slaSuite, digestSuite, intentBench, throughput, floodSuite]
