/// How a loss combines its per-element values (PyTorch's `reduction`).
public enum Reduction: Sendable {
    /// The mean over elements (weighted mean where the loss has class weights). The default.
    case mean
    /// The sum over elements.
    case sum
    /// No reduction: one loss per element (per sample for cross-entropy).
    case none

    /// Applies this reduction to per-element losses.
    ///
    /// - Parameter losses: The unreduced losses.
    /// - Returns: A scalar for `.mean` and `.sum`, `losses` itself for `.none`.
    public func apply(_ losses: Tensor) -> Tensor {
        switch self {
        case .mean: losses.mean()
        case .sum: losses.sum()
        case .none: losses
        }
    }
}
