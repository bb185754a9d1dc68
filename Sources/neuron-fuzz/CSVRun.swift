import Foundation
import Neuron

/// Runs `count` CSV fuzz cases whose seeds come from a generator seeded with `seed`, through a
/// scratch file in the temporary directory; prints each failure with its replay command,
/// progress lines and a summary of what the reader did. Returns true when no case failed.
func runCSV(count: Int, seed: UInt64, options: Options) -> Bool {
    var seeds = RandomGenerator(seed: seed)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("neuron-fuzz-\(getpid()).csv")
    defer { try? FileManager.default.removeItem(at: scratch) }
    var failed = 0
    var accepted: [String: Int] = [:]
    var rejected: [String: Int] = [:]
    let every = options.progressEvery > 0 ? options.progressEvery : max(1, count / 20)
    let start = Date()
    say("CSV cases: \(count), run seed \(seed), scratch file \(scratch.path)")
    for i in 0..<count {
        let caseSeed = seeds.next()
        beginCase(kind: 2, seed: caseSeed, trace: options.trace)
        let result = CSVFuzzCase(seed: caseSeed).run(scratchFile: scratch)
        for entry in result.accepted { accepted[entry, default: 0] += 1 }
        for error in result.rejections { rejected[caseName(error), default: 0] += 1 }
        if !result.problems.isEmpty {
            failed += 1
            say(
                "FAIL csv seed \(caseSeed): \(result.problems.joined(separator: "; ")); replay: neuron-fuzz --csv-seed \(caseSeed)"
            )
        }
        if (i + 1) % every == 0 || i + 1 == count {
            say("  \(i + 1) cases, \(failed) failed, " + String(format: "%.1f s", Date().timeIntervalSince(start)))
        }
    }
    currentKind.store(0, ordering: .relaxed)
    say("accepted: " + accepted.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    say(
        "rejected: " + rejected.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    return failed == 0
}

/// Prints one CSV case, runs it and prints what each entry point did. Returns true when it
/// passed.
func replayCSV(seed: UInt64, options: Options) -> Bool {
    beginCase(kind: 2, seed: seed, trace: options.trace)
    let fuzzCase = CSVFuzzCase(seed: seed)
    say(fuzzCase)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("neuron-fuzz-\(getpid()).csv")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let result = fuzzCase.run(scratchFile: scratch)
    say("accepted by: \(result.accepted.isEmpty ? "none" : result.accepted.joined(separator: ", "))")
    for error in result.rejections { say("rejected: \(error)") }
    for problem in result.problems { say("PROBLEM: \(problem)") }
    return result.problems.isEmpty
}

/// The name of an error's enum case, e.g. "notANumber".
private func caseName(_ error: DataError) -> String {
    Mirror(reflecting: error).children.first?.label ?? "\(error)"
}
