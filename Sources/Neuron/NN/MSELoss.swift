/// Mean squared error: ℓ = (ŷ − y)², averaged (or summed) over elements.
///
/// ```swift
/// let loss = MSELoss()(prediction, target)
/// ```
public struct MSELoss: Sendable {
    /// How the per-element losses are combined.
    public var reduction: Reduction

    /// A squared-error loss.
    ///
    /// - Parameter reduction: `.mean` (default), `.sum` or `.none`.
    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    /// The loss of `prediction` against `target`.
    ///
    /// - Parameters:
    ///   - prediction: ŷ.
    ///   - target: y, the same shape.
    /// - Returns: A scalar, or per-element losses with `.none`.
    /// - Precondition: Shapes match.
    public func callAsFunction(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        require(
            prediction.shape == target.shape,
            "MSELoss: prediction \(prediction.shape) and target \(target.shape) must have the same shape")
        return reduction.apply((prediction - target).squared())
    }
}
