import Foundation
import Neuron

/// Runs `count` safetensors fuzz cases whose seeds come from a generator seeded with `seed`, in
/// memory and every tenth through a scratch file; prints each failure with its replay command,
/// progress lines and how many files were accepted and why the others were refused. Returns
/// true when no case failed.
func runSafeTensors(count: Int, seed: UInt64, options: Options) -> Bool {
    var seeds = RandomGenerator(seed: seed)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "neuron-fuzz-\(getpid()).safetensors")
    defer { try? FileManager.default.removeItem(at: scratch) }
    var (failed, accepted) = (0, 0)
    var rejected: [String: Int] = [:]
    let every = options.progressEvery > 0 ? options.progressEvery : max(1, count / 20)
    let start = Date()
    say("safetensors cases: \(count), run seed \(seed), scratch file \(scratch.path)")
    for i in 0..<count {
        let caseSeed = seeds.next()
        beginCase(kind: 3, seed: caseSeed, trace: options.trace)
        let result = SafeTensorsFuzzCase(seed: caseSeed).run(scratchFile: i % 10 == 0 ? scratch : nil)
        if result.accepted { accepted += 1 }
        if let error = result.rejection { rejected[problemName(error.problem), default: 0] += 1 }
        if !result.problems.isEmpty {
            failed += 1
            say(
                "FAIL safetensors seed \(caseSeed): \(result.problems.joined(separator: "; ")); "
                    + "replay: neuron-fuzz --safetensors-seed \(caseSeed)")
        }
        if (i + 1) % every == 0 || i + 1 == count {
            say("  \(i + 1) cases, \(failed) failed, " + String(format: "%.1f s", Date().timeIntervalSince(start)))
        }
    }
    currentKind.store(0, ordering: .relaxed)
    say("accepted: \(accepted)")
    say("rejected: " + rejected.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    return failed == 0
}

/// Prints one safetensors case, runs it and prints what the reader did. Returns true when it
/// passed.
func replaySafeTensors(seed: UInt64, options: Options) -> Bool {
    beginCase(kind: 3, seed: seed, trace: options.trace)
    let fuzzCase = SafeTensorsFuzzCase(seed: seed)
    say(fuzzCase)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "neuron-fuzz-\(getpid()).safetensors")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let result = fuzzCase.run(scratchFile: scratch)
    say(result.rejection.map { "rejected: \($0)" } ?? "accepted")
    for problem in result.problems { say("PROBLEM: \(problem)") }
    return result.problems.isEmpty
}

/// The name of a problem's enum case, e.g. "invalidOffsets".
private func problemName(_ problem: SafeTensorsError.Problem) -> String {
    Mirror(reflecting: problem).children.first?.label ?? "\(problem)"
}
