import Foundation

/// A problem reading or interpreting a data file, saying where it is.
public enum DataError: Error, CustomStringConvertible, Equatable {
    /// The file could not be read.
    case unreadable(source: String, reason: String)
    /// The file has no header row.
    case empty(source: String)
    /// A row has a different number of fields than the header.
    case wrongFieldCount(source: String, line: Int, expected: Int, found: Int)
    /// A field that should be a number is not one.
    case notANumber(source: String, line: Int, column: Int, columnName: String, text: String)
    /// A quoted field is not closed.
    case unterminatedQuote(source: String, line: Int)
    /// A column the caller asked for is not in the header.
    case missingColumn(source: String, name: String)
    /// A bundled data file is missing from the library's resources.
    case missingResource(name: String)

    /// A sentence naming the file, the line and column, or the field, that is wrong.
    public var description: String {
        switch self {
        case .unreadable(let source, let reason): "\(source): cannot be read: \(reason)"
        case .empty(let source): "\(source): the file is empty (a header row is required)"
        case .wrongFieldCount(let source, let line, let expected, let found):
            "\(source):\(line): expected \(expected) fields, as in the header, found \(found)"
        case .notANumber(let source, let line, let column, let name, let text):
            "\(source):\(line):\(column): \"\(text)\" in column \"\(name)\" is not a number"
        case .unterminatedQuote(let source, let line): "\(source):\(line): a quoted field is not closed"
        case .missingColumn(let source, let name): "\(source): no column named \"\(name)\" in the header"
        case .missingResource(let name): "the bundled data file \(name) is missing from Neuron's resources"
        }
    }
}

/// A CSV file as text fields: a header and rows of equal length.
public struct CSVTable: Sendable {
    /// Where the table came from (a path, or a name given to `parse`), used in error messages.
    public let source: String
    /// The column names.
    public let header: [String]
    /// The rows, each with `header.count` fields.
    public let rows: [[String]]
    /// The 1-based line number in the file of each row (for error messages).
    public let lines: [Int]

    /// Reads a CSV file: a header row, then one record per line; fields separated by
    /// `separator`; a field may be quoted with `"` (a doubled `""` inside is a quote).
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - separator: The field separator.
    /// - Throws: `DataError` naming the file and line of malformed input.
    public init(contentsOf url: URL, separator: Character = ",") throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DataError.unreadable(source: url.path, reason: error.localizedDescription)
        }
        try self.init(parsing: text, source: url.path, separator: separator)
    }

    /// Parses CSV text (see ``init(contentsOf:separator:)`` for the format).
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - source: A name for error messages.
    ///   - separator: The field separator.
    /// - Throws: `DataError` naming the line of malformed input.
    public init(parsing text: String, source: String = "<text>", separator: Character = ",") throws {
        var records: [[String]] = []
        var lineNumbers: [Int] = []
        // "\r\n" is one Character in Swift, so split on every kind of line end.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            records.append(try CSVTable.fields(of: line, separator: separator, source: source, line: index + 1))
            lineNumbers.append(index + 1)
        }
        guard let header = records.first else { throw DataError.empty(source: source) }
        for (record, line) in zip(records, lineNumbers).dropFirst() where record.count != header.count {
            throw DataError.wrongFieldCount(source: source, line: line, expected: header.count, found: record.count)
        }
        self.source = source
        self.header = header
        self.rows = Array(records.dropFirst())
        self.lines = Array(lineNumbers.dropFirst())
    }

    /// The position of a named column.
    ///
    /// - Parameter name: The column's header.
    /// - Throws: `DataError.missingColumn` if there is no such column.
    public func columnIndex(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else { throw DataError.missingColumn(source: source, name: name) }
        return i
    }

    /// The values of some columns as numbers, row by row.
    ///
    /// - Parameter columns: Column positions.
    /// - Returns: One array per row, with one number per requested column.
    /// - Throws: `DataError.notANumber` with the line and 1-based column of the first bad field.
    public func numbers(columns: [Int]) throws -> [[Double]] {
        try rows.enumerated().map { r, row in
            try columns.map { c in
                guard let value = Double(row[c].trimmingCharacters(in: .whitespaces)) else {
                    throw DataError.notANumber(
                        source: source, line: lines[r], column: c + 1, columnName: header[c], text: row[c])
                }
                return value
            }
        }
    }

    /// Splits one line into fields, honouring quotes.
    private static func fields(of line: Substring, separator: Character, source: String, line number: Int) throws
        -> [String]
    {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let ch = iterator.next() {
            if quoted {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            current.append("\"")
                        } else {
                            quoted = false
                            if next == separator {
                                fields.append(current)
                                current = ""
                            } else {
                                current.append(next)
                            }
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" && current.isEmpty {
                quoted = true
            } else if ch == separator {
                fields.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        if quoted { throw DataError.unterminatedQuote(source: source, line: number) }
        fields.append(current)
        return fields
    }
}
