// The inputs of the CSV fuzzer: valid CSV files drawn at random, and the edits that damage them.

/// Draws valid CSV files and random edits of them from one generator.
struct CSVFuzzGenerator {
    var rng: RandomGenerator

    /// Awkward text to splice in: quotes, separators, line ends, numbers at and beyond
    /// Double's limits, labels that would allocate a lot, and invalid UTF-8.
    static let tokens: [[UInt8]] =
        [
            "\"", "\"\"", "\",\"", ",", ";", "\t", "\n", "\r", "\r\n", "\n\n", " ", "", "\u{FEFF}", "\0", "é",
            "\u{301}", "1e308", "1.7976931348623157e308", "1e309", "-1e309", "4.9e-324", "1e-400", "nan", "NaN",
            "inf", "-inf", "infinity", "0x1p3", "1_000", "+5", "-0", ".5", "5.", "1e", "e5", "--1", "1e+", "0.0",
            "99999999999999999999999999999", "9223372036854775807", "9223372036854775808", "1e18", "4e9",
            "1000000", "2.5", "-1", "target", "split", "train", "test", "\"train\"",
            String(repeating: "9", count: 400), String(repeating: "0", count: 400) + "1",
        ].map { Array($0.utf8) }
        + [[0xFF], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]]

    // MARK: - Valid files

    /// A valid CSV file: distinct column names (some quoted, one holding the separator), a
    /// `target` column of small integer labels, maybe a `split` column, numbers in several
    /// spellings, LF, CRLF or CR line ends, maybe a byte-order mark and blank lines.
    mutating func validFile(separator: UInt8) -> (bytes: [UInt8], hasSplit: Bool) {
        let sep = String(UnicodeScalar(separator))
        let pool = ["x", "f1", "f2", "petal length", "a\(sep)b", "é", "width (cm)", "t", "col \"q\""]
        var names = Array(rng.permutation(pool.count).prefix(int(1...4)).map { pool[$0] })
        names.append("target")
        let hasSplit = chance(0.4)
        if hasSplit { names.append("split") }
        names = rng.permutation(names.count).map { names[$0] }
        let rows = int(1...8)
        var lines = [names.map(quotedIfNeeded(separator: sep)).joined(separator: sep)]
        for _ in 0..<rows {
            let fields = names.map { name -> String in
                switch name {
                case "target":
                    return chance(0.2)
                        ? "\(int(0...(Swift.min(rows, 3) - 1))).0" : "\(int(0...(Swift.min(rows, 3) - 1)))"
                case "split":
                    return chance(0.2) ? "\"\(chance(0.5) ? "train" : "test")\"" : chance(0.5) ? "train" : "test"
                default: return number()
                }
            }
            lines.append(fields.joined(separator: sep))
        }
        if chance(0.2) { lines.insert(chance(0.5) ? "" : " \t", at: int(1...lines.count)) }
        let end = pick(["\n", "\n", "\r\n", "\r"])
        var text = lines.joined(separator: end) + (chance(0.7) ? end : "")
        if chance(0.1) { text = "\u{FEFF}" + text }
        return (Array(text.utf8), hasSplit)
    }

    /// A number in one of the spellings a CSV file may use.
    private mutating func number() -> String {
        let x = (rng.nextNormal() * 10 * 1000).rounded() / 1000
        switch int(0...5) {
        case 0: return "\(Int(x))"
        case 1: return "\(x)e-3"
        case 2: return " \(x) "
        case 3: return "\"\(x)\""
        default: return "\(x)"
        }
    }

    /// A function quoting a name that holds the separator or a quote, doubling its quotes.
    private func quotedIfNeeded(separator: String) -> (String) -> String {
        { name in
            name.contains(separator) || name.contains("\"")
                ? "\"" + name.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\"" : name
        }
    }

    // MARK: - Edits

    /// Applies one random edit to `bytes` and says what it was.
    mutating func edit(_ bytes: inout [UInt8]) -> String {
        let at = int(0...bytes.count)
        switch int(0...12) {
        case 0 where !bytes.isEmpty:
            let (i, bit) = (int(0...(bytes.count - 1)), int(0...7))
            bytes[i] ^= 1 << bit
            return "flip bit \(bit) of byte \(i)"
        case 1 where !bytes.isEmpty:
            let (i, b) = (int(0...(bytes.count - 1)), UInt8(int(0...255)))
            bytes[i] = b
            return "set byte \(i) to \(b)"
        case 2:
            let inserted = (0..<int(1...4)).map { _ in UInt8(int(0...255)) }
            bytes.insert(contentsOf: inserted, at: at)
            return "insert bytes \(inserted) at \(at)"
        case 3, 4:
            let token = pick(Self.tokens)
            bytes.insert(contentsOf: token, at: at)
            return "insert \(Self.show(token)) at \(at)"
        case 5 where !bytes.isEmpty:
            let end = Swift.min(bytes.count, at + int(1...8))
            bytes.removeSubrange(Swift.min(at, bytes.count - 1)..<end)
            return "delete bytes \(at)..<\(end)"
        case 6, 7, 8:
            return editLines(&bytes)
        case 9:
            bytes.removeSubrange(at...)
            return "truncate at \(at)"
        case 10:
            // Replace the field around `at` (the bytes between separators or line ends).
            let stops: Set<UInt8> = [0x2C, 0x3B, 0x09, 0x7C, 0x0A, 0x0D]
            var (lo, hi) = (at, at)
            while lo > 0 && !stops.contains(bytes[lo - 1]) { lo -= 1 }
            while hi < bytes.count && !stops.contains(bytes[hi]) { hi += 1 }
            let token = pick(Self.tokens)
            bytes.replaceSubrange(lo..<hi, with: token)
            return "replace field \(lo)..<\(hi) with \(Self.show(token))"
        case 11:
            let (from, to) = (
                pick([[UInt8(0x0A)], [0x0D, 0x0A], [0x0D]]), pick([[UInt8(0x0A)], [0x0D, 0x0A], [0x0D], []])
            )
            bytes = replaced(bytes, from, to)
            return "replace line ends \(Self.show(from)) with \(Self.show(to))"
        default:
            let chunk = Array(bytes[at..<Swift.min(bytes.count, at + int(1...6))])
            let times = pick([2, 10, 1000])
            bytes.insert(contentsOf: Array([[UInt8]](repeating: chunk, count: times).joined()), at: at)
            return "repeat \(Self.show(chunk)) \(times) times at \(at)"
        }
    }

    /// Duplicates, deletes or swaps whole lines.
    private mutating func editLines(_ bytes: inout [UInt8]) -> String {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let (i, j) = (int(0...(lines.count - 1)), int(0...(lines.count - 1)))
        let what: String
        switch int(0...2) {
        case 0:
            lines.insert(lines[i], at: j)
            what = "duplicate line \(i) before line \(j)"
        case 1:
            lines.remove(at: i)
            what = "delete line \(i)"
        default:
            lines.swapAt(i, j)
            what = "swap lines \(i) and \(j)"
        }
        bytes = Array(lines.joined(separator: [0x0A]))
        return what
    }

    /// `bytes` with every occurrence of `pattern` replaced by `replacement`.
    private func replaced(_ bytes: [UInt8], _ pattern: [UInt8], _ replacement: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i...].starts(with: pattern) {
                out += replacement
                i += pattern.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// Random bytes, half of them from the characters that matter to a CSV reader.
    mutating func randomBytes() -> [UInt8] {
        let alphabet = Array(",;\"\n\r\t 0123456789.-+eE".utf8)
        return (0..<int(0...256)).map { _ in chance(0.5) ? pick(alphabet) : UInt8(int(0...255)) }
    }

    // MARK: - Randomness

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { rng.nextUniform() < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// Bytes shown as a Swift string literal when they are short, valid UTF-8, else as numbers.
    static func show(_ bytes: [UInt8]) -> String {
        if bytes.count > 12 { return "\(bytes.count) bytes starting \(show(Array(bytes.prefix(8))))" }
        if let s = String(validating: bytes, as: UTF8.self) { return s.debugDescription }
        return "\(bytes)"
    }
}
