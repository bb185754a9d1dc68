// Elementwise loss primitives whose stable forms cannot be composed from other ops without
// producing 0·∞ at the edges. Reductions and weights are applied by the loss modules in NN/.

/// Binary cross-entropy on probabilities, elementwise:
/// ℓ = −[y·max(ln p, −100) + (1 − y)·max(ln(1 − p), −100)], the clamp PyTorch uses so that
/// p = 0 or 1 gives a finite loss and gradient.
///
/// When `probabilities` is the recorded output of `sigmoid()` (a model ending in `Sigmoid`,
/// trained with gradients on), the loss is computed from the logit z instead, as
/// ``binaryCrossEntropyWithLogits(_:_:positiveWeight:)``: the value and the gradient
/// ∂ℓ/∂z = σ(z) − y are then exact at any z, where the probability form saturates (its
/// gradient is floored at p(1 − p) ≥ ε past |z| ≈ 27.6, and p rounds to 1 past z ≈ 16.6 in
/// float32) and its second derivative turns negative. The graph then runs from the loss
/// straight to z, so `Tensor.gradients(of:withRespectTo:)` asked for p itself gives zeros:
/// compute the loss from `p.detached()` with `requiresGrad` for that.
///
/// Derivative: ∂ℓ/∂p = (p − y) / max(p(1 − p), ε) with PyTorch's ε = Float(10⁻¹²); ∂ℓ/∂y = max(ln(1 − p), −100) − max(ln p, −100).
/// - Parameters:
///   - probabilities: Predicted probabilities p in [0, 1].
///   - targets: Targets y in [0, 1], the same shape.
/// - Precondition: Shapes and dtypes match.
public func binaryCrossEntropy(_ probabilities: Tensor, _ targets: Tensor) -> Tensor {
    let (p, y) = (probabilities, targets)
    require(p.shape == y.shape, "binaryCrossEntropy: input \(p.shape) and target \(y.shape) must have the same shape")
    p.requireSameDType(y, "binaryCrossEntropy")
    if let logit = p.recordedSigmoidLogit { return binaryCrossEntropyWithLogits(logit, y) }
    let out = Tensor(uninitialized: p.shape, dtype: p.dtype)
    switch p.dtype {
    case .float32:
        Kernels.binaryCrossEntropy(
            p.storage.pointer(Float.self), y.storage.pointer(Float.self), out.storage.pointer(Float.self), p.count)
    case .float64:
        Kernels.binaryCrossEntropy(
            p.storage.pointer(Double.self), y.storage.pointer(Double.self), out.storage.pointer(Double.self), p.count)
    }
    return out.recorded("binary_cross_entropy", p, y, saving: .inputs) { g, _, p, y, needs in
        (
            needs[0]
                ? g.fusedBackward(.binaryCrossEntropy, p, y) ?? g * (p - y) / (p * (1 - p)).clamped(min: Kernels.bceEpsilon) : nil,
            needs[1] ? g * (log(1 - p).clamped(min: -100) - log(p).clamped(min: -100)) : nil
        )
    }
}

/// Binary cross-entropy on logits, elementwise, stable for any logit including ±∞:
/// ℓ = w·y·softplus(−x) + (1 − y)·softplus(x), which equals
/// −[w·y·ln σ(x) + (1 − y)·ln(1 − σ(x))].
///
/// Derivative: ∂ℓ/∂x = σ(x)·(w·y + 1 − y) − w·y (that is σ(x) − y when w = 1), computed as
/// (1 − y)·σ(x) − w·y·σ(−x), which keeps its relative accuracy where σ(x) rounds to 1;
/// ∂ℓ/∂y = w·softplus(−x) − softplus(x).
/// - Parameters:
///   - logits: Logits x.
///   - targets: Targets y in [0, 1], the same shape.
///   - positiveWeight: The weight w of the positive term, broadcast to the logits' shape
///     (one per class, typically), or nil for 1.
/// - Precondition: Shapes match (the weight broadcasts) and dtypes match.
public func binaryCrossEntropyWithLogits(_ logits: Tensor, _ targets: Tensor, positiveWeight: Tensor? = nil) -> Tensor {
    let (x, y) = (logits, targets)
    require(
        x.shape == y.shape,
        "binaryCrossEntropyWithLogits: input \(x.shape) and target \(y.shape) must have the same shape")
    x.requireSameDType(y, "binaryCrossEntropyWithLogits")
    // A copy even when no broadcast is needed: the rule reads w, which must not change later.
    let w = positiveWeight.map { weight in
        withNoGrad { weight.shape == x.shape ? weight.copied() : weight.expanded(to: x.shape) }
    }
    if let w { x.requireSameDType(w, "binaryCrossEntropyWithLogits") }
    let out = Tensor(uninitialized: x.shape, dtype: x.dtype)
    switch x.dtype {
    case .float32:
        Kernels.binaryCrossEntropyWithLogits(
            x.storage.pointer(Float.self), y.storage.pointer(Float.self), w?.storage.pointer(Float.self),
            out.storage.pointer(Float.self), x.count)
    case .float64:
        Kernels.binaryCrossEntropyWithLogits(
            x.storage.pointer(Double.self), y.storage.pointer(Double.self), w?.storage.pointer(Double.self),
            out.storage.pointer(Double.self), x.count)
    }
    return out.recorded("binary_cross_entropy_with_logits", x, y, saving: .inputs) { g, _, x, y, needs in
        let wy = w.map { $0 * y } ?? y
        return (
            needs[0]
                ? (w == nil ? g.fusedBackward(.binaryCrossEntropyWithLogits, x, y) : nil)
                    ?? g * ((1 - y) * x.sigmoid() - wy * (-x).sigmoid()) : nil,
            needs[1] ? g * ((w ?? Tensor.ones([], dtype: x.dtype)) * (-x).softplus() - x.softplus()) : nil
        )
    }
}
