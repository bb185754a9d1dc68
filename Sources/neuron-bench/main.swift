import Foundation
import Neuron

// The benchmark workloads W1–W6 of ../shared/bench/WORKLOADS.md, printed as `ID name value unit`
// like peer_torch.py, so that the two can be compared line by line.

let options = Options(arguments: CommandLine.arguments)
let report = Report()
print("# cpu: \(cpuModel()), \(onlineCPUs()) logical CPUs; Neuron build: \(buildDescription)")

if options.peak || options.only.contains("peak") { runPeak(report, reps: options.reps) }

if options.wants("W1") { runGEMM(report, reps: options.reps) }
if options.wants("W1b") { runLinearShapedGEMM(report, reps: options.reps) }
if options.wants("W2") { runOpOverhead(report, reps: options.reps) }
if options.wants("W3") { try runLogisticRegression(report, reps: options.reps) }
if options.wants("W4") { runXOR(report, reps: options.reps) }
if options.wants("W5") { try runDigits(report, reps: options.reps) }
if options.wants("W6") { runMLP(report, reps: options.reps) }
if options.wants("D1") { try runCSVLoad(report, reps: options.reps) }

if let peak = peakResidentMiB() { report.add("mem", "peak_rss", peak, "MiB") }
if let path = options.jsonPath {
    try report.writeJSON(to: path, extra: ["framework": "neuron", "build": buildDescription, "cpu": cpuModel()])
}
