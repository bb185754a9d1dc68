/// A strict reader of the JSON text of a safetensors header (RFC 8259): the caller walks the
/// structure it expects (`object`, `array`, `string`, `unsignedInteger`) and `skipValue()` steps
/// over anything else without building it, so no value's size decides an allocation beyond the
/// bytes it occupies. Nesting deeper than 128 levels is refused (serde_json's limit).
///
/// Every failure is a ``SafeTensorsError/Problem``; a syntax error names the header's line and
/// 1-based byte column.
struct HeaderScanner {
    /// The header's bytes, already checked to be UTF-8.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    private(set) var position = 0
    /// How many objects and arrays enclose the position.
    private var depth = 0
    /// The deepest nesting accepted.
    static let maxDepth = 128

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: - Structure

    /// Reads an object, calling `member` with each key while positioned at its value; `member`
    /// must consume the value.
    mutating func object(
        _ member: (inout HeaderScanner, String) throws(SafeTensorsError.Problem) -> Void
    ) throws(SafeTensorsError.Problem) {
        try enter("{")
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { return leave() }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw syntax("expected a string key") }
            let key = try string()
            skipWhitespace()
            try expect(":")
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
            if peek() == UInt8(ascii: "}") { return leave() }
            try expect(",", or: "}")
        }
    }

    /// Reads an array, calling `element` at each element; `element` must consume it.
    mutating func array(
        _ element: (inout HeaderScanner) throws(SafeTensorsError.Problem) -> Void
    ) throws(SafeTensorsError.Problem) {
        try enter("[")
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { return leave() }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { return leave() }
            try expect(",", or: "]")
        }
    }

    /// Steps over one value of any kind, checking its syntax.
    mutating func skipValue() throws(SafeTensorsError.Problem) {
        switch peek() {
        case UInt8(ascii: "{"): try object { s, _ throws(SafeTensorsError.Problem) in try s.skipValue() }
        case UInt8(ascii: "["): try array { s throws(SafeTensorsError.Problem) in try s.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    /// The kind of the value at the position, for messages ("a string", "an array", …).
    func valueKind() -> String {
        switch peek() {
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        case nil: "the end of the header"
        default: "a number"
        }
    }

    /// Reads `null` if it is next, returning whether it was.
    mutating func null() throws(SafeTensorsError.Problem) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Checks that only whitespace follows the position.
    mutating func end() throws(SafeTensorsError.Problem) {
        skipWhitespace()
        if position < bytes.count { throw syntax("unexpected text after the header's JSON object") }
    }

    // MARK: - Scalars

    /// Reads a string, decoding escapes; a lone UTF-16 surrogate or a raw control character is
    /// a syntax error.
    mutating func string() throws(SafeTensorsError.Problem) -> String {
        try expect("\"")
        var out: [UInt8] = []
        while true {
            guard let byte = next() else { throw syntax("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape(into: &out)
            case 0..<0x20: throw syntax("a control character (byte \(byte)) inside a string must be escaped")
            default: out.append(byte)
            }
        }
    }

    /// Reads a number; returns its text (up to 40 characters, for messages) and its value when
    /// it is a non-negative integer without fraction or exponent that fits in 64 bits.
    mutating func number() throws(SafeTensorsError.Problem) -> (text: String, value: UInt64?) {
        let start = position
        var value: UInt64? = 0
        if peek() == UInt8(ascii: "-") {
            position += 1
            value = nil
        }
        guard let first = peek(), isDigit(first) else { throw syntax("expected a value") }
        if first == UInt8(ascii: "0") {
            position += 1
            if let d = peek(), isDigit(d) { throw syntax("a number has a leading zero") }
            value = value.map { _ in 0 }
        } else {
            while let d = peek(), isDigit(d) {
                position += 1
                if let v = value {
                    let (times10, o1) = v.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(UInt64(d - UInt8(ascii: "0")))
                    value = o1 || o2 ? nil : sum
                }
            }
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            value = nil
            try digits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            value = nil
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            try digits()
        }
        let length = min(position - start, 40)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + length]), as: UTF8.self)
        return (position - start > 40 ? text + "…" : text, value)
    }

    // MARK: - Errors

    /// A syntax error at the position: `invalidJSON` with its line and 1-based byte column.
    func syntax(_ reason: String) -> SafeTensorsError.Problem {
        var (line, column) = (1, 1)
        for byte in bytes[..<min(position, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                (line, column) = (line + 1, 1)
            } else {
                column += 1
            }
        }
        return .invalidJSON(line: line, column: column, reason: reason)
    }

    // MARK: - Bytes

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func next() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    /// Steps over JSON whitespace (space, tab, line feed, carriage return).
    mutating func skipWhitespace() {
        while let b = peek(), b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func digits() throws(SafeTensorsError.Problem) {
        guard let d = peek(), isDigit(d) else { throw syntax("expected a digit in a number") }
        while let d = peek(), isDigit(d) { position += 1 }
    }

    private mutating func expect(_ char: Unicode.Scalar, or other: Unicode.Scalar? = nil)
        throws(SafeTensorsError.Problem)
    {
        guard peek() == UInt8(ascii: char) else {
            let wanted = other.map { "'\(char)' or '\($0)'" } ?? "'\(char)'"
            throw syntax(peek() == nil ? "the header ends where \(wanted) was expected" : "expected \(wanted)")
        }
        position += 1
    }

    private mutating func literal(_ word: String) throws(SafeTensorsError.Problem) {
        let start = position
        for expected in word.utf8 {
            guard next() == expected else {
                position = start
                throw syntax("expected a value")
            }
        }
    }

    private mutating func enter(_ open: Unicode.Scalar) throws(SafeTensorsError.Problem) {
        guard depth < Self.maxDepth else { throw syntax("nesting deeper than \(Self.maxDepth) levels") }
        try expect(open)
        depth += 1
    }

    private mutating func leave() {
        position += 1
        depth -= 1
    }

    /// Decodes the escape after a backslash, appending its UTF-8 bytes.
    private mutating func escape(into out: inout [UInt8]) throws(SafeTensorsError.Problem) {
        guard let kind = next() else { throw syntax("unterminated string") }
        switch kind {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return out.append(kind)
        case UInt8(ascii: "b"): return out.append(0x08)
        case UInt8(ascii: "f"): return out.append(0x0C)
        case UInt8(ascii: "n"): return out.append(0x0A)
        case UInt8(ascii: "r"): return out.append(0x0D)
        case UInt8(ascii: "t"): return out.append(0x09)
        case UInt8(ascii: "u"): break
        default: throw syntax("invalid escape \\\(Unicode.Scalar(kind))")
        }
        var code = UInt32(try hex4())
        if (0xD800..<0xDC00).contains(code) {
            guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u") else {
                throw syntax("a UTF-16 high surrogate is not followed by a low one")
            }
            let low = UInt32(try hex4())
            guard (0xDC00..<0xE000).contains(low) else {
                throw syntax("a UTF-16 high surrogate is not followed by a low one")
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(code) {
            throw syntax("a lone UTF-16 low surrogate")
        }
        out.append(contentsOf: Array(String(Unicode.Scalar(code)!).utf8))
    }

    private mutating func hex4() throws(SafeTensorsError.Problem) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let b = next(), let digit = hexValue(b) else { throw syntax("invalid \\u escape") }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
