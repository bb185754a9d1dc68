/// The element type of a tensor, chosen at run time.
///
/// `float32` is the default and the fast path; `float64` exists for gradient checking and
/// statistics, where the extra precision matters.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    /// 32-bit IEEE 754 floating point (`Float`).
    case float32
    /// 64-bit IEEE 754 floating point (`Double`).
    case float64

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .float32: 4
        case .float64: 8
        }
    }

    /// The name PyTorch prints for this type, e.g. `float32`.
    public var description: String { rawValue }
}
