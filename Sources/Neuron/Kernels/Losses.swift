extension Kernels {
    /// out[i] = −(y·max(ln p, −100) + (1 − y)·max(ln(1 − p), −100)): binary cross-entropy on
    /// probabilities with PyTorch's clamp, so p = 0 or 1 gives a finite loss.
    static func binaryCrossEntropy<T: KernelScalar>(
        _ p: UnsafePointer<T>, _ y: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ n: Int
    ) {
        var start = 0
        if T.self == Float.self {
            // Eight at a time with the vectorised log; the tail below.
            let (pf, yf, of) = (
                UnsafeRawPointer(p).assumingMemoryBound(to: Float.self),
                UnsafeRawPointer(y).assumingMemoryBound(to: Float.self),
                UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self)
            )
            while start + 8 <= n {
                let pv = UnsafeRawPointer(pf + start).loadUnaligned(as: Float8.self)
                let yv = UnsafeRawPointer(yf + start).loadUnaligned(as: Float8.self)
                var logP = VectorMath.log(pv)
                var logQ = VectorMath.log(1 - pv)
                logP.replace(with: -100, where: logP .< -100)
                logQ.replace(with: -100, where: logQ .< -100)
                UnsafeMutableRawPointer(of + start).storeBytes(of: -(yv * logP + (1 - yv) * logQ), as: Float8.self)
                start += 8
            }
        }
        for i in start..<n {
            let logP = Swift.max(T.logarithm(p[i]), -100)
            let logQ = Swift.max(T.logarithm(1 - p[i]), -100)
            out[i] = -(y[i] * logP + (1 - y[i]) * logQ)
        }
    }

    /// out[i] = w·y·softplus(−x) + (1 − y)·softplus(x), binary cross-entropy on a logit x with
    /// positive-class weight w. A term whose coefficient is zero is skipped, so a logit of ±∞
    /// with a matching hard target gives 0 rather than 0·∞ = NaN.
    static func binaryCrossEntropyWithLogits<T: KernelScalar>(
        _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ w: UnsafePointer<T>?, _ out: UnsafeMutablePointer<T>,
        _ n: Int
    ) {
        if T.self == Float.self && w == nil {
            binaryCrossEntropyWithLogitsVectorised(
                UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                UnsafeRawPointer(y).assumingMemoryBound(to: Float.self),
                UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self), n)
            return
        }
        for i in 0..<n {
            let positive = (w?[i] ?? 1) * y[i]
            let negative = 1 - y[i]
            // softplus(±x) = max(±x, 0) + ln(1 + e^−|x|): one exponential and one logarithm
            // serve both terms.
            let shared = T.logarithmOnePlus(T.exponential(-Swift.abs(x[i])))
            var loss: T = 0
            if positive != 0 { loss += positive * (Swift.max(-x[i], 0) + shared) }
            if negative != 0 { loss += negative * (Swift.max(x[i], 0) + shared) }
            out[i] = loss
        }
    }
}
