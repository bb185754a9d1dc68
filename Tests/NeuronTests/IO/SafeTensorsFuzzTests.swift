import Foundation
import Neuron
import Testing

@Suite("Random and damaged safetensors files are read or refused with a SafeTensorsError, never a crash")
struct SafeTensorsFuzzTests {
    @Test("4,000 seeded cases: edited valid files and random bytes", arguments: 0..<4)
    func seededCasesPass(chunk: Int) {
        let scratch = scratchURL()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var seeds = RandomGenerator(seed: 9000 + UInt64(chunk))
        var (accepted, rejected) = (0, 0)
        for i in 0..<1000 {
            let fuzzCase = SafeTensorsFuzzCase(seed: seeds.next())
            // Every tenth case also goes through a file, to compare load(from:) with decode.
            let result = fuzzCase.run(scratchFile: i % 10 == 0 ? scratch : nil)
            #expect(result.problems.isEmpty, "\(result.problems)\n\(fuzzCase)")
            if result.accepted { accepted += 1 } else { rejected += 1 }
        }
        // Both outcomes are exercised: the edits are not all fatal, nor all harmless.
        #expect(accepted > 60 && rejected > 600, "\(accepted) accepted, \(rejected) rejected")
    }

    @Test("the unedited files are valid and read back with the values they were made from")
    func uneditedFilesAreAccepted() {
        let scratch = scratchURL()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for seed: UInt64 in 0..<300 {
            let fuzzCase = SafeTensorsFuzzCase(seed: seed, edited: false)
            let result = fuzzCase.run(scratchFile: seed % 10 == 0 ? scratch : nil)
            #expect(result.accepted && result.problems.isEmpty, "\(result.problems)\n\(fuzzCase)")
            #expect(fuzzCase.edits.isEmpty)
        }
    }

    @Test("a seed fixes the case, and the description shows its edits and header")
    func aSeedReproducesItsCase() {
        let (a, b) = (SafeTensorsFuzzCase(seed: 99), SafeTensorsFuzzCase(seed: 99))
        #expect(a.bytes == b.bytes && a.edits == b.edits)
        #expect(a.description.hasPrefix("safetensors seed 99: "))
        #expect(SafeTensorsFuzzCase(seed: 1).bytes != SafeTensorsFuzzCase(seed: 2).bytes)
    }
}
