/// Parameters that share a learning rate and a weight decay, as PyTorch's parameter groups
/// (`[{"params": ..., "lr": ...}, ...]`). A setting left nil follows the optimizer's own, so a
/// schedule that sets `optimizer.learningRate` moves it; a setting given stays as given (change
/// it through `optimizer.parameterGroups[i]`).
///
/// The usual use is to exempt biases from weight decay:
///
/// ```swift
/// let opt = AdamW(groups: model.weightDecayGroups(), lr: 1e-3, weightDecay: 0.01)
/// ```
public struct ParameterGroup {
    /// The tensors of the group.
    public var parameters: [Tensor]
    /// The group's learning rate, or nil for the optimizer's.
    ///
    /// - Precondition: When set through an optimizer, finite and ≥ 0.
    public var learningRate: Double?
    /// The group's weight decay, or nil for the optimizer's.
    ///
    /// - Precondition: When set through an optimizer, finite and ≥ 0.
    public var weightDecay: Double?

    /// A group of parameters.
    ///
    /// - Parameters:
    ///   - parameters: The tensors.
    ///   - lr: Their learning rate, or nil for the optimizer's.
    ///   - weightDecay: Their weight decay, or nil for the optimizer's.
    public init(_ parameters: [Tensor], lr: Double? = nil, weightDecay: Double? = nil) {
        self.parameters = parameters
        self.learningRate = lr
        self.weightDecay = weightDecay
    }
}

extension Module {
    /// Two groups, as PyTorch users build them by hand: the weight matrices (rank ≥ 2), which
    /// decay at the optimizer's rate, and the biases and other vectors (rank ≤ 1), which do
    /// not decay. An empty group is left out.
    public func weightDecayGroups() -> [ParameterGroup] {
        let decayed = parameters.filter { $0.rank >= 2 }
        let exempt = parameters.filter { $0.rank < 2 }
        return (decayed.isEmpty ? [] : [ParameterGroup(decayed)])
            + (exempt.isEmpty ? [] : [ParameterGroup(exempt, weightDecay: 0)])
    }
}

/// The groups of an optimizer resolved against its own settings, with each parameter's group.
struct ResolvedGroups {
    private(set) var groups: [ParameterGroup]
    /// The group of each parameter, in the order of `parameters`.
    let groupOfParameter: [Int]
    let parameters: [Tensor]
    let optimizer: String

    /// Checks the groups: hyperparameters finite and ≥ 0, no tensor in two groups.
    init(_ groups: [ParameterGroup], optimizer: String) {
        var seen = Set<ObjectIdentifier>()
        var owner: [Int] = []
        for (g, group) in groups.enumerated() {
            Self.check(group, index: g, optimizer: optimizer)
            for p in group.parameters {
                require(
                    seen.insert(ObjectIdentifier(p)).inserted,
                    "\(optimizer): a parameter of shape \(p.shape) appears in more than one parameter group (group \(g))")
                owner.append(g)
            }
        }
        self.groups = groups
        self.groupOfParameter = owner
        self.parameters = groups.flatMap(\.parameters)
        self.optimizer = optimizer
    }

    /// Replaces the groups' settings; the parameters of each group must stay the same tensors.
    mutating func update(_ new: [ParameterGroup]) {
        require(
            new.count == groups.count
                && zip(new, groups).allSatisfy { a, b in
                    a.parameters.count == b.parameters.count
                        && zip(a.parameters, b.parameters).allSatisfy { $0 === $1 }
                },
            "\(optimizer): parameterGroups can change their learning rate and weight decay, not their parameters; "
                + "create a new optimizer")
        for (g, group) in new.enumerated() { Self.check(group, index: g, optimizer: optimizer) }
        groups = new
    }

    /// The learning rate and weight decay of parameter `index`, defaulting to the optimizer's.
    func settings(ofParameter index: Int, learningRate: Double, weightDecay: Double) -> (lr: Double, decay: Double) {
        let group = groups[groupOfParameter[index]]
        return (group.learningRate ?? learningRate, group.weightDecay ?? weightDecay)
    }

    private static func check(_ group: ParameterGroup, index: Int, optimizer: String) {
        if let lr = group.learningRate { requireHyperparameter(lr, "parameter group \(index) lr", of: optimizer) }
        if let decay = group.weightDecay {
            requireHyperparameter(decay, "parameter group \(index) weightDecay", of: optimizer)
        }
    }
}
