import Foundation
import Neuron

/// D1: `Dataset.load(csv:)` on a synthetic 389,000 × 31 CSV (30 numeric features and a 0/1
/// `target`, about 100 MB), written once to a temporary directory. A Neuron-only workload:
/// the peer script has no counterpart.
func runCSVLoad(_ report: Report, reps: Int) throws {
    let rows = 389_000
    let features = 30
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neuron-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("d1.csv")
    let size = try writeSyntheticCSV(to: url, rows: rows, features: features)
    report.add("D1", "csv_megabytes", Double(size) / 1e6, "MB")
    var loaded: Dataset?
    let t = medianTime(reps: reps) { loaded = try? Dataset.load(csv: url, labelColumn: "target") }
    guard let loaded, loaded.features.shape == [rows, features] else {
        FileHandle.standardError.write("neuron-bench: D1 could not load its file\n".data(using: .utf8)!)
        exit(1)
    }
    report.add("D1", "csv_load_389k_x_31", t, "s")
}

/// Writes `rows` lines of `features` decimal numbers of six significant digits in magnitudes
/// from 10⁻⁶ to 10³ (some in exponent notation, as Swift prints them) and a 0/1 target.
///
/// - Returns: The file's size in bytes.
private func writeSyntheticCSV(to url: URL, rows: Int, features: Int) throws -> Int {
    var rng = RandomGenerator(seed: 7)
    var text = (0..<features).map { "f\($0)" }.joined(separator: ",") + ",target\n"
    let divisors = (0...6).map { pow(10, Double($0)) }
    for _ in 0..<rows {
        for c in 0..<features {
            let k = Int64(rng.next() % 2_000_000) - 1_000_000
            text += String(describing: Double(k) / divisors[(c * 5) % divisors.count])
            text += ","
        }
        text += rng.next() % 2 == 0 ? "0\n" : "1\n"
    }
    let data = Data(text.utf8)
    try data.write(to: url)
    return data.count
}
