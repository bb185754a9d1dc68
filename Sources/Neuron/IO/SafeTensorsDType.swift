/// An element type of the safetensors format, with the name the header gives it.
///
/// Neuron writes `F32` and `F64`, and reads every type except the 4-, 6- and 8-bit floats and
/// `C64`. Each readable type becomes a Neuron dtype that holds every value exactly:
///
/// | file | Neuron |
/// | --- | --- |
/// | `F64` | `float64` |
/// | `F32`, `F16`, `BF16` | `float32` |
/// | `I64`, `U64`, `I32`, `U32`, `I16`, `U16`, `I8`, `U8`, `BOOL` | `float64` (booleans as 0 and 1) |
///
/// An `I64` or `U64` value beyond ±2⁵³ and a `BOOL` byte other than 0 or 1 are refused
/// instead of rounded or guessed.
public enum SafeTensorsDType: String, CaseIterable, Sendable {
    // In the reference implementation's order, which is increasing alignment: a writer stores
    // tensors of later types first.
    /// Boolean, one byte.
    case bool = "BOOL"
    /// 4-bit float (not read).
    case f4 = "F4"
    /// 6-bit float E2M3 (not read).
    case f6E2M3 = "F6_E2M3"
    /// 6-bit float E3M2 (not read).
    case f6E3M2 = "F6_E3M2"
    /// Unsigned byte.
    case u8 = "U8"
    /// Signed byte.
    case i8 = "I8"
    /// 8-bit float E5M2 (not read).
    case f8E5M2 = "F8_E5M2"
    /// 8-bit float E4M3 (not read).
    case f8E4M3 = "F8_E4M3"
    /// 8-bit float E8M0 (not read).
    case f8E8M0 = "F8_E8M0"
    /// 8-bit float E4M3 FNUZ (not read).
    case f8E4M3FNUZ = "F8_E4M3FNUZ"
    /// 8-bit float E5M2 FNUZ (not read).
    case f8E5M2FNUZ = "F8_E5M2FNUZ"
    /// Signed 16-bit integer.
    case i16 = "I16"
    /// Unsigned 16-bit integer.
    case u16 = "U16"
    /// IEEE half precision.
    case f16 = "F16"
    /// bfloat16: the top half of a float32.
    case bf16 = "BF16"
    /// Signed 32-bit integer.
    case i32 = "I32"
    /// Unsigned 32-bit integer.
    case u32 = "U32"
    /// IEEE single precision.
    case f32 = "F32"
    /// Complex of two float32 (not read).
    case c64 = "C64"
    /// IEEE double precision.
    case f64 = "F64"
    /// Signed 64-bit integer.
    case i64 = "I64"
    /// Unsigned 64-bit integer.
    case u64 = "U64"

    /// Bytes per element of a readable type; nil for the types Neuron does not read.
    public var byteSize: Int? {
        switch self {
        case .bool, .u8, .i8: 1
        case .i16, .u16, .f16, .bf16: 2
        case .i32, .u32, .f32: 4
        case .f64, .i64, .u64: 8
        default: nil
        }
    }

    /// Whether Neuron reads this type.
    public var isReadable: Bool { byteSize != nil }

    /// The Neuron dtype a tensor of this type is read into (see the table above); nil when not read.
    public var neuronDType: DType? {
        switch self {
        case .f32, .f16, .bf16: .float32
        case .f64, .i64, .u64, .i32, .u32, .i16, .u16, .i8, .u8, .bool: .float64
        default: nil
        }
    }

    /// The type Neuron writes for a dtype.
    ///
    /// - Parameter dtype: A Neuron dtype.
    public init(_ dtype: DType) {
        self = dtype == .float32 ? .f32 : .f64
    }

    /// The element bytes of a tensor of this type as a Neuron tensor (see the table above).
    ///
    /// - Precondition: The type is readable and `bytes.count` is `shape`'s count times `byteSize`.
    func tensor(from bytes: UnsafeRawBufferPointer, shape: [Int], name: String) throws(SafeTensorsError.Problem)
        -> Tensor
    {
        let n = bytes.count / byteSize!
        func values<T>(_ read: (Int) -> T) -> [T] {
            [T](unsafeUninitializedCapacity: n) { buffer, count in
                for i in 0..<n { (buffer.baseAddress! + i).initialize(to: read(i)) }
                count = n
            }
        }
        func load<I: FixedWidthInteger>(_ i: Int, _: I.Type) -> I {
            I(littleEndian: bytes.loadUnaligned(fromByteOffset: i * MemoryLayout<I>.size, as: I.self))
        }
        func float64(_ read: (Int) -> Double) -> Tensor { Tensor(values(read), shape: shape, dtype: .float64) }
        switch self {
        case .f32: return Tensor(values { Float(bitPattern: load($0, UInt32.self)) }, shape: shape)
        case .f16: return Tensor(values { Self.float(half: load($0, UInt16.self)) }, shape: shape)
        case .bf16: return Tensor(values { Float(bitPattern: UInt32(load($0, UInt16.self)) << 16) }, shape: shape)
        case .f64: return float64 { Double(bitPattern: load($0, UInt64.self)) }
        case .i32: return float64 { Double(load($0, Int32.self)) }
        case .u32: return float64 { Double(load($0, UInt32.self)) }
        case .i16: return float64 { Double(load($0, Int16.self)) }
        case .u16: return float64 { Double(load($0, UInt16.self)) }
        case .i8: return float64 { Double(load($0, Int8.self)) }
        case .u8: return float64 { Double(load($0, UInt8.self)) }
        case .bool:
            if let i = (0..<n).first(where: { bytes[$0] > 1 }) {
                throw .invalidBool(tensor: name, index: i, byte: bytes[i])
            }
            return float64 { Double(bytes[$0]) }
        case .i64:
            if let i = (0..<n).first(where: { load($0, Int64.self).magnitude > 1 << 53 }) {
                throw .inexactInteger(tensor: name, index: i, value: "\(load(i, Int64.self))")
            }
            return float64 { Double(load($0, Int64.self)) }
        case .u64:
            if let i = (0..<n).first(where: { load($0, UInt64.self) > 1 << 53 }) {
                throw .inexactInteger(tensor: name, index: i, value: "\(load(i, UInt64.self))")
            }
            return float64 { Double(load($0, UInt64.self)) }
        default: preconditionFailure("SafeTensorsDType.tensor: \(rawValue) is not readable")
        }
    }

    /// An IEEE half-precision value, exactly, as a Float (subnormals, infinities and NaN
    /// payloads included).
    static func float(half bits: UInt16) -> Float {
        let sign: UInt32 = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            let magnitude = Float(mantissa) * 0x1p-24  // zero or subnormal: m · 2⁻²⁴
            return sign == 0 ? magnitude : -magnitude
        case 0x1F: return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        default: return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
        }
    }
}
