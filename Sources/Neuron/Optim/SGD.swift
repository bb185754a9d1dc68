/// Stochastic gradient descent with PyTorch's update, step t:
///
///     g ← ∇θ + λθ                                  (weight decay λ)
///     b ← g at t = 1, else μ·b + (1 − τ)·g          (momentum μ, dampening τ)
///     g ← g + μ·b if Nesterov, else b               (only when μ ≠ 0)
///     θ ← θ − η·g
///
/// ```swift
/// let opt = SGD(model.parameters, lr: 0.1, momentum: 0.9)
/// opt.zeroGrad(); loss.backward(); opt.step()
/// ```
public final class SGD: Optimizer {
    /// The tensors updated, group after group.
    public var parameters: [Tensor] { groups.parameters }
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
        didSet { requireHyperparameter(learningRate, "learningRate", of: "SGD") }
    }
    /// μ.
    public let momentum: Double
    /// τ.
    public let dampening: Double
    /// λ (L2 penalty added to the gradient).
    public let weightDecay: Double
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool
    private var buffers: [Tensor?]
    private let dtypes: [DType]

    /// An SGD optimizer.
    ///
    /// - Parameters:
    ///   - parameters: The tensors to update.
    ///   - lr: The learning rate η.
    ///   - momentum: μ (0 for plain gradient descent).
    ///   - dampening: τ.
    ///   - weightDecay: λ.
    ///   - nesterov: Use Nesterov momentum (needs μ > 0 and τ = 0).
    /// - Precondition: Hyperparameters are finite and non-negative; Nesterov has μ > 0 and τ = 0.
    public convenience init(
        _ parameters: [Tensor], lr: Double, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0,
        nesterov: Bool = false
    ) {
        self.init(
            groups: [ParameterGroup(parameters)], lr: lr, momentum: momentum, dampening: dampening,
            weightDecay: weightDecay, nesterov: nesterov)
    }

    /// An SGD optimizer over parameter groups, each with its own learning rate or weight
    /// decay where it gives one (see ``ParameterGroup``).
    ///
    /// ```swift
    /// let opt = SGD(groups: model.weightDecayGroups(), lr: 0.1, momentum: 0.9, weightDecay: 1e-4)
    /// ```
    ///
    /// - Parameters:
    ///   - groups: The groups; a tensor may be in one group only.
    ///   - lr: The learning rate η of groups that give none.
    ///   - momentum: μ (0 for plain gradient descent).
    ///   - dampening: τ.
    ///   - weightDecay: λ of groups that give none.
    ///   - nesterov: Use Nesterov momentum (needs μ > 0 and τ = 0).
    /// - Precondition: Hyperparameters are finite and non-negative; Nesterov has μ > 0 and τ = 0;
    ///   no tensor is in two groups.
    public init(
        groups: [ParameterGroup], lr: Double, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0,
        nesterov: Bool = false
    ) {
        requireHyperparameter(lr, "lr", of: "SGD")
        requireHyperparameter(momentum, "momentum", of: "SGD")
        requireHyperparameter(dampening, "dampening", of: "SGD")
        requireHyperparameter(weightDecay, "weightDecay", of: "SGD")
        require(
            !nesterov || (momentum > 0 && dampening == 0),
            "SGD: Nesterov momentum requires momentum > 0 and dampening 0")
        self.groups = ResolvedGroups(groups, optimizer: "SGD")
        let parameters = self.groups.parameters
        self.learningRate = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        self.buffers = Array(repeating: nil, count: parameters.count)
        self.dtypes = parameters.map(\.dtype)
    }

    /// One SGD update of every parameter that has a gradient, in place.
    public func step() {
        withNoGrad {
            for (i, p) in parameters.enumerated() {
                guard var g = p.grad else { continue }
                requireUnchangedDType(p, index: i, was: dtypes[i], of: "SGD")
                let (lr, decay) = groups.settings(ofParameter: i, learningRate: learningRate, weightDecay: weightDecay)
                if decay != 0 { g = g + p * decay }
                if momentum != 0 {
                    if let b = buffers[i] {
                        b.multiply(by: momentum)
                        b.add(g, scaledBy: 1 - dampening)
                    } else {
                        buffers[i] = g.copied()
                    }
                    let b = buffers[i]!
                    if nesterov {
                        g = g + b * momentum
                    } else {
                        g = b
                    }
                }
                p.add(g, scaledBy: -lr)
            }
        }
    }
}

// MARK: - Checkpoints

extension SGD {
    /// Copies of the momentum buffers, one per parameter (nil before its first step), for
    /// `save(to:model:)` in IO/.
    var momentumBuffersForCheckpoint: [Tensor?] { buffers.map { $0?.copied() } }

    /// Replaces the momentum buffers, for `load(from:model:)` in IO/, which has checked that
    /// there is one per parameter, of its shape and dtype.
    func restoreMomentumBuffers(_ restored: [Tensor?]) {
        require(restored.count == parameters.count, "SGD: \(restored.count) buffers for \(parameters.count) parameters")
        buffers = restored
    }
}
