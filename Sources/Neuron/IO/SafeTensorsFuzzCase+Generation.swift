// The inputs of the safetensors fuzzer: valid files drawn at random, and the edits that damage them.

/// Draws valid safetensors files and edits of them from one generator.
struct SafeTensorsFuzzGenerator {
    var rng: RandomGenerator

    /// One tensor's entry as text, so that an edit can put anything in any field.
    struct Entry {
        var name: String
        var dtype: String
        var shape: [String]
        var offsets: [String]
        /// Extra `"key":value` members, or fields left out, or a whole replacement value.
        var extra: [String] = []
        var omitted: Set<String> = []
        var replacement: String?

        /// The entry as a JSON member, its fields in `order`.
        func json(order: [Int], space: String) -> String {
            let value =
                replacement
                ?? "{"
                + (order.compactMap { i -> String? in
                    let (key, text) = [
                        ("dtype", "\"\(dtype)\""), ("shape", "[\(shape.joined(separator: ","))]"),
                        ("data_offsets", "[\(offsets.joined(separator: ","))]"),
                    ][i]
                    return omitted.contains(key) ? nil : "\"\(key)\":\(space)\(text)"
                } + extra).joined(separator: ",\(space)") + "}"
            return SafeTensors.jsonString(name) + ":" + space + value
        }
    }

    /// Names of every kind: dotted state_dict names, Unicode, escapes, the empty string.
    static let names = [
        "0.weight", "0.bias", "2.weight", "encoder.layers.0.norm", "é", "e\u{301}x", "权重", "quote\"d", "back\\slash",
        "tab\tnew\nline", "", "nul\u{0}", "🧠", "__metadata", "a.exp_avg",
    ]
    /// The dtypes drawn for valid files, with their element sizes.
    static let dtypes: [(String, Int)] = [
        ("F32", 4), ("F64", 8), ("F16", 2), ("BF16", 2), ("I64", 8), ("I32", 4), ("I16", 2), ("I8", 1), ("U8", 1),
        ("U16", 2), ("U32", 4), ("U64", 8), ("BOOL", 1),
    ]
    /// Numbers to put in a shape or an offset: limits, overflows, negatives, non-integers.
    static let numbers = [
        "0", "1", "-1", "-0", "2", "7", "8", "4294967296", "4611686018427387904", "9223372036854775807",
        "9223372036854775808", "18446744073709551615", "18446744073709551616", "1e3", "1.5", "00", "1E400", "-",
        "\"3\"", "null", "[]", "99999999999999999999999999999999999999",
    ]
    /// Text to splice into a header: JSON punctuation, escapes, invalid UTF-8.
    static let tokens: [[UInt8]] =
        [
            "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\\ud800", "\\u00e9", " ", "\n", "\0", "null", "true", "-",
            "é",
        ]
        .map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x80]]

    // MARK: - Valid files

    /// A valid file's entries, their data, its metadata, and the values it holds as Double.
    mutating func validFile() -> (
        entries: [Entry], data: [UInt8], metadata: [(String, String)], values: [String: [Double]]
    ) {
        var entries: [Entry] = []
        var data: [UInt8] = []
        var values: [String: [Double]] = [:]
        let names = rng.permutation(Self.names.count).prefix(int(0...5)).map { Self.names[$0] }
        for name in names {
            let (dtype, size) = pick(Self.dtypes)
            let shape = (0..<int(0...3)).map { _ in int(0...4) }
            let count = shape.reduce(1, *)
            let begin = data.count
            var elements: [Double] = []
            for _ in 0..<count {
                let (bytes, value) = element(dtype, size: size)
                data += bytes
                elements.append(value)
            }
            values[name] = elements
            entries.append(
                Entry(name: name, dtype: dtype, shape: shape.map(String.init), offsets: ["\(begin)", "\(data.count)"]))
        }
        let metadata = (0..<pick([0, 0, 1, 2, 3])).map { _ in
            (pick(["format", "note", "é", "k"]), pick(["pt", "", "ü\"\\"]))
        }
        return (entries, data, Dictionary(metadata, uniquingKeysWith: { a, _ in a }).map { ($0, $1) }, values)
    }

    /// One element's little-endian bytes and its value.
    private mutating func element(_ dtype: String, size: Int) -> ([UInt8], Double) {
        func bytes<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
        let x = pick([0, -0.0, 1, -2.5, .infinity, .nan, 1e-40, 3e38]) * (chance(0.5) ? 1 : rng.nextNormal())
        switch dtype {
        case "F32": return (bytes(Float(x).bitPattern), Double(Float(x)))
        case "F64": return (bytes(x.bitPattern), x)
        case "F16":
            let (bits, value) = pick([
                (0x3C00, 1.0), (0xC000, -2), (0x3800, 0.5), (0, 0), (0x7BFF, 65504), (1, 0x1p-24),
            ])
            return (bytes(UInt16(bits)), value)
        case "BF16":
            let bits = UInt16(truncatingIfNeeded: Float(x).bitPattern >> 16)
            return (bytes(bits), Double(Float(bitPattern: UInt32(bits) << 16)))
        case "BOOL":
            let b = UInt8(int(0...1))
            return ([b], Double(b))
        default:
            let v = Int64(int(-1000...1000)) * (chance(0.1) ? 1 << 43 : 1)
            switch dtype {
            case "I64": return (bytes(v), Double(v))
            case "U64": return (bytes(UInt64(v.magnitude)), Double(v.magnitude))
            case "I32": return (bytes(Int32(truncatingIfNeeded: v)), Double(Int32(truncatingIfNeeded: v)))
            case "U32": return (bytes(UInt32(truncatingIfNeeded: v)), Double(UInt32(truncatingIfNeeded: v)))
            case "I16": return (bytes(Int16(truncatingIfNeeded: v)), Double(Int16(truncatingIfNeeded: v)))
            case "U16": return (bytes(UInt16(truncatingIfNeeded: v)), Double(UInt16(truncatingIfNeeded: v)))
            case "I8": return (bytes(Int8(truncatingIfNeeded: v)), Double(Int8(truncatingIfNeeded: v)))
            default: return (bytes(UInt8(truncatingIfNeeded: v)), Double(UInt8(truncatingIfNeeded: v)))
            }
        }
    }

    /// The header text: members in a random order, random whitespace, padded with spaces.
    mutating func header(_ entries: [Entry], metadata: [(String, String)], metadataValue: String?) -> [UInt8] {
        let space = pick(["", "", "", " ", "\n\t"])
        var members = entries.map { $0.json(order: rng.permutation(3), space: space) }
        if let value = metadataValue
            ?? (metadata.isEmpty
                ? nil
                : "{"
                    + metadata.map { SafeTensors.jsonString($0) + ":" + SafeTensors.jsonString($1) }.joined(
                        separator: ",") + "}")
        {
            members.insert("\"__metadata__\":" + space + value, at: int(0...members.count))
        }
        let text = pick(["", " ", "\n"]) + "{" + members.joined(separator: "," + space) + "}"
        var bytes = Array(text.utf8)
        bytes += repeatElement(UInt8(ascii: " "), count: chance(0.7) ? (8 - bytes.count % 8) % 8 : int(0...9))
        return bytes
    }

    // MARK: - Edits

    /// Changes the entries' meaning: a field, an offset, a dtype, a duplicate, a nesting bomb.
    mutating func editEntries(_ entries: inout [Entry], metadataValue: inout String?) -> String {
        guard !entries.isEmpty else {
            metadataValue = pick(["null", "[]", "{\"k\":1}", "{\"k\":\"a\",\"k\":\"b\"}", "\"x\"", "{"])
            return "__metadata__ → \(metadataValue!)"
        }
        let i = int(0...(entries.count - 1))
        let name = entries[i].name.debugDescription
        switch int(0...9) {
        case 0 where !entries[i].shape.isEmpty:
            let j = int(0...(entries[i].shape.count - 1))
            entries[i].shape[j] = pick(Self.numbers)
            return "shape[\(j)] of \(name) → \(entries[i].shape[j])"
        case 1:
            let j = int(0...1)
            entries[i].offsets[j] =
                chance(0.5)
                ? pick(Self.numbers) : "\(max(0, min(Int(entries[i].offsets[j]) ?? 0, 1 << 40) + int(-9...9)))"
            return "data_offsets[\(j)] of \(name) → \(entries[i].offsets[j])"
        case 2:
            entries[i].offsets.swapAt(0, 1)
            return "swap the data_offsets of \(name)"
        case 3:
            entries[i].dtype = pick(Self.dtypes.map(\.0) + ["F31", "f32", "F8_E4M3", "C64", "", "F32 "])
            return "dtype of \(name) → \(entries[i].dtype.debugDescription)"
        case 4:
            entries.append(entries[i])
            return "duplicate \(name)"
        case 5:
            let field = pick(["dtype", "shape", "data_offsets"])
            entries[i].omitted.insert(field)
            return "drop \(field) of \(name)"
        case 6:
            let depth = pick([1, 5, 127, 128, 129, 1000])
            entries[i].extra.append(
                "\"x\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
            return "add a field nested \(depth) deep to \(name)"
        case 7:
            entries[i].replacement = pick(["null", "[]", "1", "\"F32\"", "{}"])
            return "\(name) → \(entries[i].replacement!)"
        case 8:
            entries[i].extra.append(
                pick([#""x":{"y":[1,"z",null,true,-2.5e-3]}"#, #""__metadata__":"no""#, #""":"""#]))
            return "add the field \(entries[i].extra.last!) to \(name)"
        default:
            entries[i].shape.append(pick(["0", "1", "2", "4294967296"]))
            return "add a size \(entries[i].shape.last!) to the shape of \(name)"
        }
    }

    /// Damages bytes: flips a bit, sets, inserts or deletes bytes, truncates.
    mutating func editBytes(_ bytes: inout [UInt8], from start: Int = 0) -> String {
        guard bytes.count > start else {
            bytes += pick(Self.tokens)
            return "append a token"
        }
        let i = int(start...(bytes.count - 1))
        switch int(0...5) {
        case 0:
            let bit = int(0...7)
            bytes[i] ^= 1 << bit
            return "flip bit \(bit) of byte \(i)"
        case 1:
            bytes[i] = UInt8(int(0...255))
            return "byte \(i) → \(bytes[i])"
        case 2:
            let token = pick(Self.tokens)
            bytes.insert(contentsOf: token, at: i)
            return "insert \(token) at \(i)"
        case 3:
            let n = int(1...min(16, bytes.count - i))
            bytes.removeSubrange(i..<(i + n))
            return "delete \(n) bytes at \(i)"
        case 4:
            bytes.removeSubrange(i...)
            return "truncate to \(i) bytes"
        default:
            let n = int(1...9)
            bytes += (0..<n).map { _ in UInt8(int(0...255)) }
            return "append \(n) random bytes"
        }
    }

    /// Sets the length field to a nearby or a huge value.
    mutating func editLength(_ bytes: inout [UInt8]) -> String {
        let old = bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let new = pick([old &+ 1, old &- 1, old &+ 8, old &- 8, 0, 100_000_000, 100_000_001, UInt64.max, 1 << 62])
        bytes.replaceSubrange(0..<min(8, bytes.count), with: withUnsafeBytes(of: new.littleEndian, Array.init))
        return "length field → \(new)"
    }

    /// Up to 300 random bytes, or a right length field before random JSON-like text.
    mutating func randomBytes() -> [UInt8] {
        let alphabet = Array("{}[]\":,0123456789-.eE \"dtypeshapedata_offsetsF32U8__metadata__".utf8)
        let body = (0..<int(0...300)).map { _ in chance(0.7) ? pick(alphabet) : UInt8(int(0...255)) }
        return chance(0.5) ? body : withUnsafeBytes(of: UInt64(body.count).littleEndian, Array.init) + body
    }

    // MARK: - Randomness

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { rng.nextUniform() < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
