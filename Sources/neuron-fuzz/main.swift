import Foundation
import Neuron

// neuron-fuzz: see `neuron-fuzz --help` (Options.swift) and RandomGraph's documentation.

let options = Options(arguments: CommandLine.arguments)
installCrashReporter()
startWatchdog(seconds: 30)

var ok = true
if let seed = options.graphSeed { ok = replayGraph(seed: seed, options: options) && ok }
if options.graphs > 0 { ok = runGraphs(count: options.graphs, seed: options.seed, options: options) && ok }
if let seed = options.csvSeed { ok = replayCSV(seed: seed, options: options) && ok }
if options.csvCases > 0 { ok = runCSV(count: options.csvCases, seed: options.seed, options: options) && ok }
if let seed = options.safetensorsSeed { ok = replaySafeTensors(seed: seed, options: options) && ok }
if options.safetensorsCases > 0 {
    ok = runSafeTensors(count: options.safetensorsCases, seed: options.seed, options: options) && ok
}
exit(ok ? 0 : 1)
