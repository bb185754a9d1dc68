/// Binary cross-entropy on logits, with an optional positive-class weight:
/// ℓ = pw·y·softplus(−x) + (1 − y)·softplus(x) = −[pw·y·ln σ(x) + (1 − y)·ln(1 − σ(x))],
/// where softplus(z) = max(z, 0) + ln(1 + e^−|z|). Stable for every logit, ±∞ included
/// (where PyTorch returns NaN): a term with a zero coefficient is dropped instead of
/// multiplying 0 by ∞. Its gradient is σ(x) − y when pw = 1.
///
/// ```swift
/// let loss = BCEWithLogitsLoss(positiveWeight: Tensor([3] as [Double], shape: [1]))(logits, y)
/// ```
public struct BCEWithLogitsLoss {
    /// How the per-element losses are combined.
    public var reduction: Reduction
    /// The weight of positive examples, broadcast against the logits (one per class), or nil.
    public var positiveWeight: Tensor?

    /// A binary cross-entropy loss on logits.
    ///
    /// - Parameters:
    ///   - positiveWeight: pw, weighting the positive term (> 1 raises recall), or nil for 1.
    ///   - reduction: `.mean` (default), `.sum` or `.none`.
    public init(positiveWeight: Tensor? = nil, reduction: Reduction = .mean) {
        self.positiveWeight = positiveWeight
        self.reduction = reduction
    }

    /// The loss of `logits` against `targets`.
    ///
    /// - Parameters:
    ///   - logits: Logits x (any real, ±∞ allowed).
    ///   - targets: Targets y in [0, 1], the same shape.
    /// - Returns: A scalar, or per-element losses with `.none`.
    /// - Precondition: Shapes and dtypes match.
    public func callAsFunction(_ logits: Tensor, _ targets: Tensor) -> Tensor {
        reduction.apply(binaryCrossEntropyWithLogits(logits, targets, positiveWeight: positiveWeight))
    }
}
