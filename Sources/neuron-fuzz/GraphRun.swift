import Foundation
import Neuron

/// Checks `count` random graphs whose seeds come from a generator seeded with `seed`; prints
/// each failure with its replay command, progress lines, and a summary. Returns true when no
/// graph failed.
func runGraphs(count: Int, seed: UInt64, options: Options) -> Bool {
    var seeds = RandomGenerator(seed: seed)
    var (passed, skipped, failed) = (0, 0, 0)
    var uses: [RandomGraph.OpKind: Int] = [:]
    var totalSteps = 0
    let every = options.progressEvery > 0 ? options.progressEvery : max(1, count / 20)
    let start = Date()
    say("graphs: \(count), run seed \(seed), max depth \(options.maxDepth)")
    for i in 0..<count {
        let graphSeed = seeds.next()
        beginCase(kind: 1, seed: graphSeed, trace: options.trace)
        let graph = RandomGraph(seed: graphSeed, maxDepth: options.maxDepth)
        for kind in graph.opKinds { uses[kind, default: 0] += 1 }
        totalSteps += graph.stepCount
        switch graph.check(atol: options.atol, rtol: options.rtol) {
        case .passed: passed += 1
        case .skipped(let reason):
            skipped += 1
            say("skip graph seed \(graphSeed): \(reason)")
        case .failed(let reason):
            failed += 1
            say("FAIL graph seed \(graphSeed): \(reason); replay: neuron-fuzz --graph-seed \(graphSeed)")
        }
        if Tensor.liveGraphNodeCount != 0 {
            failed += 1
            say(
                "FAIL graph seed \(graphSeed): \(Tensor.liveGraphNodeCount) graph nodes still alive after the check; "
                    + "replay: neuron-fuzz --graph-seed \(graphSeed)")
        }
        if (i + 1) % every == 0 || i + 1 == count {
            let elapsed = Date().timeIntervalSince(start)
            say(
                "  \(i + 1) graphs, \(passed) passed, \(skipped) skipped at kinks, \(failed) failed, "
                    + String(format: "%.1f s", elapsed))
        }
    }
    currentKind.store(0, ordering: .relaxed)
    let unused = RandomGraph.OpKind.allCases.filter { uses[$0] == nil }
    say("mean steps per graph: \(String(format: "%.1f", Double(totalSteps) / Double(max(count, 1))))")
    say("op kinds never drawn: \(unused.isEmpty ? "none" : unused.map(\.rawValue).joined(separator: ", "))")
    say(
        "rarest op kinds (graphs using them): "
            + uses.sorted { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }.prefix(6)
            .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
    return failed == 0
}

/// Prints one graph, checks it, and prints the verdict. Returns true when it did not fail.
func replayGraph(seed: UInt64, options: Options) -> Bool {
    beginCase(kind: 1, seed: seed, trace: options.trace)
    let graph = RandomGraph(seed: seed, maxDepth: options.maxDepth)
    say(graph)
    let inputs = graph.inputs()
    for (k, x) in inputs.enumerated() { say("x\(k) = \(x.asArray(Double.self))") }
    say("output = \(graph(inputs).asArray(Double.self))")
    // The raw checks at the default step, without the kink guard or the retries of check().
    let (atol, rtol) = (options.atol, options.rtol)
    say("plain gradcheck: \(gradcheck(graph.callAsFunction, inputs: graph.inputs(), atol: atol, rtol: rtol))")
    say("plain gradgradcheck: \(gradgradcheck(graph.callAsFunction, inputs: graph.inputs(), atol: atol, rtol: rtol))")
    let verdict = graph.check(atol: options.atol, rtol: options.rtol)
    say(verdict)
    if case .failed = verdict { return false }
    return true
}
