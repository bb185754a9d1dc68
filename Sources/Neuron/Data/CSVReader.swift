import Foundation

/// One field of a CSV record: the range of its bytes (inside the quotes, for a quoted
/// field) and whether it holds doubled quotes `""` that stand for one quote.
struct CSVField {
    var start: Int
    var end: Int
    var hasDoubledQuotes: Bool
}

/// Reads CSV records from UTF-8 bytes, one record per line, without copying fields until asked.
///
/// The format: a header row, then one row per line; lines end with LF, CRLF or CR; lines of
/// only spaces and tabs are skipped (they still count for line numbers); a UTF-8 byte-order
/// mark at the start is ignored. A field may be quoted with `"` when the quote is its first
/// byte; inside, `""` is a quote, and the closing quote must be followed by the separator or
/// the end of the line. A quoted field cannot span lines.
///
/// The reader borrows its bytes: use it only inside the `withUnsafeBufferPointer` that lends them.
struct CSVReader {
    /// Where the bytes came from, for error messages.
    let source: String
    /// The column names.
    private(set) var header: [String] = []
    /// The fields of the current row (after `nextRow()` returned true).
    private(set) var fields: [CSVField] = []
    /// The 1-based line number of the current row.
    private(set) var line = 0

    private let bytes: UnsafeBufferPointer<UInt8>
    private let separator: UInt8
    private var position = 0
    private var linesRead = 0
    private var rowsRead = 0

    /// Reads the header.
    ///
    /// - Throws: `DataError.empty`, `.duplicateColumn`, `.invalidUTF8` or a quoting error.
    init(bytes: UnsafeBufferPointer<UInt8>, source: String, separator: Character) throws {
        require(
            separator.isASCII && separator != "\"" && !separator.isNewline,
            "CSV: the separator must be one ASCII character other than a quote or a line end, given \"\(separator)\"")
        self.bytes = bytes
        self.source = source
        self.separator = separator.asciiValue!
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        guard try nextRecord() else { throw DataError.empty(source: source) }
        header = try fields.indices.map(string(at:))
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if let first = seen[name] {
                throw DataError.duplicateColumn(source: source, name: name, first: first + 1, second: i + 1)
            }
            seen[name] = i
        }
    }

    /// Moves to the next row.
    ///
    /// - Returns: False at the end of the file.
    /// - Throws: `DataError.noRows` at the end of a file with no rows, `.wrongFieldCount`, or a
    ///   quoting error.
    mutating func nextRow() throws -> Bool {
        guard try nextRecord() else {
            if rowsRead == 0 { throw DataError.noRows(source: source) }
            return false
        }
        guard fields.count == header.count else {
            throw DataError.wrongFieldCount(source: source, line: line, expected: header.count, found: fields.count)
        }
        rowsRead += 1
        return true
    }

    /// About how many rows are still to come (exact when every line holds a row), to reserve
    /// storage: the LF or, if there are more, CR line ends after the current row, plus one.
    var remainingRowsEstimate: Int {
        var lineFeeds = 0
        var carriageReturns = 0
        for b in UnsafeBufferPointer(rebasing: bytes[position...]) {
            lineFeeds &+= b == Self.lineFeed ? 1 : 0
            carriageReturns &+= b == Self.carriageReturn ? 1 : 0
        }
        return Swift.max(lineFeeds, carriageReturns) + 1
    }

    /// The current row's field at `column` as a finite number.
    ///
    /// - Throws: `DataError.notANumber` naming the line and column.
    func number(at column: Int) throws -> Double {
        if case .value(let v) = parsedNumber(at: column) { return v }
        throw DataError.notANumber(
            source: source, line: line, column: column + 1, columnName: header[column], text: text(at: column))
    }

    /// The current row's field at `column` parsed as a strict decimal number.
    func parsedNumber(at column: Int) -> DecimalNumber.Result {
        let f = fields[column]
        if f.hasDoubledQuotes { return .notANumber }
        return DecimalNumber.parse(UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]))
    }

    /// The current row's field at `column` as text, with doubled quotes undone.
    ///
    /// - Throws: `DataError.invalidUTF8` naming the line and column.
    func string(at column: Int) throws -> String {
        let f = fields[column]
        let raw = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
        let decoded =
            f.hasDoubledQuotes
            ? String(validating: Self.undoubled(raw), as: UTF8.self) : String(validating: raw, as: UTF8.self)
        guard let decoded else { throw DataError.invalidUTF8(source: source, line: line, column: column + 1) }
        return decoded
    }

    /// The current row's field at `column` as text for a message (invalid UTF-8 replaced by �).
    func text(at column: Int) -> String {
        let f = fields[column]
        let raw = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
        return String(decoding: f.hasDoubledQuotes ? Self.undoubled(raw) : Array(raw), as: UTF8.self)
    }

    // MARK: - Scanning

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Reads the next line that is not blank into `fields` and `line`; false at the end.
    private mutating func nextRecord() throws -> Bool {
        fields.removeAll(keepingCapacity: true)
        while position < bytes.count {
            linesRead += 1
            line = linesRead
            if skipBlankLine() { continue }
            try scanFields()
            return true
        }
        return false
    }

    /// Consumes the line at `position` if it holds only spaces and tabs.
    private mutating func skipBlankLine() -> Bool {
        var p = position
        while p < bytes.count && (bytes[p] == UInt8(ascii: " ") || bytes[p] == UInt8(ascii: "\t")) { p += 1 }
        guard p == bytes.count || isLineEnd(bytes[p]) else { return false }
        position = p
        consumeLineEnd()
        return true
    }

    /// Splits the line at `position` into `fields` and moves past its line end.
    private mutating func scanFields() throws {
        let n = bytes.count
        var p = position
        while true {
            if p < n && bytes[p] == Self.quote {
                p += 1
                let start = p
                var doubled = false
                while true {
                    guard p < n && !isLineEnd(bytes[p]) else {
                        throw DataError.unterminatedQuote(source: source, line: line)
                    }
                    if bytes[p] == Self.quote {
                        guard p + 1 < n && bytes[p + 1] == Self.quote else { break }
                        doubled = true
                        p += 1
                    }
                    p += 1
                }
                fields.append(CSVField(start: start, end: p, hasDoubledQuotes: doubled))
                p += 1  // the closing quote
                guard p == n || bytes[p] == separator || isLineEnd(bytes[p]) else {
                    throw DataError.textAfterQuote(source: source, line: line, column: fields.count)
                }
            } else {
                let start = p
                while p < n && bytes[p] != separator && !isLineEnd(bytes[p]) { p += 1 }
                fields.append(CSVField(start: start, end: p, hasDoubledQuotes: false))
            }
            guard p < n && bytes[p] == separator else { break }
            p += 1
        }
        position = p
        consumeLineEnd()
    }

    /// Moves past one LF, CRLF or CR at `position`.
    private mutating func consumeLineEnd() {
        if position < bytes.count && bytes[position] == Self.carriageReturn { position += 1 }
        if position < bytes.count && bytes[position] == Self.lineFeed { position += 1 }
    }

    @inline(__always)
    private func isLineEnd(_ b: UInt8) -> Bool { b == Self.lineFeed || b == Self.carriageReturn }

    /// The bytes with each `""` made one `"`.
    private static func undoubled(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            out.append(raw[i])
            i += raw[i] == quote ? 2 : 1
        }
        return out
    }
}

// MARK: - Files

extension CSVReader {
    /// The bytes of the file at `url`.
    ///
    /// - Throws: `DataError.unreadable` naming the path and the system's reason ("No such
    ///   file or directory", "Is a directory", "Permission denied", …).
    static func contents(of url: URL) throws -> [UInt8] {
        do {
            return try readFileBytes(atPath: url.path)
        } catch {
            throw DataError.unreadable(source: url.path, reason: error.reason)
        }
    }
}
