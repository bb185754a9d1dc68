import Foundation
import Neuron
import Testing

/// A safetensors file made by hand: the 8-byte little-endian length of `header`, the header,
/// then `data`.
func safetensorsBytes(_ header: String, _ data: [UInt8] = []) -> Data {
    let h = Array(header.utf8)
    return Data(withUnsafeBytes(of: UInt64(h.count).littleEndian, Array.init) + h + data)
}

/// The little-endian bytes of float32 values.
func float32Bytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
}

/// A scratch path in the temporary directory, removed by the caller.
func scratchURL(_ suffix: String = ".safetensors") -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("neuron-io-\(UUID().uuidString)\(suffix)")
}

@Suite("SafeTensors: files laid out as the format says, read back bit for bit")
struct SafeTensorsFormatTests {
    @Test("encode writes the length, the compact JSON header padded with spaces to 8 bytes, then the data")
    func encodeLayout() {
        // The reference crate's own serialization example: "attn.0", F32, [1, 2, 3], 0 … 5.
        let t = Tensor([0, 1, 2, 3, 4, 5] as [Float], shape: [1, 2, 3])
        let header = #"{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}"#  // 64 bytes
        #expect(header.utf8.count == 64)
        #expect(SafeTensors.encode(["attn.0": t]) == safetensorsBytes(header, float32Bytes([0, 1, 2, 3, 4, 5])))
        // A 65-byte header gets seven spaces, so the data starts 8-byte aligned.
        let short = #"{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}"#
        #expect(
            SafeTensors.encode(["attn0": t.reshaped([1, 1, 2, 3])])
                == safetensorsBytes(short + "       ", float32Bytes([0, 1, 2, 3, 4, 5])))
    }

    @Test("an empty file is {} padded to 8; metadata comes first, its keys sorted")
    func emptyAndMetadata() {
        #expect(SafeTensors.encode([:]) == safetensorsBytes("{}      "))
        #expect(
            SafeTensors.encode([:], metadata: ["framework": "pt"])
                == safetensorsBytes(#"{"__metadata__":{"framework":"pt"}}"# + "     "))
        let both = SafeTensors.encode([:], metadata: ["b": "2", "a": "1"])
        #expect(both == safetensorsBytes(#"{"__metadata__":{"a":"1","b":"2"}}"# + "      "))
    }

    @Test("tensors are stored F64 first, then by name in UTF-8 byte order, contiguously")
    func writeOrder() throws {
        let tensors: [String: Tensor] = [
            "b": Tensor([1] as [Float], shape: [1]),
            "a": Tensor([2] as [Float], shape: [1]),
            "z": Tensor([3] as [Double], shape: [1], dtype: .float64),
            "é": Tensor([4] as [Float], shape: [1]),
            "Z": Tensor([5] as [Float], shape: [1]),
        ]
        let file = try SafeTensors.decode(SafeTensors.encode(tensors))
        #expect(file.names == ["z", "Z", "a", "b", "é"])
        #expect(file.storedDTypes == ["z": .f64, "Z": .f32, "a": .f32, "b": .f32, "é": .f32])
    }

    @Test(
        "float32 and float64 values survive a round trip bit for bit: NaN payloads, ±0, ±∞, subnormals",
        arguments: [DType.float32, .float64])
    func roundTripBits(dtype: DType) throws {
        let specials: [Double] = [
            0, -0.0, .infinity, -.infinity, .nan, 1, -1.5, .pi, Double.leastNormalMagnitude / 4,
            Double(Float.leastNonzeroMagnitude),
            Double(Float.greatestFiniteMagnitude), 1e300,
        ]
        let tensors: [String: Tensor] = [
            "values": Tensor(specials, shape: [3, 4], dtype: dtype),
            "scalar": Tensor(scalar: -2.5, dtype: dtype),
            "empty": Tensor.zeros([0], dtype: dtype),
            "empty2d": Tensor.zeros([2, 0, 3], dtype: dtype),
        ]
        let file = try SafeTensors.decode(SafeTensors.encode(tensors, metadata: ["k": "v"]))
        #expect(Set(file.tensors.keys) == Set(tensors.keys))
        #expect(file.metadata == ["k": "v"])
        for (name, t) in tensors {
            let back = try #require(file.tensors[name])
            #expect(back.shape == t.shape && back.dtype == dtype, "\(name)")
            if dtype == .float32 {
                #expect(back.asArray(Float.self).map(\.bitPattern) == t.asArray(Float.self).map(\.bitPattern))
            } else {
                #expect(back.asArray(Double.self).map(\.bitPattern) == t.asArray(Double.self).map(\.bitPattern))
            }
        }
        // A NaN with a payload keeps it (float32: the quiet bit and payload 0x1234).
        let payload = Tensor([Float(bitPattern: 0x7FC0_1234)], shape: [1])
        let nan = try #require(SafeTensors.decode(SafeTensors.encode(["n": payload])).tensors["n"])
        #expect(nan.asArray(Float.self)[0].bitPattern == 0x7FC0_1234)
    }

    @Test("names and metadata with Unicode, quotes, backslashes and control characters round-trip")
    func unicodeAndEscapes() throws {
        let names = ["poids.é", "权重", "quote\"back\\slash", "line\nfeed\ttab", "nul\u{0}x\u{1F}", "emoji 🧠", ""]
        let tensors = Dictionary(uniqueKeysWithValues: names.map { ($0, Tensor([1] as [Float], shape: [1])) })
        let metadata = ["note": "a \"quoted\" \\ value\u{1}", "ünï": "çødé 🧠"]
        let bytes = SafeTensors.encode(tensors, metadata: metadata)
        let header = String(decoding: bytes[8..<(8 + Int(bytes[0]) + 256 * Int(bytes[1]))], as: UTF8.self)
        #expect(header.contains(#""nul\u0000x\u001f""#))
        #expect(header.contains(#""line\nfeed\ttab""#))
        #expect(header.contains("\"权重\""))  // non-ASCII is written as UTF-8, not escaped
        let file = try SafeTensors.decode(bytes)
        #expect(Set(file.tensors.keys) == Set(names))
        #expect(file.metadata == metadata)
    }

    @Test("save and load go through a file, replacing it atomically")
    func fileRoundTrip() throws {
        let url = scratchURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let w = Tensor([1, 2, 3, 4] as [Double], shape: [2, 2], dtype: .float64)
        try SafeTensors.save(["w": w], metadata: ["note": "x"], to: url)
        try SafeTensors.save(["w": w, "b": Tensor([5] as [Float], shape: [1])], metadata: ["note": "y"], to: url)
        let file = try SafeTensors.load(from: url)
        #expect(file.metadata == ["note": "y"])
        #expect(file.tensors["w"]?.asArray(Double.self) == [1, 2, 3, 4])
        #expect(file.tensors["b"]?.asArray(Float.self) == [5])
    }

    @Test("F16, BF16, integers and BOOL are read exactly into float32 or float64")
    func readsOtherDTypes() throws {
        func le<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
            values.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
        }
        let f16: [UInt16] = [0x3C00, 0xC000, 0x0001, 0x7BFF, 0x7C00, 0x8000]  // 1, −2, 2⁻²⁴, 65504, ∞, −0
        let bf16: [UInt16] = [0x3F80, 0xC049]  // 1, −3.140625
        let i64: [Int64] = [-5, 1 << 53, -(1 << 53)]
        var data = le(i64)
        var header = #"{"i64":{"dtype":"I64","shape":[3],"data_offsets":[0,24]},"#
        func add(_ name: String, _ dtype: String, _ bytes: [UInt8], _ count: Int) {
            header +=
                #""\#(name)":{"dtype":"\#(dtype)","shape":[\#(count)],"data_offsets":[\#(data.count),\#(data.count + bytes.count)]},"#
            data += bytes
        }
        add("f16", "F16", le(f16), 6)
        add("bf16", "BF16", le(bf16), 2)
        add("i32", "I32", le([Int32.min, 7] as [Int32]), 2)
        add("u32", "U32", le([UInt32.max]), 1)
        add("i16", "I16", le([Int16(-300)]), 1)
        add("u16", "U16", le([UInt16(65535)]), 1)
        add("i8", "I8", [0x80, 0x7F], 2)
        add("u8", "U8", [255, 0], 2)
        add("bool", "BOOL", [1, 0, 1], 3)
        header.removeLast()
        let file = try SafeTensors.decode(safetensorsBytes(header + "}", data))
        func values(_ name: String) -> [Double] { file.tensors[name]?.asArray(Double.self) ?? [] }
        #expect(values("f16") == [1, -2, 0x1p-24, 65504, .infinity, -0.0])
        #expect(values("f16").last?.sign == .minus)
        #expect(values("bf16") == [1, -3.140625])
        #expect(values("i64") == [-5, 0x1p53, -0x1p53])
        #expect(values("i32") == [-2_147_483_648, 7])
        #expect(values("u32") == [4_294_967_295])
        #expect(values("i16") == [-300])
        #expect(values("u16") == [65535])
        #expect(values("i8") == [-128, 127])
        #expect(values("u8") == [255, 0])
        #expect(values("bool") == [1, 0, 1])
        #expect(file.tensors["f16"]?.dtype == .float32 && file.tensors["bf16"]?.dtype == .float32)
        #expect(file.tensors["i64"]?.dtype == .float64 && file.tensors["bool"]?.dtype == .float64)
    }

    #if !(os(macOS) && arch(x86_64))
        @Test("every one of the 65,536 half-precision values converts as Float16 converts it")
        func halfConversionIsExact() throws {
            let all = (0...UInt16.max).map { $0 }
            let bytes = all.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
            let header = #"{"h":{"dtype":"F16","shape":[65536],"data_offsets":[0,131072]}}"#
            let got = try #require(SafeTensors.decode(safetensorsBytes(header, bytes)).tensors["h"]).asArray(Float.self)
            for (bits, value) in zip(all, got) {
                let expected = Float(Float16(bitPattern: bits))
                #expect(
                    value.bitPattern == expected.bitPattern || (value.isNaN && expected.isNaN),
                    "0x\(String(bits, radix: 16)): \(value) vs \(expected)")
            }
        }
    #endif

    @Test("the reader accepts what the reference accepts: whitespace, unknown fields, null metadata, empty tensors")
    func acceptsWhatTheReferenceAccepts() throws {
        let one = float32Bytes([1.5])
        let f32 = #"{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#
        let cases: [(String, [UInt8])] = [
            (#"  {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, one),  // space before, length not ≡ 0 mod 8
            (#"{"a":{"data_offsets":[0,4],"shape":[1],"dtype":"F32","extra":{"x":[1,{"y":null}]}}}"#, one),
            (#"{"__metadata__":null,"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, one),
            (
                #"{"z":{"dtype":"F32","shape":[0,5],"data_offsets":[0,0]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
                one
            ),
            (
                #"{"z":{"dtype":"F64","shape":[4611686018427387904,2,0],"data_offsets":[0,0]},"a":\#(f32)}"#, one
            ),  // 2⁶³ elements times 0
            (#"{"\u0061":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, one),  // an escaped "a"
            ("{\n\t\"a\" : { \"dtype\" : \"F32\" , \"shape\" : [ 1 ] , \"data_offsets\" : [ 0 , 4 ] }\r\n}", one),
        ]
        for (header, data) in cases {
            let file = try SafeTensors.decode(safetensorsBytes(header, data))
            #expect(file.tensors["a"]?.asArray(Float.self) == [1.5], "\(header)")
        }
    }

    @Test("NaN and infinities are data, not errors")
    func nanIsData() throws {
        let header = #"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}"#
        let file = try SafeTensors.decode(safetensorsBytes(header, float32Bytes([.nan, .infinity, -.infinity])))
        let x = try #require(file.tensors["x"]).asArray(Float.self)
        #expect(x[0].isNaN && x[1] == .infinity && x[2] == -.infinity)
    }
}
