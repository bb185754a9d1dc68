/// Softmax and cross-entropy in one op, per sample: ℓᵣ = wᵣ·(log ∑_c exp(xᵣ,c) − xᵣ,yᵣ) for
/// logits x [N, C] and labels y, with the weight wᵣ of row r's class (1 without weights).
///
/// One node instead of the six of the composed form (log-softmax, a gather, reshapes, a
/// negation), and one pass backward: ∂ℓᵣ/∂xᵣ,c = wᵣ·(softmax(xᵣ)_c − [c = yᵣ]). The forward
/// is the exact log-softmax of ``Tensor/logSoftmax(axis:)``: a +∞ logit at the label gives 0
/// with a zero gradient. Recorded for second derivatives (`createGraph`), the gradient is
/// composed from differentiable ops instead.
///
/// ```swift
/// let perSample = softmaxCrossEntropy(logits, labels: [2, 0, 1])   // [3]
/// ```
///
/// - Parameters:
///   - logits: Unnormalised scores, [N, C].
///   - labels: N class indices in 0 ..< C.
///   - classWeights: C weights, or nil.
/// - Returns: The N per-sample losses.
/// - Precondition: `logits` is [N, C], there are N labels in range, and C weights when given.
public func softmaxCrossEntropy(_ logits: Tensor, labels: [Int], classWeights: [Double]? = nil) -> Tensor {
    require(logits.rank == 2, "softmaxCrossEntropy: logits must be [N, C], got \(logits.shape)")
    let (n, c) = (logits.shape[0], logits.shape[1])
    require(labels.count == n, "softmaxCrossEntropy: \(labels.count) labels for logits of shape \(logits.shape)")
    if let bad = labels.first(where: { $0 < 0 || $0 >= c }) {
        fatalError("softmaxCrossEntropy: label \(bad) is out of range for \(c) classes")
    }
    require(
        classWeights == nil || classWeights!.count == c,
        "softmaxCrossEntropy: \(classWeights?.count ?? 0) class weights for \(c) classes")
    let rowWeights = classWeights.map { w in labels.map { w[$0] } }
    let logP = Tensor(uninitialized: logits.shape, dtype: logits.dtype)
    let out = Tensor(uninitialized: [n], dtype: logits.dtype)
    switch logits.dtype {
    case .float32:
        let p = logP.storage.pointer(Float.self)
        Kernels.logSoftmax(logits.storage.pointer(Float.self), outer: n, n: c, inner: 1, p)
        Kernels.negatedGather(p, labels: labels, weights: rowWeights, classes: c, out.storage.pointer(Float.self))
    case .float64:
        let p = logP.storage.pointer(Double.self)
        Kernels.logSoftmax(logits.storage.pointer(Double.self), outer: n, n: c, inner: 1, p)
        Kernels.negatedGather(p, labels: labels, weights: rowWeights, classes: c, out.storage.pointer(Double.self))
    }
    return out.recorded("softmax_cross_entropy", logits, saving: .inputs) { g, _, logits in
        // `logP` is private to this op, so nothing can change it before backward.
        guard GradMode.isEnabled else {
            let dx = Tensor(uninitialized: logP.shape, dtype: logP.dtype)
            switch logP.dtype {
            case .float32:
                Kernels.softmaxCrossEntropyBackward(
                    logP.storage.pointer(Float.self), labels: labels, weights: rowWeights,
                    g.storage.pointer(Float.self), classes: c, dx.storage.pointer(Float.self))
            case .float64:
                Kernels.softmaxCrossEntropyBackward(
                    logP.storage.pointer(Double.self), labels: labels, weights: rowWeights,
                    g.storage.pointer(Double.self), classes: c, dx.storage.pointer(Double.self))
            }
            return dx
        }
        var oneHot = [Double](repeating: 0, count: n * c)
        for (r, label) in labels.enumerated() { oneHot[r * c + label] = 1 }
        let scale = rowWeights.map { g * Tensor($0, shape: [n], dtype: g.dtype) } ?? g
        return (logits.softmax(axis: 1) - Tensor(oneHot, shape: [n, c], dtype: logits.dtype)) * scale.reshaped([n, 1])
    }
}
