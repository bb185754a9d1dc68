import Foundation
import Neuron
import Testing

/// Runs `body` with a temporary file holding `bytes`, and removes it afterwards.
@discardableResult
func withTemporaryFile<R>(_ bytes: [UInt8], _ body: (URL) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("neuron-\(UUID().uuidString).csv")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Loads CSV text written to a temporary file with `target` as the label column.
func loadCSV(
    _ text: String, splitColumn: String? = nil, classNames: [String]? = nil, dtype: DType = .float32
) throws -> Dataset {
    try withTemporaryFile(Array(text.utf8)) { url in
        try Dataset.load(
            csv: url, labelColumn: "target", splitColumn: splitColumn, classNames: classNames, dtype: dtype)
    }
}

/// Expects loading `bytes` as a CSV file (label column `target`) to throw `expected(path)`,
/// where `path` is the temporary file's path, and returns the error's description.
@discardableResult
func expectLoadError(
    _ bytes: [UInt8], splitColumn: String? = nil, classNames: [String]? = nil,
    sourceLocation: SourceLocation = #_sourceLocation, _ expected: (String) -> DataError
) throws -> String {
    try withTemporaryFile(bytes) { url in
        let error = #expect(throws: DataError.self, sourceLocation: sourceLocation) {
            try Dataset.load(csv: url, labelColumn: "target", splitColumn: splitColumn, classNames: classNames)
        }
        #expect(error == expected(url.path), sourceLocation: sourceLocation)
        return error?.description.replacingOccurrences(of: url.path, with: "t.csv") ?? ""
    }
}

/// The text form of `expectLoadError`.
@discardableResult
func expectLoadError(
    _ text: String, splitColumn: String? = nil, classNames: [String]? = nil,
    sourceLocation: SourceLocation = #_sourceLocation, _ expected: (String) -> DataError
) throws -> String {
    try expectLoadError(
        Array(text.utf8), splitColumn: splitColumn, classNames: classNames, sourceLocation: sourceLocation, expected)
}
