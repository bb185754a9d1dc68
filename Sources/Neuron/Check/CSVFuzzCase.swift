import Foundation

/// One case of the CSV fuzzer, fixed by a 64-bit seed: the unit of `neuron-fuzz --csv N` and
/// of the fixed-seed sweep in the tests.
///
/// The input is a valid CSV file (distinct column names, some quoted; a `target` column of
/// labels; maybe a `split` column; numbers in several spellings; LF, CRLF or CR line ends)
/// damaged by 1–6 random edits: bit flips, byte changes, insertions of random bytes or of
/// awkward tokens (quotes, separators, line ends, `1e309`, `nan`, huge labels, a byte-order
/// mark, invalid UTF-8), deletions, truncation, duplicated, deleted or swapped lines, a field
/// replaced by a token, changed line ends, a chunk repeated up to 1000 times. One case in
/// seven is random bytes instead. ``run(scratchFile:)`` feeds it to every public entry point
/// of the reader; each must either accept it or throw a `DataError`, never crash.
///
/// ```swift
/// let result = CSVFuzzCase(seed: 7).run(scratchFile: nil)
/// result.problems   // [] unless the reader misbehaved
/// ```
public struct CSVFuzzCase: Sendable, CustomStringConvertible {
    /// The seed that fixes the case.
    public let seed: UInt64
    /// The file's bytes.
    public let bytes: [UInt8]
    /// The separator the CSV entry points are given (`Dataset.load` always uses a comma).
    public let separator: Character
    /// What was done to the valid file, in order (empty for an unedited file).
    public let edits: [String]
    /// Whether the valid file had a `split` column (passed to `Dataset.load`).
    let hasSplit: Bool
    /// The class names passed to `Dataset.load`, or nil.
    let classNames: [String]?
    /// The feature type passed to `Dataset.load`.
    let dtype: DType

    /// Draws the case fixed by `seed`.
    ///
    /// - Parameters:
    ///   - seed: Any 64-bit value.
    ///   - edited: False for the valid file itself, before any edit (a control case that every
    ///     entry point must accept, `Dataset.load` when the separator is a comma).
    public init(seed: UInt64, edited: Bool = true) {
        var generator = CSVFuzzGenerator(rng: RandomGenerator(seed: seed))
        let separator = generator.pick(Array(",,,;\t|".utf8))
        self.seed = seed
        self.separator = Character(UnicodeScalar(separator))
        classNames = generator.chance(0.3) ? ["a", "b", "c"] : nil
        dtype = generator.chance(0.5) ? .float64 : .float32
        if edited && generator.chance(1.0 / 7) {
            (bytes, hasSplit, edits) = (generator.randomBytes(), false, ["random bytes"])
            return
        }
        var (file, split) = generator.validFile(separator: separator)
        var done: [String] = []
        if edited {
            for _ in 0..<generator.pick([1, 1, 2, 2, 3, 4, 6]) { done.append(generator.edit(&file)) }
        }
        (bytes, hasSplit, edits) = (file, split, done)
    }

    /// The case: its seed, separator and edits, then the bytes as a Swift string literal (with
    /// invalid UTF-8 shown as U+FFFD) and as numbers when they are not valid UTF-8.
    public var description: String {
        let text = String(decoding: bytes, as: UTF8.self)
        let valid = String(validating: bytes, as: UTF8.self) != nil
        return "csv seed \(seed): separator \(String(separator).debugDescription), \(bytes.count) bytes"
            + "\(valid ? "" : " (not valid UTF-8)"), edits: \(edits.isEmpty ? "none" : edits.joined(separator: "; "))\n"
            + text.debugDescription + (valid ? "" : "\nbytes: \(bytes)")
    }

    /// Feeds the bytes to `CSVTable(parsing:)` (decoded as UTF-8, invalid bytes replaced),
    /// `numbers(columns:)` (of every column but `split`) and `columnIndex(_:)` of what it returns, and, when `scratchFile`
    /// is given (the bytes are written there), to `CSVTable(contentsOf:)` and `Dataset.load`.
    ///
    /// Besides "a `DataError` or a result", it checks what the results promise: rows as long
    /// as the header, one line number per row, features of shape [rows, features], labels
    /// below the number of classes; and that the in-memory and file readers agree when the
    /// bytes are valid UTF-8 (they then read the same bytes).
    ///
    /// - Parameter scratchFile: A file the case may overwrite, or nil to stay in memory.
    /// - Returns: What each entry point did, and any problem found.
    public func run(scratchFile: URL?) -> CSVFuzzResult {
        var result = CSVFuzzResult()
        let text = String(decoding: bytes, as: UTF8.self)
        let memoryMark = result.rejections.count
        let inMemory = result.attempt("CSVTable(parsing:)") {
            try CSVTable(parsing: text, source: "fuzz", separator: separator)
        }
        let memoryError = result.rejections.count > memoryMark ? "\(result.rejections[memoryMark])" : nil
        if let table = inMemory {
            result.checkShape(table, "CSVTable(parsing:)")
            let numeric = table.header.indices.filter { table.header[$0] != "split" }
            _ = result.attempt("numbers(columns:)") { try table.numbers(columns: numeric) }
            _ = result.attempt("columnIndex(_:)") { try table.columnIndex("target") }
        }
        guard let url = scratchFile else { return result }
        do {
            try Data(bytes).write(to: url)
        } catch {
            result.problems.append("cannot write the scratch file \(url.path): \(error)")
            return result
        }
        let fileMark = result.rejections.count
        let fromFile = result.attempt("CSVTable(contentsOf:)") { try CSVTable(contentsOf: url, separator: separator) }
        let fileError =
            result.rejections.count > fileMark
            ? "\(result.rejections[fileMark])".replacingOccurrences(of: url.path, with: "fuzz") : nil
        if let table = fromFile { result.checkShape(table, "CSVTable(contentsOf:)") }
        let agree =
            memoryError == fileError && inMemory?.header == fromFile?.header && inMemory?.rows == fromFile?.rows
            && inMemory?.lines == fromFile?.lines
        if !agree && String(validating: bytes, as: UTF8.self) != nil {
            result.problems.append(
                "CSVTable(parsing:) and CSVTable(contentsOf:) disagree on valid UTF-8: "
                    + "\(memoryError ?? "accepted") vs \(fileError ?? "accepted")")
        }
        let dataset = result.attempt("Dataset.load") {
            try Dataset.load(
                csv: url, labelColumn: "target", splitColumn: hasSplit ? "split" : nil, classNames: classNames,
                dtype: dtype)
        }
        if let d = dataset {
            let classes = d.classNames.count
            if d.features.shape != [d.labels.count, d.featureNames.count]
                || d.labels.contains(where: { $0 < 0 || $0 >= classes })
                || (d.split.map { $0.count != d.labels.count } ?? false)
            {
                result.problems.append(
                    "Dataset.load returned features \(d.features.shape) for \(d.labels.count) labels of "
                        + "\(d.featureNames.count) features and \(classes) classes")
            }
        }
        return result
    }
}

/// What the CSV entry points did with one fuzz case.
public struct CSVFuzzResult: Sendable {
    /// The entry points that accepted the input.
    public var accepted: [String] = []
    /// The errors the others threw, in the order they were called.
    public var rejections: [DataError] = []
    /// What went wrong: an error that is not a `DataError`, a result that breaks its promise,
    /// or two readers that disagree. Empty when the case passed.
    public var problems: [String] = []

    /// Runs one entry point, filing its result under `accepted`, `rejections` or `problems`.
    mutating func attempt<T>(_ entry: String, _ body: () throws -> T) -> T? {
        do {
            let value = try body()
            accepted.append(entry)
            return value
        } catch let error as DataError {
            rejections.append(error)
        } catch {
            problems.append("\(entry) threw \(type(of: error)), not a DataError: \(error)")
        }
        return nil
    }

    /// Checks that every row is as long as the header and has a line number.
    mutating func checkShape(_ table: CSVTable, _ entry: String) {
        if table.rows.contains(where: { $0.count != table.header.count }) || table.lines.count != table.rows.count {
            problems.append("\(entry) returned rows whose lengths differ from the header's \(table.header.count)")
        }
    }
}
