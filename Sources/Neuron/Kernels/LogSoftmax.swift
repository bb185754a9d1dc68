import Foundation

extension Kernels {
    /// y[o, i, j] = x[o, i, j] − log Σₖ exp(x[o, k, j]) for x viewed as [outer, n, inner]: the
    /// maximum m of each line is subtracted first and the sum of exp(x − m) is kept in double
    /// precision (for a contiguous float32 line the exponentials are `VectorMath.exp`'s, eight
    /// at a time). A line whose maximum is +∞ gives −log k at its k infinite entries and −∞
    /// elsewhere (the limit, where x − m would be ∞ − ∞); a line with a NaN, or of −∞ only,
    /// gives NaN, as PyTorch.
    static func logSoftmax<T: KernelScalar>(
        _ x: UnsafePointer<T>, outer: Int, n: Int, inner: Int, _ y: UnsafeMutablePointer<T>
    ) {
        for o in 0..<outer {
            for j in 0..<inner {
                let base = o * n * inner + j
                var m = -T.infinity
                var sawNaN = false
                for i in 0..<n {
                    let v = x[base + i * inner]
                    if v.isNaN { sawNaN = true } else if v > m { m = v }
                }
                if sawNaN || m == -.infinity {
                    for i in 0..<n { y[base + i * inner] = .nan }
                } else if m == .infinity {
                    var infinite = 0
                    for i in 0..<n where x[base + i * inner] == .infinity { infinite += 1 }
                    let share = T(-Foundation.log(Double(infinite)))
                    for i in 0..<n { y[base + i * inner] = x[base + i * inner] == .infinity ? share : -.infinity }
                } else {
                    var total: Double = 0
                    if T.self == Float.self && inner == 1 {
                        total = shiftedExponentialSum(
                            UnsafeRawPointer(x + base).assumingMemoryBound(to: Float.self), n, minus: Float(m),
                            scratch: UnsafeMutableRawPointer(y + base).assumingMemoryBound(to: Float.self))
                    } else {
                        for i in 0..<n { total += Double(T.exponential(x[base + i * inner] - m)) }
                    }
                    let logTotal = T(Foundation.log(total))
                    for i in 0..<n { y[base + i * inner] = (x[base + i * inner] - m) - logTotal }
                }
            }
        }
    }
}

extension Kernels {
    /// loss[r] = −w[r]·logP[r, labels[r]] for logP [rows, classes] (w = 1 when nil): the
    /// forward half of softmax–cross-entropy, a gather, never a product with a one-hot mask
    /// (the other entries may be −∞).
    static func negatedGather<T: KernelScalar>(
        _ logP: UnsafePointer<T>, labels: [Int], weights: [Double]?, classes: Int, _ loss: UnsafeMutablePointer<T>
    ) {
        for (r, label) in labels.enumerated() {
            loss[r] = -logP[r * classes + label] * T(weights?[r] ?? 1)
        }
    }

    /// dx[r, c] = g[r]·w[r]·(exp(logP[r, c]) − [c = labels[r]]): the gradient of
    /// softmax–cross-entropy, softmax minus one-hot, in one pass (w = 1 when nil); in float32 the
    /// exponentials are `VectorMath.exp`'s, eight at a time.
    static func softmaxCrossEntropyBackward<T: KernelScalar>(
        _ logP: UnsafePointer<T>, labels: [Int], weights: [Double]?, _ g: UnsafePointer<T>, classes: Int,
        _ dx: UnsafeMutablePointer<T>
    ) {
        unary(.exp, logP, dx, labels.count * classes)
        for (r, label) in labels.enumerated() {
            let scale = g[r] * T(weights?[r] ?? 1)
            let row = r * classes
            for c in 0..<classes { dx[row + c] *= scale }
            dx[row + label] -= scale
        }
    }

    /// Σᵢ exp(x[i] − m) in double precision for a contiguous float32 line, the exponentials
    /// eight at a time (`VectorMath.exp`); `scratch` (n floats) receives them.
    private static func shiftedExponentialSum(
        _ x: UnsafePointer<Float>, _ n: Int, minus m: Float, scratch: UnsafeMutablePointer<Float>
    ) -> Double {
        let shift = Float8(repeating: m)
        VectorMath.map(x, scratch, n) { VectorMath.exp($0 - shift) }
        var total: Double = 0
        for i in 0..<n { total += Double(scratch[i]) }
        return total
    }
}
