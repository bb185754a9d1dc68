/// Binary cross-entropy on probabilities:
/// ℓ = −w·[y·ln p + (1 − y)·ln(1 − p)], with each log clamped at −100 as PyTorch does, so
/// p = 0 or 1 gives a finite loss and gradient. Use it after a ``Sigmoid``; on raw logits,
/// ``BCEWithLogitsLoss`` is more accurate.
///
/// ```swift
/// let loss = BCELoss()(model(x), y)
/// ```
public struct BCELoss: Sendable {
    /// How the per-element losses are combined.
    public var reduction: Reduction

    /// A binary cross-entropy loss.
    ///
    /// - Parameter reduction: `.mean` (default), `.sum` or `.none`.
    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    /// The loss of `probabilities` against `targets`.
    ///
    /// - Parameters:
    ///   - probabilities: Predictions p in [0, 1].
    ///   - targets: Targets y in [0, 1], the same shape.
    ///   - weight: A per-element weight w broadcast to the shape, or nil.
    /// - Returns: A scalar, or per-element losses with `.none`.
    /// - Precondition: Shapes and dtypes match.
    public func callAsFunction(_ probabilities: Tensor, _ targets: Tensor, weight: Tensor? = nil) -> Tensor {
        let losses = binaryCrossEntropy(probabilities, targets)
        return reduction.apply(weight.map { losses * $0 } ?? losses)
    }
}
