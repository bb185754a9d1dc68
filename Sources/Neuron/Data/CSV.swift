import Foundation

/// A CSV file as text fields: a header and rows of equal length.
///
/// The format: a header row of distinct names, then at least one row, one per line, each with
/// as many fields as the header; lines end with LF, CRLF or CR; lines of only spaces and tabs
/// are skipped; a UTF-8 byte-order mark is ignored. A field may be quoted with `"` when the
/// quote is its first character: inside, the separator is text and `""` is a quote; the
/// closing quote must be followed by the separator or the end of the line, and a quoted
/// field cannot span lines.
public struct CSVTable: Sendable {
    /// Where the table came from (a path, or a name given to `parse`), used in error messages.
    public let source: String
    /// The column names.
    public let header: [String]
    /// The rows, each with `header.count` fields.
    public let rows: [[String]]
    /// The 1-based line number in the file of each row (for error messages).
    public let lines: [Int]

    /// Reads a CSV file (the format is described at ``CSVTable``).
    ///
    /// - Parameters:
    ///   - url: The file, UTF-8.
    ///   - separator: The field separator.
    /// - Throws: `DataError` naming the file, and the line and column of malformed input, or
    ///   the path and the system's reason when the file cannot be read.
    /// - Precondition: `separator` is one ASCII character other than a quote or a line end.
    public init(contentsOf url: URL, separator: Character = ",") throws {
        let bytes = try CSVReader.contents(of: url)
        (header, rows, lines) = try bytes.withUnsafeBufferPointer {
            try CSVTable.read($0, source: url.path, separator: separator)
        }
        source = url.path
    }

    /// Parses CSV text (the format is described at ``CSVTable``).
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - source: A name for error messages.
    ///   - separator: The field separator.
    /// - Throws: `DataError` naming the line and column of malformed input.
    /// - Precondition: `separator` is one ASCII character other than a quote or a line end.
    public init(parsing text: String, source: String = "<text>", separator: Character = ",") throws {
        var text = text
        (header, rows, lines) = try text.withUTF8 { try CSVTable.read($0, source: source, separator: separator) }
        self.source = source
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, source: String, separator: Character) throws
        -> (header: [String], rows: [[String]], lines: [Int])
    {
        var reader = try CSVReader(bytes: bytes, source: source, separator: separator)
        var rows: [[String]] = []
        var lines: [Int] = []
        while try reader.nextRow() {
            rows.append(try reader.fields.indices.map(reader.string(at:)))
            lines.append(reader.line)
        }
        return (reader.header, rows, lines)
    }

    /// The position of a named column.
    ///
    /// - Parameter name: The column's header.
    /// - Throws: `DataError.missingColumn` if there is no such column.
    public func columnIndex(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else { throw DataError.missingColumn(source: source, name: name) }
        return i
    }

    /// The values of some columns as numbers, row by row. A number is written in plain
    /// decimal: an optional sign, digits with an optional fraction, an optional exponent
    /// (`-1.5`, `2e-3`), spaces and tabs around it allowed. Empty fields, `nan`, `inf`,
    /// hexadecimal and values beyond Double's range (`1e400`) are refused.
    ///
    /// - Parameter columns: Column positions.
    /// - Returns: One array per row, with one number per requested column.
    /// - Throws: `DataError.notANumber` with the line and 1-based column of the first bad field.
    public func numbers(columns: [Int]) throws -> [[Double]] {
        try rows.enumerated().map { r, row in
            try columns.map { c in
                var field = row[c]
                guard case .value(let v) = field.withUTF8(DecimalNumber.parse) else {
                    throw DataError.notANumber(
                        source: source, line: lines[r], column: c + 1, columnName: header[c], text: row[c])
                }
                return v
            }
        }
    }
}
