/// Fused vector-Jacobian products: one pass instead of the two to four elementwise ops the
/// composed rule takes. The ops use them when the backward pass is not being recorded; with
/// `createGraph` they use the composed, differentiable form instead.
enum BackwardKernel {
    /// g·y·(1 − y), y = σ(x).
    case sigmoid
    /// g·(1 − y²), y = tanh x.
    case tanh
    /// 0 where x ≤ 0, else g (so a NaN input passes its gradient on, as in PyTorch).
    case relu
    /// g·(p − y) / max(p(1 − p), ε), ε = `Kernels.bceEpsilon`: binary cross-entropy with
    /// respect to p.
    case binaryCrossEntropy
    /// g·((1 − y)·σ(x) − y·σ(−x)) = g·(σ(x) − y), kept accurate where σ(x) rounds to 1:
    /// binary cross-entropy on logits with respect to the logit x.
    case binaryCrossEntropyWithLogits
}

extension Kernels {
    /// The floor of p(1 − p) in the gradient of binary cross-entropy: PyTorch's `EPSILON`, the
    /// float32 value nearest 10⁻¹² (9.99999996e-13), used as it is in float64 too.
    static let bceEpsilon = Double(Float(1e-12))

    /// out[i] = the VJP `op` of g[i] with the saved values a[i] (and b[i]).
    static func backward<T: KernelScalar>(
        _ op: BackwardKernel, _ g: UnsafePointer<T>, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>?,
        _ out: UnsafeMutablePointer<T>, _ n: Int
    ) {
        switch op {
        case .sigmoid: for i in 0..<n { out[i] = g[i] * a[i] * (1 - a[i]) }
        case .tanh: for i in 0..<n { out[i] = g[i] * (1 - a[i] * a[i]) }
        case .relu: for i in 0..<n { out[i] = a[i] <= 0 ? 0 : g[i] }
        case .binaryCrossEntropy:
            let y = b!
            let epsilon = T(bceEpsilon)
            for i in 0..<n { out[i] = g[i] * (a[i] - y[i]) / Swift.max(a[i] * (1 - a[i]), epsilon) }
        case .binaryCrossEntropyWithLogits:
            let y = b!
            if T.self == Float.self {
                binaryCrossEntropyWithLogitsBackwardVectorised(
                    UnsafeRawPointer(g).assumingMemoryBound(to: Float.self),
                    UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
                    UnsafeRawPointer(y).assumingMemoryBound(to: Float.self),
                    UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self), n)
                return
            }
            for i in 0..<n {
                // σ(|x|) = 1 / (1 + e), σ(−|x|) = e / (1 + e) with e = e^−|x|: one exponential
                // for both, the same values as `sigmoid`.
                let e = T.exponential(-Swift.abs(a[i]))
                let (large, small) = (1 / (1 + e), e / (1 + e))
                let (up, down) = a[i] >= 0 ? (large, small) : (small, large)
                out[i] = g[i] * ((1 - y[i]) * up - y[i] * down)
            }
        }
    }
}
