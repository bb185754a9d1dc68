import Foundation

/// A learning rate as a function of the epoch (or step) count, applied by setting an
/// optimizer's `learningRate` before each epoch:
///
/// ```swift
/// let schedule = CosineDecay(period: 100)
/// for epoch in 0..<100 {
///     opt.learningRate = schedule.learningRate(at: epoch, base: 0.1)
///     // … train one epoch …
/// }
/// ```
public protocol LearningRateSchedule: Sendable {
    /// The learning rate at `step`, for an initial rate `base`.
    ///
    /// - Parameters:
    ///   - step: The epoch or step count, from 0.
    ///   - base: The learning rate at step 0.
    func learningRate(at step: Int, base: Double) -> Double
}

/// Step decay (PyTorch's `StepLR`): ηₜ = η₀·γ^⌊t / stepSize⌋.
public struct StepDecay: LearningRateSchedule {
    /// How many steps between decays.
    public let stepSize: Int
    /// γ, the factor applied at each decay.
    public let gamma: Double

    /// A step-decay schedule.
    ///
    /// - Parameters:
    ///   - stepSize: Steps between decays (> 0).
    ///   - gamma: The factor γ.
    public init(stepSize: Int, gamma: Double = 0.1) {
        require(stepSize > 0, "StepDecay: stepSize must be positive, got \(stepSize)")
        self.stepSize = stepSize
        self.gamma = gamma
    }

    /// η₀·γ^⌊step / stepSize⌋.
    public func learningRate(at step: Int, base: Double) -> Double {
        base * Foundation.pow(gamma, Double(step / stepSize))
    }
}

/// Cosine annealing (PyTorch's `CosineAnnealingLR` closed form):
/// ηₜ = η_min + (η₀ − η_min)·(1 + cos(π·t / T)) / 2 for t ≤ T, and η_min after.
public struct CosineDecay: LearningRateSchedule {
    /// T, the number of steps from η₀ down to η_min.
    public let period: Int
    /// η_min.
    public let minimum: Double

    /// A cosine schedule.
    ///
    /// - Parameters:
    ///   - period: T (> 0).
    ///   - minimum: η_min.
    public init(period: Int, minimum: Double = 0) {
        require(period > 0, "CosineDecay: period must be positive, got \(period)")
        self.period = period
        self.minimum = minimum
    }

    /// η_min + (η₀ − η_min)·(1 + cos(π·min(step, T) / T)) / 2.
    public func learningRate(at step: Int, base: Double) -> Double {
        let t = Double(Swift.min(step, period))
        return minimum + (base - minimum) * (1 + Foundation.cos(Double.pi * t / Double(period))) / 2
    }
}
