import Foundation

/// The element types the kernels are written for: `Float` and `Double`.
///
/// Kernels are generic over this protocol and specialised by the compiler for
/// each concrete type; the transcendental functions route to the C library's
/// typed versions (`expf` for `Float`, `exp` for `Double`).
protocol KernelScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
    /// The widest SIMD vector of this type the build targets (see `SIMDWidth.swift`).
    associatedtype Vector: SIMD where Vector.Scalar == Self, Vector: Sendable
    /// eˣ.
    static func exponential(_ x: Self) -> Self
    /// Natural logarithm ln x.
    static func logarithm(_ x: Self) -> Self
    /// ln(1 + x), accurate for small x.
    static func logarithmOnePlus(_ x: Self) -> Self
    /// Hyperbolic tangent.
    static func hyperbolicTangent(_ x: Self) -> Self
    /// xʸ.
    static func power(_ x: Self, _ y: Self) -> Self
}

extension Float: KernelScalar {
    typealias Vector = FloatVector
    /// eˣ in single precision.
    static func exponential(_ x: Float) -> Float { Foundation.exp(x) }
    /// ln x in single precision.
    static func logarithm(_ x: Float) -> Float { Foundation.log(x) }
    /// ln(1 + x) in single precision.
    static func logarithmOnePlus(_ x: Float) -> Float { Foundation.log1p(x) }
    /// tanh x in single precision.
    static func hyperbolicTangent(_ x: Float) -> Float { Foundation.tanh(x) }
    /// xʸ in single precision.
    static func power(_ x: Float, _ y: Float) -> Float { Foundation.pow(x, y) }
}

extension Double: KernelScalar {
    typealias Vector = DoubleVector
    /// eˣ in double precision.
    static func exponential(_ x: Double) -> Double { Foundation.exp(x) }
    /// ln x in double precision.
    static func logarithm(_ x: Double) -> Double { Foundation.log(x) }
    /// ln(1 + x) in double precision.
    static func logarithmOnePlus(_ x: Double) -> Double { Foundation.log1p(x) }
    /// tanh x in double precision.
    static func hyperbolicTangent(_ x: Double) -> Double { Foundation.tanh(x) }
    /// xʸ in double precision.
    static func power(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}
