/// The parsed and validated header of a safetensors file: each tensor's dtype, shape and byte
/// range in the data section, and the `__metadata__` strings.
///
/// The rules are the reference implementation's (the `safetensors` crate), checked in this
/// order: at least 8 bytes; a header length of at most 100,000,000 that fits in the file; a
/// header of UTF-8 JSON holding one object; `__metadata__` absent, null or an object of strings;
/// every other key a tensor `{"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}` with a
/// known dtype, sizes and offsets that are non-negative integers (unknown fields are ignored);
/// taken in order of their offsets, each tensor's data begins where the previous one's ends
/// (the first at 0), its byte count is its element count times its dtype's size, computed
/// without overflow, and the last one ends exactly at the end of the file. Stricter than the
/// reference: a key that appears twice is refused even when both entries are equal (the
/// reference keeps the last), and so are dtypes Neuron does not read and sizes over 2⁶³ − 1
/// (a Neuron shape holds `Int`s; the reference takes any 64-bit size when another size is 0).
struct SafeTensorsHeader {
    /// One tensor's entry.
    struct Entry {
        /// The tensor's name (the JSON key).
        var name: String
        /// Its element type.
        var dtype: SafeTensorsDType
        /// Its shape, validated: its count times the dtype's size fits in an `Int`.
        var shape: [Int]
        /// Its bytes within the data section.
        var range: Range<Int>
    }

    /// The tensors, in order of their data.
    var entries: [Entry]
    /// The `__metadata__` strings.
    var metadata: [String: String]
    /// Where the data section starts in the file: 8 + the header length.
    var dataStart: Int

    /// The largest header accepted, as in the reference implementation.
    static let maxLength: UInt64 = 100_000_000

    /// Parses and validates the header of `file`, a whole safetensors file.
    init(of file: UnsafeRawBufferPointer) throws(SafeTensorsError.Problem) {
        guard file.count >= 8 else { throw .tooShort(byteCount: file.count) }
        let length = UInt64(littleEndian: file.loadUnaligned(as: UInt64.self))
        guard length <= Self.maxLength else { throw .headerTooLarge(length: length) }
        guard length <= UInt64(file.count - 8) else { throw .headerPastEnd(length: length, available: file.count - 8) }
        dataStart = 8 + Int(length)
        let header = UnsafeBufferPointer(rebasing: file.bindMemory(to: UInt8.self)[8..<dataStart])
        if let offset = Self.firstInvalidUTF8(header) { throw .headerNotUTF8(offset: offset) }
        var scanner = HeaderScanner(header)
        var raw: [(name: String, dtype: SafeTensorsDType, shape: [UInt64], offsets: [UInt64])] = []
        var seen = Set<String>()
        var metadata: [String: String]?
        scanner.skipWhitespace()
        guard scanner.valueKind() == "an object" else {
            throw scanner.syntax("the header must be a JSON object, found \(scanner.valueKind())")
        }
        try scanner.object { s, key throws(SafeTensorsError.Problem) in
            guard seen.insert(key).inserted else { throw .duplicateKey(key) }
            if key == "__metadata__" {
                metadata = try Self.metadata(&s)
            } else {
                let (dtype, shape, offsets) = try Self.tensorInfo(&s, name: key)
                raw.append((key, dtype, shape, offsets))
            }
        }
        try scanner.end()
        self.metadata = metadata ?? [:]
        // The reference sorts by (begin, end), so zero-byte tensors sit before others at their offset.
        raw.sort { ($0.offsets[0], $0.offsets[1]) < ($1.offsets[0], $1.offsets[1]) }
        let available = file.count - dataStart
        var end: UInt64 = 0
        entries = []
        entries.reserveCapacity(raw.count)
        for (name, dtype, shape, offsets) in raw {
            guard offsets[0] == end && offsets[1] >= offsets[0] else {
                throw .invalidOffsets(tensor: name, begin: offsets[0], end: offsets[1], expectedBegin: end)
            }
            // As the reference: the element count left to right, then times the element size, in
            // unsigned 64 bits without overflow; Neuron also needs each size and the byte count in an Int.
            let count = shape.reduce(UInt64?(1)) { total, size in
                guard let total, size <= UInt64(Int.max) else { return nil }
                let (product, overflow) = total.multipliedReportingOverflow(by: size)
                return overflow ? nil : product
            }
            let byteCount = count.flatMap { count -> Int? in
                let (product, overflow) = count.multipliedReportingOverflow(by: UInt64(dtype.byteSize!))
                return overflow || product > UInt64(Int.max) ? nil : Int(product)
            }
            guard let byteCount else { throw .shapeOverflow(tensor: name, shape: shape, dtype: dtype.rawValue) }
            guard UInt64(byteCount) == offsets[1] - offsets[0] else {
                throw .byteCountMismatch(
                    tensor: name, shape: shape, dtype: dtype.rawValue, expected: byteCount,
                    found: offsets[1] - offsets[0])
            }
            guard offsets[1] <= UInt64(available) else {
                throw .dataPastEnd(tensor: name, end: offsets[1], available: available)
            }
            end = offsets[1]
            entries.append(
                Entry(name: name, dtype: dtype, shape: shape.map { Int($0) }, range: Int(offsets[0])..<Int(end)))
        }
        guard end == UInt64(available) else { throw .trailingBytes(count: available - Int(end)) }
    }

    /// Reads `__metadata__`: null, or an object whose values are all strings.
    private static func metadata(_ s: inout HeaderScanner) throws(SafeTensorsError.Problem) -> [String: String] {
        if try s.null() { return [:] }
        guard s.valueKind() == "an object" else {
            throw .invalidMetadata(reason: "must be an object of strings, found \(s.valueKind())")
        }
        var map: [String: String] = [:]
        try s.object { s, key throws(SafeTensorsError.Problem) in
            guard s.valueKind() == "a string" else {
                throw .invalidMetadata(reason: "value of \"\(key)\" must be a string, found \(s.valueKind())")
            }
            guard map.updateValue(try s.string(), forKey: key) == nil else { throw .duplicateKey(key) }
        }
        return map
    }

    /// Reads one tensor's entry: its dtype, shape and the two data offsets.
    private static func tensorInfo(_ s: inout HeaderScanner, name: String) throws(SafeTensorsError.Problem)
        -> (SafeTensorsDType, [UInt64], [UInt64])
    {
        func fail(_ reason: String) -> SafeTensorsError.Problem { .invalidTensorInfo(tensor: name, reason: reason) }
        guard s.valueKind() == "an object" else {
            throw fail("expected an object with dtype, shape and data_offsets, found \(s.valueKind())")
        }
        var dtypeName: String?
        var shape: [UInt64]?
        var offsets: [UInt64]?
        try s.object { s, field throws(SafeTensorsError.Problem) in
            switch field {
            case "dtype":
                guard dtypeName == nil else { throw fail("the field dtype appears twice") }
                guard s.valueKind() == "a string" else { throw fail("dtype must be a string, found \(s.valueKind())") }
                dtypeName = try s.string()
            case "shape":
                guard shape == nil else { throw fail("the field shape appears twice") }
                shape = try unsignedIntegers(&s, field: field, fail: fail)
            case "data_offsets":
                guard offsets == nil else { throw fail("the field data_offsets appears twice") }
                offsets = try unsignedIntegers(&s, field: field, fail: fail)
            default: try s.skipValue()
            }
        }
        guard let dtypeName else { throw fail("the field dtype is missing") }
        guard let shape else { throw fail("the field shape is missing") }
        guard let offsets else { throw fail("the field data_offsets is missing") }
        guard offsets.count == 2 else { throw fail("data_offsets must hold 2 numbers, found \(offsets.count)") }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            throw .unknownDType(tensor: name, dtype: dtypeName)
        }
        guard dtype.isReadable else { throw .unsupportedDType(tensor: name, dtype: dtypeName) }
        return (dtype, shape, offsets)
    }

    /// Reads an array of integers in 0 ... 2⁶⁴ − 1.
    private static func unsignedIntegers(
        _ s: inout HeaderScanner, field: String, fail: (String) -> SafeTensorsError.Problem
    ) throws(SafeTensorsError.Problem) -> [UInt64] {
        guard s.valueKind() == "an array" else { throw fail("\(field) must be an array, found \(s.valueKind())") }
        var list: [UInt64] = []
        try s.array { s throws(SafeTensorsError.Problem) in
            guard s.valueKind() == "a number" else {
                throw fail("\(field) must hold integers ≥ 0, found \(s.valueKind())")
            }
            let (text, value) = try s.number()
            guard let value else {
                let why =
                    text.hasPrefix("-")
                    ? "is negative"
                    : text.contains(where: { ".eE".contains($0) }) ? "is not an integer" : "is over 2^64 − 1"
                throw fail("\(field) holds \(text), which \(why)")
            }
            list.append(value)
        }
        return list
    }

    /// The position of the first byte that is not part of valid UTF-8, or nil.
    private static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
