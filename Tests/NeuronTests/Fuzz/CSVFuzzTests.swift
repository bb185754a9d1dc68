import Foundation
import Neuron
import Testing

/// A scratch file for one test, removed by the caller.
private func scratchFile() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("neuron-csv-fuzz-\(UUID().uuidString).csv")
}

@Suite("Random and damaged CSV input is accepted or rejected with a DataError, never a crash")
struct CSVFuzzTests {
    @Test("4,000 seeded cases: edited valid files and random bytes", arguments: 0..<4)
    func seededCasesPass(chunk: Int) {
        let scratch = scratchFile()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var seeds = RandomGenerator(seed: 2027 + UInt64(chunk))
        var (accepted, rejected) = (0, 0)
        for _ in 0..<1000 {
            let fuzzCase = CSVFuzzCase(seed: seeds.next())
            let result = fuzzCase.run(scratchFile: scratch)
            #expect(result.problems.isEmpty, "\(result.problems)\n\(fuzzCase)")
            if result.accepted.contains("CSVTable(contentsOf:)") { accepted += 1 } else { rejected += 1 }
        }
        // Both outcomes are exercised: the edits are not all fatal, nor all harmless.
        #expect(accepted > 100 && rejected > 100, "\(accepted) accepted, \(rejected) rejected")
    }

    @Test("the unedited files are valid: every entry point accepts them")
    func uneditedFilesAreAccepted() {
        let scratch = scratchFile()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for seed: UInt64 in 0..<300 {
            let fuzzCase = CSVFuzzCase(seed: seed, edited: false)
            let result = fuzzCase.run(scratchFile: scratch)
            var expected = ["CSVTable(parsing:)", "numbers(columns:)", "columnIndex(_:)", "CSVTable(contentsOf:)"]
            if fuzzCase.separator == "," { expected.append("Dataset.load") }
            #expect(result.accepted == expected, "\(result.rejections)\n\(fuzzCase)")
            #expect(fuzzCase.edits.isEmpty)
        }
    }

    @Test("a seed fixes the case, and the description shows its edits and bytes")
    func aSeedReproducesItsCase() {
        let (a, b) = (CSVFuzzCase(seed: 99), CSVFuzzCase(seed: 99))
        #expect(a.bytes == b.bytes && a.edits == b.edits && a.separator == b.separator)
        #expect(a.description.hasPrefix("csv seed 99: separator "))
        #expect(CSVFuzzCase(seed: 1).bytes != CSVFuzzCase(seed: 2).bytes)
    }
}
