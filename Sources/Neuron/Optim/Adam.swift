import Foundation

/// Adam with PyTorch's update (weight decay as an L2 term added to the gradient), step t:
///
///     g ← ∇θ + λθ
///     m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
///     θ ← θ − η·(m / (1 − β₁ᵗ)) / (√v / √(1 − β₂ᵗ) + ε)
///
/// ```swift
/// let opt = Adam(model.parameters, lr: 1e-3)
/// ```
public class Adam: Optimizer {
    /// The tensors updated, group after group.
    public var parameters: [Tensor] { moments.parameters }
    /// The groups with their own learning rate or weight decay (one group, following the
    /// optimizer's settings, when built from a list of tensors). Their settings may be changed
    /// between steps; their tensors may not.
    public var parameterGroups: [ParameterGroup] {
        get { groups.groups }
        set { groups.update(newValue) }
    }
    private var groups: ResolvedGroups
    /// η.
    ///
    /// - Precondition: Finite and ≥ 0.
    public var learningRate: Double {
        didSet { requireHyperparameter(learningRate, "learningRate", of: decoupled ? "AdamW" : "Adam") }
    }
    /// λ: an L2 penalty added to the gradient (Adam), or the decoupled decay rate (AdamW).
    public let weightDecay: Double
    /// Whether weight decay shrinks the weights directly (AdamW) instead of entering the gradient.
    let decoupled: Bool
    private let moments: AdamMoments

    /// An Adam optimizer.
    ///
    /// - Parameters:
    ///   - parameters: The tensors to update.
    ///   - lr: The learning rate η.
    ///   - betas: (β₁, β₂), the decay rates of the moment estimates.
    ///   - eps: ε, added to the denominator.
    ///   - weightDecay: λ.
    /// - Precondition: lr, eps and weightDecay are finite and ≥ 0; betas are in [0, 1).
    public convenience init(
        _ parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0
    ) {
        self.init(
            groups: [ParameterGroup(parameters)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
            decoupled: false)
    }

    /// An Adam optimizer over parameter groups, each with its own learning rate or weight
    /// decay where it gives one (see ``ParameterGroup``).
    ///
    /// - Parameters:
    ///   - groups: The groups; a tensor may be in one group only.
    ///   - lr: The learning rate η of groups that give none.
    ///   - betas: (β₁, β₂), the decay rates of the moment estimates.
    ///   - eps: ε, added to the denominator.
    ///   - weightDecay: λ of groups that give none.
    /// - Precondition: lr, eps and weightDecay are finite and ≥ 0; betas are in [0, 1); no
    ///   tensor is in two groups.
    public convenience init(
        groups: [ParameterGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0
    ) {
        self.init(groups: groups, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, decoupled: false)
    }

    init(
        groups: [ParameterGroup], lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double,
        decoupled: Bool
    ) {
        let name = decoupled ? "AdamW" : "Adam"
        requireHyperparameter(lr, "lr", of: name)
        requireHyperparameter(weightDecay, "weightDecay", of: name)
        learningRate = lr
        self.weightDecay = weightDecay
        self.decoupled = decoupled
        self.groups = ResolvedGroups(groups, optimizer: name)
        moments = AdamMoments(self.groups.parameters, betas: betas, eps: eps, name: name)
    }

    /// One update of every parameter that has a gradient, in one pass over its buffers.
    public func step() {
        moments.step { i in
            let (lr, decay) = groups.settings(ofParameter: i, learningRate: learningRate, weightDecay: weightDecay)
            return decoupled ? (lr, 1 - lr * decay, 0) : (lr, 1, decay)
        }
    }
}

/// AdamW: Adam with decoupled weight decay (Loshchilov & Hutter), as PyTorch's `AdamW`:
/// θ ← θ·(1 − ηλ) first, then the Adam update with the plain gradient.
///
/// ```swift
/// let opt = AdamW(model.parameters, lr: 1e-3, weightDecay: 0.01)
/// ```
public final class AdamW: Adam {
    /// An AdamW optimizer.
    ///
    /// - Parameters:
    ///   - parameters: The tensors to update.
    ///   - lr: The learning rate η.
    ///   - betas: (β₁, β₂), the decay rates of the moment estimates.
    ///   - eps: ε, added to the denominator.
    ///   - weightDecay: λ, the decoupled decay rate.
    /// - Precondition: lr, eps and weightDecay are finite and ≥ 0; betas are in [0, 1).
    public init(
        _ parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0.01
    ) {
        super.init(
            groups: [ParameterGroup(parameters)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
            decoupled: true)
    }

    /// An AdamW optimizer over parameter groups (see ``ParameterGroup``); with
    /// `model.weightDecayGroups()` the biases do not decay.
    ///
    /// - Parameters:
    ///   - groups: The groups; a tensor may be in one group only.
    ///   - lr: The learning rate η of groups that give none.
    ///   - betas: (β₁, β₂), the decay rates of the moment estimates.
    ///   - eps: ε, added to the denominator.
    ///   - weightDecay: λ, the decoupled decay rate of groups that give none.
    /// - Precondition: lr, eps and weightDecay are finite and ≥ 0; betas are in [0, 1); no
    ///   tensor is in two groups.
    public init(
        groups: [ParameterGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0.01
    ) {
        super.init(groups: groups, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, decoupled: true)
    }
}

/// The moment estimates and bias-corrected update shared by Adam and AdamW.
final class AdamMoments {
    let parameters: [Tensor]
    let beta1: Double
    let beta2: Double
    let eps: Double
    let name: String
    private let dtypes: [DType]
    private var m: [Tensor?]
    private var v: [Tensor?]
    private var steps: [Int]

    init(_ parameters: [Tensor], betas: (Double, Double), eps: Double, name: String) {
        require(
            (0..<1).contains(betas.0) && (0..<1).contains(betas.1),
            "\(name): betas must be in [0, 1), got \(betas)")
        requireHyperparameter(eps, "eps", of: name)
        self.name = name
        dtypes = parameters.map(\.dtype)
        self.parameters = parameters
        (beta1, beta2) = betas
        self.eps = eps
        m = Array(repeating: nil, count: parameters.count)
        v = Array(repeating: nil, count: parameters.count)
        steps = Array(repeating: 0, count: parameters.count)
    }

    /// Updates each parameter with a gradient, in place and in one pass (see
    /// `Kernels.adamStep`), `settings(i)` giving parameter i's learning rate, the factor that
    /// shrinks it first (AdamW) and the L2 term added to its gradient (Adam).
    func step(settings: (Int) -> (lr: Double, shrink: Double, l2: Double)) {
        withNoGrad {
            for (i, p) in parameters.enumerated() {
                guard let grad = p.grad else { continue }
                requireUnchangedDType(p, index: i, was: dtypes[i], of: name)
                steps[i] += 1
                let t = Double(steps[i])
                let mi = m[i] ?? Tensor.zeros(p.shape, dtype: p.dtype)
                let vi = v[i] ?? Tensor.zeros(p.shape, dtype: p.dtype)
                m[i] = mi
                v[i] = vi
                let (lr, shrink, l2) = settings(i)
                p.adamUpdate(
                    grad: grad, m: mi, v: vi,
                    AdamStepSettings(
                        shrink: shrink, l2: l2, beta1: beta1, beta2: beta2,
                        stepSize: lr / (1 - Foundation.pow(beta1, t)),
                        correction: 1 / (1 - Foundation.pow(beta2, t)).squareRoot(), eps: eps))
            }
        }
    }
}

// MARK: - Checkpoints

extension Adam {
    /// β₁, β₂ and ε, which a checkpoint records so that it is resumed by the same optimizer.
    var momentHyperparameters: (beta1: Double, beta2: Double, eps: Double) {
        (moments.beta1, moments.beta2, moments.eps)
    }

    /// Copies of each parameter's moments and step count (nil moments and 0 before its first
    /// step), for `save(to:model:)` in IO/.
    var momentsForCheckpoint: [(m: Tensor?, v: Tensor?, step: Int)] { moments.checkpoint }

    /// Replaces every parameter's moments and step count, for `load(from:model:)` in IO/,
    /// which has checked that there is one entry per parameter, of its shape and dtype.
    func restoreMoments(_ restored: [(m: Tensor?, v: Tensor?, step: Int)]) { moments.restore(restored) }
}

extension AdamMoments {
    /// Copies of m, v and the step count of each parameter.
    var checkpoint: [(m: Tensor?, v: Tensor?, step: Int)] {
        parameters.indices.map { (m[$0]?.copied(), v[$0]?.copied(), steps[$0]) }
    }

    /// Replaces m, v and the step counts.
    func restore(_ restored: [(m: Tensor?, v: Tensor?, step: Int)]) {
        require(
            restored.count == parameters.count, "\(name): \(restored.count) states for \(parameters.count) parameters")
        m = restored.map(\.m)
        v = restored.map(\.v)
        steps = restored.map(\.step)
    }
}
