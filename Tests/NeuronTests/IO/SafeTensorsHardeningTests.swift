import Foundation
import Neuron
import Testing

/// A damaged or hostile file and the problem the reader must report.
struct HostileFile: Sendable, CustomTestStringConvertible {
    let name: String
    // Kept as an array: a `Data` held by a static table is reported as leaked by
    // LeakSanitizer (Data's enum packs its storage pointer with tag bits LSan cannot follow).
    let storedBytes: [UInt8]
    let problem: SafeTensorsError.Problem
    var testDescription: String { name }
    var bytes: Data { Data(storedBytes) }

    init(_ name: String, _ bytes: Data, _ problem: SafeTensorsError.Problem) {
        (self.name, self.storedBytes, self.problem) = (name, Array(bytes), problem)
    }

    /// A one-tensor file whose entry for "a" is `entry`, followed by `data`.
    static func tensor(
        _ name: String, _ entry: String, data: [UInt8] = [0, 0, 0, 0], _ problem: SafeTensorsError.Problem
    ) -> HostileFile {
        HostileFile(name, safetensorsBytes(#"{"a":"# + entry + "}", data), problem)
    }

    static let f32 = #"{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#

    static let all: [HostileFile] = lengths + text + keys + fields + sizes

    static let lengths: [HostileFile] = [
        HostileFile("an empty file", Data(), .tooShort(byteCount: 0)),
        HostileFile("seven bytes", Data([1, 2, 3, 4, 5, 6, 7]), .tooShort(byteCount: 7)),
        HostileFile(
            "a PNG signature", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]),
            .headerTooLarge(length: 0x0A1A_0A0D_474E_5089)),
        HostileFile(
            "a length of 2⁶⁴ − 1", Data(repeating: 0xFF, count: 16), .headerTooLarge(length: UInt64.max)),
        HostileFile(
            "a length of 100,000,001", Data(withUnsafeBytes(of: UInt64(100_000_001).littleEndian, Array.init)),
            .headerTooLarge(length: 100_000_001)),
        HostileFile(
            "a length of 100,000,000 in a 10-byte file",
            Data(withUnsafeBytes(of: UInt64(100_000_000).littleEndian, Array.init) + [0x7B, 0x7D]),
            .headerPastEnd(length: 100_000_000, available: 2)),
        HostileFile(
            "a header cut short", safetensorsBytes(#"{"a":{"dtype":"F32""#).dropLast(3),
            .headerPastEnd(length: 19, available: 16)),
    ]

    static let text: [HostileFile] = [
        HostileFile(
            "invalid UTF-8",
            Data(withUnsafeBytes(of: UInt64(5).littleEndian, Array.init) + [0x7B, 0x22, 0x61, 0xE9, 0x22]),
            .headerNotUTF8(offset: 3)),
        HostileFile(
            "an unterminated object", safetensorsBytes(#"{"a":"#),
            .invalidTensorInfo(
                tensor: "a",
                reason: "expected an object with dtype, shape and data_offsets, found the end of the header")),
        HostileFile(
            "a trailing comma", safetensorsBytes(#"{"a":"x",}"#),
            .invalidTensorInfo(
                tensor: "a", reason: "expected an object with dtype, shape and data_offsets, found a string")),
        HostileFile(
            "trailing comma in the object", safetensorsBytes(#"{"__metadata__":{},}"#),
            .invalidJSON(line: 1, column: 20, reason: "expected a string key")),
        HostileFile(
            "text after the object", safetensorsBytes(#"{} x"#),
            .invalidJSON(line: 1, column: 4, reason: "unexpected text after the header's JSON object")),
        HostileFile(
            "a NUL after the object", safetensorsBytes("{}\u{0}"),
            .invalidJSON(line: 1, column: 3, reason: "unexpected text after the header's JSON object")),
        HostileFile(
            "an array header", safetensorsBytes("[]"),
            .invalidJSON(line: 1, column: 1, reason: "the header must be a JSON object, found an array")),
        HostileFile(
            "an empty header", safetensorsBytes(""),
            .invalidJSON(line: 1, column: 1, reason: "the header must be a JSON object, found the end of the header")),
        HostileFile(
            "a comment", safetensorsBytes("{/* x */}"),
            .invalidJSON(line: 1, column: 2, reason: "expected a string key")),
        HostileFile(
            "a lone surrogate", safetensorsBytes(#"{"\ud800":1}"#),
            .invalidJSON(line: 1, column: 10, reason: "a UTF-16 high surrogate is not followed by a low one")),
        HostileFile(
            "a raw control character in a key", safetensorsBytes("{\"a\u{1}\":1}"),
            .invalidJSON(line: 1, column: 5, reason: "a control character (byte 1) inside a string must be escaped")),
        tensor(
            "a leading zero", #"{"dtype":"F32","shape":[01],"data_offsets":[0,4]}"#,
            .invalidJSON(line: 1, column: 31, reason: "a number has a leading zero")),
        tensor(
            "nesting 200 deep",
            #"{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":"# + String(repeating: "[", count: 200)
                + String(repeating: "]", count: 200) + "}",
            .invalidJSON(line: 1, column: 184, reason: "nesting deeper than 128 levels")),
    ]

    static let keys: [HostileFile] = [
        HostileFile(
            "a duplicated tensor name", safetensorsBytes(#"{"a":\#(f32),"a":\#(f32)}"#, [0, 0, 0, 0]),
            .duplicateKey("a")),
        HostileFile(
            "two spellings of é", safetensorsBytes(#"{"\u00e9":\#(f32),"e\u0301":\#(f32)}"#, [0, 0, 0, 0]),
            .duplicateKey("é")),
        HostileFile(
            "a duplicated __metadata__", safetensorsBytes(#"{"__metadata__":{},"__metadata__":{}}"#),
            .duplicateKey("__metadata__")),
        HostileFile(
            "a duplicated metadata key", safetensorsBytes(#"{"__metadata__":{"k":"1","k":"2"}}"#), .duplicateKey("k")),
        HostileFile(
            "a number in the metadata", safetensorsBytes(#"{"__metadata__":{"k":1}}"#),
            .invalidMetadata(reason: "value of \"k\" must be a string, found a number")),
        HostileFile(
            "metadata as a list", safetensorsBytes(#"{"__metadata__":["k"]}"#),
            .invalidMetadata(reason: "must be an object of strings, found an array")),
    ]

    static let fields: [HostileFile] = [
        tensor(
            "a missing dtype", #"{"shape":[1],"data_offsets":[0,4]}"#,
            .invalidTensorInfo(tensor: "a", reason: "the field dtype is missing")),
        tensor(
            "a missing shape", #"{"dtype":"F32","data_offsets":[0,4]}"#,
            .invalidTensorInfo(tensor: "a", reason: "the field shape is missing")),
        tensor(
            "a duplicated field", #"{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}"#,
            .invalidTensorInfo(tensor: "a", reason: "the field dtype appears twice")),
        tensor(
            "three offsets", #"{"dtype":"F32","shape":[1],"data_offsets":[0,4,4]}"#,
            .invalidTensorInfo(tensor: "a", reason: "data_offsets must hold 2 numbers, found 3")),
        tensor(
            "an unknown dtype", #"{"dtype":"F31","shape":[1],"data_offsets":[0,4]}"#,
            .unknownDType(tensor: "a", dtype: "F31")),
        tensor(
            "a lower-case dtype", #"{"dtype":"f32","shape":[1],"data_offsets":[0,4]}"#,
            .unknownDType(tensor: "a", dtype: "f32")),
        tensor(
            "an FP8 dtype", #"{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}"#,
            .unsupportedDType(tensor: "a", dtype: "F8_E4M3")),
        tensor(
            "a negative size", #"{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}"#,
            .invalidTensorInfo(tensor: "a", reason: "shape holds -1, which is negative")),
        tensor(
            "a fractional size", #"{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}"#,
            .invalidTensorInfo(tensor: "a", reason: "shape holds 1.0, which is not an integer")),
        tensor(
            "an exponent", #"{"dtype":"F32","shape":[1e0],"data_offsets":[0,4]}"#,
            .invalidTensorInfo(tensor: "a", reason: "shape holds 1e0, which is not an integer")),
        tensor(
            "an offset of 2⁶⁴", #"{"dtype":"F32","shape":[1],"data_offsets":[0,18446744073709551616]}"#,
            .invalidTensorInfo(tensor: "a", reason: "data_offsets holds 18446744073709551616, which is over 2^64 − 1")),
        tensor(
            "a string size", #"{"dtype":"F32","shape":["1"],"data_offsets":[0,4]}"#,
            .invalidTensorInfo(tensor: "a", reason: "shape must hold integers ≥ 0, found a string")),
    ]

    static let sizes: [HostileFile] = [
        tensor(
            "2⁶² float32 elements", #"{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,4]}"#,
            .shapeOverflow(tensor: "a", shape: [1 << 62], dtype: "F32")),
        tensor(
            "2⁶⁴ elements in two sizes", #"{"dtype":"U8","shape":[4294967296,4294967296],"data_offsets":[0,4]}"#,
            .shapeOverflow(tensor: "a", shape: [1 << 32, 1 << 32], dtype: "U8")),
        tensor(
            "2⁶² × 4 elements before a 0 size (the reference multiplies left to right)",
            #"{"dtype":"F64","shape":[4611686018427387904,4,0],"data_offsets":[0,0]}"#, data: [],
            .shapeOverflow(tensor: "a", shape: [1 << 62, 4, 0], dtype: "F64")),
        tensor(
            "a size of 2⁶³, over a Neuron shape's Int",
            #"{"dtype":"F64","shape":[9223372036854775808,0],"data_offsets":[0,0]}"#,
            data: [], .shapeOverflow(tensor: "a", shape: [1 << 63, 0], dtype: "F64")),
        tensor(
            "a size of 2⁶⁴ − 1", #"{"dtype":"U8","shape":[18446744073709551615],"data_offsets":[0,4]}"#,
            .shapeOverflow(tensor: "a", shape: [UInt64.max], dtype: "U8")),
        tensor(
            "2⁶² bytes claimed in a 4-byte file",
            #"{"dtype":"U8","shape":[4611686018427387904],"data_offsets":[0,4611686018427387904]}"#,
            .dataPastEnd(tensor: "a", end: 1 << 62, available: 4)),
        tensor(
            "offsets past the end", #"{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#,
            .dataPastEnd(tensor: "a", end: 8, available: 4)),
        tensor(
            "offsets that end before they begin", #"{"dtype":"F32","shape":[1],"data_offsets":[4,0]}"#,
            .invalidOffsets(tensor: "a", begin: 4, end: 0, expectedBegin: 0)),
        tensor(
            "a hole before the first tensor", #"{"dtype":"F32","shape":[1],"data_offsets":[4,8]}"#,
            data: [0, 0, 0, 0, 0, 0, 0, 0], .invalidOffsets(tensor: "a", begin: 4, end: 8, expectedBegin: 0)),
        HostileFile(
            "overlapping tensors",
            safetensorsBytes(#"{"a":\#(f32),"b":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}"#, [0, 0, 0, 0]),
            .invalidOffsets(tensor: "b", begin: 2, end: 4, expectedBegin: 4)),
        HostileFile(
            "a hole between tensors",
            safetensorsBytes(
                #"{"a":\#(f32),"b":{"dtype":"U8","shape":[2],"data_offsets":[6,8]}}"#, [UInt8](repeating: 0, count: 8)),
            .invalidOffsets(tensor: "b", begin: 6, end: 8, expectedBegin: 4)),
        tensor(
            "a byte count that is not shape × dtype", #"{"dtype":"F32","shape":[2],"data_offsets":[0,4]}"#,
            .byteCountMismatch(tensor: "a", shape: [2], dtype: "F32", expected: 8, found: 4)),
        tensor("a trailing byte", f32, data: [0, 0, 0, 0, 9], .trailingBytes(count: 1)),
        HostileFile("data and no tensors", safetensorsBytes("{}", [1, 2, 3]), .trailingBytes(count: 3)),
        tensor(
            "an I64 beyond 2⁵³", #"{"dtype":"I64","shape":[1],"data_offsets":[0,8]}"#,
            data: withUnsafeBytes(of: (Int64(1) << 53 + 1).littleEndian, Array.init),
            .inexactInteger(tensor: "a", index: 0, value: "9007199254740993")),
        tensor(
            "a BOOL byte of 2", #"{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}"#, data: [1, 2],
            .invalidBool(tensor: "a", index: 1, byte: 2)),
    ]
}

@Suite("SafeTensors: damaged and hostile files are refused with an error naming the file and the problem")
struct SafeTensorsHardeningTests {
    @Test("each broken rule is reported as itself", arguments: HostileFile.all)
    func refused(_ file: HostileFile) {
        #expect(throws: SafeTensorsError(source: "case", problem: file.problem)) {
            try SafeTensors.decode(file.bytes, source: "case")
        }
    }

    @Test("a truncated valid file is refused at every length")
    func truncatedAtEveryLength() {
        let full = SafeTensors.encode(
            [
                "w": Tensor([1, 2, 3, 4] as [Float], shape: [2, 2]),
                "b": Tensor([5] as [Double], shape: [1], dtype: .float64),
            ],
            metadata: ["format": "pt"])
        for length in 0..<full.count {
            #expect(throws: SafeTensorsError.self) { try SafeTensors.decode(full.prefix(length)) }
        }
        #expect((try? SafeTensors.decode(full)) != nil)
    }

    @Test("files that are not safetensors files: a directory, a missing file, a device, a PNG, an empty file")
    func wrongFiles() throws {
        let directory = FileManager.default.temporaryDirectory
        func problem(_ url: URL) -> SafeTensorsError.Problem? {
            do {
                _ = try SafeTensors.load(from: url)
                return nil
            } catch {
                #expect(error.source == url.path)
                #expect(error.description.hasPrefix(url.path + ": "))
                return error.problem
            }
        }
        #expect(problem(directory) == .unreadable(reason: "it is a directory"))
        #expect(problem(scratchURL()) == .unreadable(reason: "no such file"))
        #expect(problem(URL(fileURLWithPath: "/dev/null")) == .unreadable(reason: "not a regular file"))
        let url = scratchURL(".png")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]).write(to: url)
        #expect(problem(url) == .headerTooLarge(length: 0x0A1A_0A0D_474E_5089))
        try Data().write(to: url)
        #expect(problem(url) == .tooShort(byteCount: 0))
    }

    @Test("messages say the file and what is wrong")
    func messages() {
        let error = SafeTensorsError(
            source: "/tmp/m.safetensors", problem: .dataPastEnd(tensor: "0.weight", end: 4096, available: 4000))
        #expect(
            error.description
                == "/tmp/m.safetensors: tensor \"0.weight\": its data runs to byte 4096, past the end of the data section (4000 bytes)"
        )
        let hole = SafeTensorsError.Problem.invalidOffsets(tensor: "b", begin: 6, end: 8, expectedBegin: 4)
        #expect(
            hole.description
                == "tensor \"b\": data_offsets [6, 8] leave a hole of 2 bytes after the previous tensor's data (which ends at 4)"
        )
        #expect(SafeTensorsError.Problem.unknownDType(tensor: "a", dtype: "X").description.contains("F64, I64, U64"))
    }
}
