// The list of benchmark suites. Each returns the lines it wants printed after `bench: `.
import { floodSuite } from './flood.js'
import { throughput } from './throughput.js'

export interface BenchSuite {
  name: string
  run(): Promise<string[]>
}

export const suites: BenchSuite[] = [throughput, floodSuite]
