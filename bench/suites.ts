// The list of benchmark suites. Each returns the lines it wants printed after `bench: `.
export interface BenchSuite {
  name: string
  run(): Promise<string[]>
}

import { intentBench } from './intent.js'

export const suites: BenchSuite[] = [intentBench]
