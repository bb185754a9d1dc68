/// Element-by-element maps of one buffer into another.
enum UnaryKernel {
    case negate, exp, log, log1p, sqrt, abs, square, reciprocal
    case sigmoid, tanh, relu
    /// ln(1 + eˣ) as max(x, 0) + ln(1 + e^−|x|).
    case softplus
    /// 0 where x ≤ 0, else 1 (the derivative of relu; 1 at NaN, as PyTorch's threshold rule).
    case step
    /// −1, 0 or 1 by the sign of x (the derivative of |x|).
    case sign
    /// xᵖ.
    case power(Double)
    /// x + s.
    case addScalar(Double)
    /// x · s.
    case multiplyScalar(Double)
    /// s − x.
    case subtractFromScalar(Double)
    /// min(max(x, lo), hi).
    case clamp(Double, Double)
    /// 1 where lo ≤ x ≤ hi, else 0 (the derivative of clamp).
    case insideMask(Double, Double)
    /// x where x is finite, else 0 (the shift used by log-sum-exp).
    case finiteOrZero
}

/// Combinations of two buffers, element by element.
enum BinaryKernel {
    case add, subtract, multiply, divide
}

/// Raw loops over buffers. Nothing here knows about tensors or autograd.
enum Kernels {}

extension Kernels {
    /// y[i] = op(x[i]) for i in 0..<n. `x` and `y` may be the same buffer.
    static func unary<T: KernelScalar>(
        _ op: UnaryKernel, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int
    ) {
        if T.self == Float.self,
            unaryVectorised(
                op, UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self), n)
        {
            return
        }
        switch op {
        case .negate: for i in 0..<n { y[i] = -x[i] }
        case .exp: for i in 0..<n { y[i] = T.exponential(x[i]) }
        case .log: for i in 0..<n { y[i] = T.logarithm(x[i]) }
        case .log1p: for i in 0..<n { y[i] = T.logarithmOnePlus(x[i]) }
        case .sqrt: for i in 0..<n { y[i] = x[i].squareRoot() }
        case .abs: for i in 0..<n { y[i] = Swift.abs(x[i]) }
        case .square: for i in 0..<n { y[i] = x[i] * x[i] }
        case .reciprocal: for i in 0..<n { y[i] = 1 / x[i] }
        case .sigmoid: for i in 0..<n { y[i] = sigmoid(x[i]) }
        case .tanh: for i in 0..<n { y[i] = T.hyperbolicTangent(x[i]) }
        case .softplus: for i in 0..<n { y[i] = softplus(x[i]) }
        case .relu: for i in 0..<n { y[i] = x[i] <= 0 ? 0 : x[i] }  // NaN stays NaN
        case .step: for i in 0..<n { y[i] = x[i] <= 0 ? 0 : 1 }  // NaN passes the gradient, as PyTorch
        case .sign: for i in 0..<n { y[i] = x[i] > 0 ? 1 : (x[i] < 0 ? -1 : 0) }
        case .power(let p): power(T(p), x, y, n)
        case .addScalar(let s):
            let s = T(s)
            for i in 0..<n { y[i] = x[i] + s }
        case .multiplyScalar(let s):
            let s = T(s)
            for i in 0..<n { y[i] = x[i] * s }
        case .subtractFromScalar(let s):
            let s = T(s)
            for i in 0..<n { y[i] = s - x[i] }
        case .clamp(let lo, let hi):
            let (lo, hi) = (T(lo), T(hi))
            for i in 0..<n { y[i] = x[i].isNaN ? x[i] : Swift.min(Swift.max(x[i], lo), hi) }
        case .insideMask(let lo, let hi):
            let (lo, hi) = (T(lo), T(hi))
            for i in 0..<n { y[i] = x[i] >= lo && x[i] <= hi ? 1 : 0 }
        case .finiteOrZero: for i in 0..<n { y[i] = x[i].isFinite ? x[i] : 0 }
        }
    }

    /// The float32 maps that have a vectorised form (exp, log, sigmoid); false for the others.
    private static func unaryVectorised(
        _ op: UnaryKernel, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int
    ) -> Bool {
        switch op {
        case .exp: VectorMath.map(x, y, n, VectorMath.exp)
        case .log: VectorMath.map(x, y, n, VectorMath.log)
        case .sigmoid:
            VectorMath.map(x, y, n) { v in
                // e^−|x| never overflows; for x < 0, σ(x) = e^x / (1 + e^x) keeps tiny values.
                let e = VectorMath.exp(v.replacing(with: -v, where: v .> 0))
                return (1 / (1 + e)).replacing(with: e / (1 + e), where: v .< 0)
            }
        default: return false
        }
        return true
    }

    /// The logistic function without overflow: for x < 0 it is computed as eˣ / (1 + eˣ).
    @inline(__always)
    static func sigmoid<T: KernelScalar>(_ x: T) -> T {
        if x >= 0 { return 1 / (1 + T.exponential(-x)) }
        let e = T.exponential(x)
        return e / (1 + e)
    }

    /// ln(1 + eˣ) without overflow: max(x, 0) + ln(1 + e^−|x|).
    @inline(__always)
    static func softplus<T: KernelScalar>(_ x: T) -> T {
        Swift.max(x, 0) + T.logarithmOnePlus(T.exponential(-Swift.abs(x)))
    }

    /// xᵖ with the common small exponents done by multiplication.
    private static func power<T: KernelScalar>(
        _ p: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int
    ) {
        switch p {
        case 0: for i in 0..<n { y[i] = 1 }
        case 1: for i in 0..<n { y[i] = x[i] }
        case 2: for i in 0..<n { y[i] = x[i] * x[i] }
        case 3: for i in 0..<n { y[i] = x[i] * x[i] * x[i] }
        case -1: for i in 0..<n { y[i] = 1 / x[i] }
        case 0.5: for i in 0..<n { y[i] = x[i].squareRoot() }
        default: for i in 0..<n { y[i] = T.power(x[i], p) }
        }
    }

    /// out[i] = a[i·sa] op b[i·sb] for i in 0..<n, with fast loops for unit and zero strides.
    @inline(__always)
    static func binaryRun<T: KernelScalar>(
        _ op: BinaryKernel, _ a: UnsafePointer<T>, _ sa: Int, _ b: UnsafePointer<T>, _ sb: Int,
        _ out: UnsafeMutablePointer<T>, _ n: Int
    ) {
        switch (sa, sb) {
        case (1, 1):
            switch op {
            case .add: for i in 0..<n { out[i] = a[i] + b[i] }
            case .subtract: for i in 0..<n { out[i] = a[i] - b[i] }
            case .multiply: for i in 0..<n { out[i] = a[i] * b[i] }
            case .divide: for i in 0..<n { out[i] = a[i] / b[i] }
            }
        case (1, 0):
            let s = b[0]
            switch op {
            case .add: for i in 0..<n { out[i] = a[i] + s }
            case .subtract: for i in 0..<n { out[i] = a[i] - s }
            case .multiply: for i in 0..<n { out[i] = a[i] * s }
            case .divide: for i in 0..<n { out[i] = a[i] / s }
            }
        case (0, 1):
            let s = a[0]
            switch op {
            case .add: for i in 0..<n { out[i] = s + b[i] }
            case .subtract: for i in 0..<n { out[i] = s - b[i] }
            case .multiply: for i in 0..<n { out[i] = s * b[i] }
            case .divide: for i in 0..<n { out[i] = s / b[i] }
            }
        default:
            for i in 0..<n {
                let (x, y) = (a[i &* sa], b[i &* sb])
                switch op {
                case .add: out[i] = x + y
                case .subtract: out[i] = x - y
                case .multiply: out[i] = x * y
                case .divide: out[i] = x / y
                }
            }
        }
    }

    /// out = a op b, where `a` and `b` are read through strides over the output `shape`
    /// (a zero stride repeats an element: that is broadcasting). `out` is contiguous.
    static func binary<T: KernelScalar>(
        _ op: BinaryKernel,
        _ a: UnsafePointer<T>, _ aStrides: [Int],
        _ b: UnsafePointer<T>, _ bStrides: [Int],
        _ out: UnsafeMutablePointer<T>, shape: [Int]
    ) {
        forEachRun(shape: shape, aStrides, bStrides) { ia, sa, ib, sb, io, n in
            binaryRun(op, a + ia, sa, b + ib, sb, out + io, n)
        }
    }

    /// out = x read through `strides` over `shape`, written contiguously (materialises a broadcast).
    static func stridedCopy<T: KernelScalar>(
        _ x: UnsafePointer<T>, _ strides: [Int], _ out: UnsafeMutablePointer<T>, shape: [Int]
    ) {
        forEachRun(shape: shape, strides, strides) { ix, sx, _, _, io, n in
            if sx == 1 {
                (out + io).update(from: x + ix, count: n)
            } else {
                for i in 0..<n { out[io &+ i] = x[ix &+ i &* sx] }
            }
        }
    }
}
