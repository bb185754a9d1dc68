// Binary cross-entropy on logits and its gradient for float32, eight lanes at a time: the two
// loops that logistic regression spends most of its non-GEMM time in. The formulas are the
// scalar kernels' (Losses.swift, BackwardKernels.swift), with `VectorMath`'s exp and log.

extension VectorMath {
    /// ln(1 + x) for eight floats in [0, 1], accurate for tiny x: Kahan's ln(u)·x / (u − 1)
    /// with u = 1 + x rounded (x itself where u rounds to 1).
    @inline(__always)
    static func log1p(_ x: Float8) -> Float8 {
        let u = x + Float8(repeating: 1)
        let ratio = x / (u - Float8(repeating: 1))
        return (log(u) * ratio).replacing(with: x, where: u .== 1)
    }

    /// out[i] = f(a[i], b[i], c[i]) for i in 0..<n, eight at a time; the tail goes through
    /// vectors padded with zeros.
    @inline(__always)
    static func map(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>?,
        _ out: UnsafeMutablePointer<Float>, _ n: Int, _ f: (Float8, Float8, Float8) -> Float8
    ) {
        func load(_ p: UnsafePointer<Float>?, _ i: Int, _ count: Int) -> Float8 {
            guard let p else { return Float8() }
            if count == 8 { return UnsafeRawPointer(p + i).loadUnaligned(as: Float8.self) }
            var v = Float8()
            for j in 0..<count { v[j] = p[i + j] }
            return v
        }
        var i = 0
        while i < n {
            let count = Swift.min(8, n - i)
            let r = f(load(a, i, count), load(b, i, count), load(c, i, count))
            if count == 8 {
                UnsafeMutableRawPointer(out + i).storeBytes(of: r, as: Float8.self)
            } else {
                for j in 0..<count { out[i + j] = r[j] }
            }
            i += 8
        }
    }
}

extension Kernels {
    /// out[i] = y·softplus(−x) + (1 − y)·softplus(x), x = logits, y = targets, with one
    /// exponential and one logarithm per element; a term whose weight is 0 is left out (so
    /// x = ±∞ gives 0, not 0·∞).
    static func binaryCrossEntropyWithLogitsVectorised(
        _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        VectorMath.map(x, y, nil, out, n) { x, y, _ in
            let zero = Float8()
            let shared = VectorMath.log1p(VectorMath.exp(x.replacing(with: -x, where: x .> 0)))
            let negative = Float8(repeating: 1) - y
            let positiveTerm = (y * (zero.replacing(with: -x, where: x .< 0) + shared)).replacing(with: 0, where: y .== 0)
            let negativeTerm = (negative * (zero.replacing(with: x, where: x .> 0) + shared))
                .replacing(with: 0, where: negative .== 0)
            return positiveTerm + negativeTerm
        }
    }

    /// out[i] = g[i]·((1 − y)·σ(x) − y·σ(−x)): the gradient of `binaryCrossEntropyWithLogits`
    /// with respect to the logit, one exponential per element.
    static func binaryCrossEntropyWithLogitsBackwardVectorised(
        _ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
        _ out: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        VectorMath.map(g, x, y, out, n) { g, x, y in
            let e = VectorMath.exp(x.replacing(with: -x, where: x .> 0))
            let one = Float8(repeating: 1)
            let large = one / (one + e)
            let small = e / (one + e)
            let nonNegative = x .>= 0
            let up = small.replacing(with: large, where: nonNegative)
            let down = large.replacing(with: small, where: nonNegative)
            return g * ((one - y) * up - y * down)
        }
    }
}
