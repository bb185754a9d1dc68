/// A safetensors file or buffer that cannot be read: where it came from and what is wrong.
///
/// ```swift
/// do { _ = try SafeTensors.load(from: url) } catch { print(error) }
/// // /tmp/model.safetensors: tensor "0.weight": its data runs to byte 4096, past the end of the
/// // data section (4000 bytes)
/// ```
public struct SafeTensorsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file's path, or the `source` name given to ``SafeTensors/decode(_:source:)``.
    public let source: String
    /// What is wrong.
    public let problem: Problem

    /// An error about `source`.
    ///
    /// - Parameters:
    ///   - source: The file's path or the buffer's name.
    ///   - problem: What is wrong.
    public init(source: String, problem: Problem) {
        self.source = source
        self.problem = problem
    }

    /// The source, a colon and the problem in a sentence.
    public var description: String { "\(source): \(problem)" }

    /// One thing wrong with a safetensors file, in the order the reader checks them.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The file cannot be read; `reason` says why (no such file, a directory, …).
        case unreadable(reason: String)
        /// The file cannot be written; `reason` says why.
        case unwritable(reason: String)
        /// Fewer than the 8 bytes of the header length.
        case tooShort(byteCount: Int)
        /// The header length is over the limit of 100,000,000 bytes (the reference reader's).
        case headerTooLarge(length: UInt64)
        /// The header length runs past the end of the file.
        case headerPastEnd(length: UInt64, available: Int)
        /// The header is not valid UTF-8; `offset` is the bad byte's position in the header.
        case headerNotUTF8(offset: Int)
        /// The header is not valid JSON, or not an object; line and 1-based byte column in the header.
        case invalidJSON(line: Int, column: Int, reason: String)
        /// A tensor name (or a metadata key) appears twice.
        case duplicateKey(String)
        /// `__metadata__` is not an object of strings.
        case invalidMetadata(reason: String)
        /// A tensor's entry is not `{"dtype": …, "shape": […], "data_offsets": [begin, end]}`.
        case invalidTensorInfo(tensor: String, reason: String)
        /// A dtype the format does not define.
        case unknownDType(tensor: String, dtype: String)
        /// A dtype the format defines that Neuron does not read (FP8, FP4, FP6, C64).
        case unsupportedDType(tensor: String, dtype: String)
        /// A shape's element count overflows 64 bits (multiplied left to right, as the reference
        /// does), or a size or the byte count is over 2⁶³ − 1, the most a Neuron shape holds.
        case shapeOverflow(tensor: String, shape: [UInt64], dtype: String)
        /// A tensor's data does not start where the previous one's ends (a hole or an overlap),
        /// or ends before it starts. Tensors are taken in order of their data offsets.
        case invalidOffsets(tensor: String, begin: UInt64, end: UInt64, expectedBegin: UInt64)
        /// A tensor's byte count is not its element count times its dtype's size.
        case byteCountMismatch(tensor: String, shape: [UInt64], dtype: String, expected: Int, found: UInt64)
        /// A tensor's data runs past the end of the file.
        case dataPastEnd(tensor: String, end: UInt64, available: Int)
        /// Bytes after the last tensor's data.
        case trailingBytes(count: Int)
        /// An I64 or U64 value beyond ±2⁵³, which a float64 cannot hold exactly.
        case inexactInteger(tensor: String, index: Int, value: String)
        /// A BOOL byte that is neither 0 nor 1.
        case invalidBool(tensor: String, index: Int, byte: UInt8)

        /// The problem in a sentence.
        public var description: String {
            switch self {
            case .unreadable(let reason): "cannot be read: \(reason)"
            case .unwritable(let reason): "cannot be written: \(reason)"
            case .tooShort(let count):
                "\(count) bytes is too short for a safetensors file, which starts with an 8-byte header length"
            case .headerTooLarge(let length):
                "the header length is \(length) bytes, over the limit of 100000000 (not a safetensors file?)"
            case .headerPastEnd(let length, let available):
                "the header length is \(length) bytes, but only \(available) bytes follow the length field"
            case .headerNotUTF8(let offset): "the header is not valid UTF-8 (at byte \(offset) of the header)"
            case .invalidJSON(let line, let column, let reason):
                "the header is not valid JSON at line \(line), column \(column): \(reason)"
            case .duplicateKey(let key):
                "the key \"\(key)\" appears twice in the header (or two keys are the same Unicode text)"
            case .invalidMetadata(let reason): "__metadata__ \(reason)"
            case .invalidTensorInfo(let tensor, let reason): "tensor \"\(tensor)\": \(reason)"
            case .unknownDType(let tensor, let dtype):
                "tensor \"\(tensor)\": unknown dtype \"\(dtype)\"; the format defines "
                    + SafeTensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
            case .unsupportedDType(let tensor, let dtype):
                "tensor \"\(tensor)\": dtype \(dtype) is not supported by Neuron, which reads "
                    + SafeTensorsDType.allCases.filter(\.isReadable).map(\.rawValue).joined(separator: ", ")
            case .shapeOverflow(let tensor, let shape, let dtype):
                "tensor \"\(tensor)\": shape \(shape) of \(dtype) holds more bytes than a 64-bit size can count"
            case .invalidOffsets(let tensor, let begin, let end, let expected):
                "tensor \"\(tensor)\": data_offsets [\(begin), \(end)] "
                    + (end < begin
                        ? "end before they begin"
                        : begin > expected
                            ? "leave a hole of \(begin - expected) bytes after the previous tensor's data (which ends at \(expected))"
                            : "overlap the previous tensor's data (which ends at \(expected))")
            case .byteCountMismatch(let tensor, let shape, let dtype, let expected, let found):
                "tensor \"\(tensor)\": shape \(shape) of \(dtype) needs \(expected) bytes, its data_offsets span \(found)"
            case .dataPastEnd(let tensor, let end, let available):
                "tensor \"\(tensor)\": its data runs to byte \(end), past the end of the data section (\(available) bytes)"
            case .trailingBytes(let count):
                "\(count) bytes after the last tensor's data (the file is not fully covered)"
            case .inexactInteger(let tensor, let index, let value):
                "tensor \"\(tensor)\": element \(index) is \(value), beyond ±2^53, which float64 cannot hold exactly"
            case .invalidBool(let tensor, let index, let byte):
                "tensor \"\(tensor)\": element \(index) of a BOOL tensor is the byte \(byte), not 0 or 1"
            }
        }
    }
}
