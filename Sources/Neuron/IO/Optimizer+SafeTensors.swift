import Foundation

// Optimizer checkpoints: one safetensors file per optimizer, keyed by parameter name, so a run
// resumed in a new process continues exactly as one that never stopped.
//
// Keys are "<parameter>.<slot>", the slots PyTorch's optimizers use: "momentum_buffer" (SGD),
// "exp_avg", "exp_avg_sq" and "step" (Adam, AdamW; step a float64 scalar). A parameter that has
// not stepped yet has no entries. `__metadata__` holds "format": "neuron-optimizer", the
// optimizer's type, its learning rate and its other hyperparameters, written with Swift's
// shortest round-tripping decimal form.

extension SGD {
    /// Writes the momentum buffers and hyperparameters to a safetensors file.
    ///
    /// ```swift
    /// try optimizer.save(to: URL(fileURLWithPath: "optimizer.safetensors"), model: model)
    /// ```
    ///
    /// - Parameters:
    ///   - url: The file, replaced atomically.
    ///   - model: The module whose parameters this optimizer updates: the keys are its
    ///     parameter names (`"0.weight.momentum_buffer"`). Without it, a parameter is named by
    ///     its position in `parameters` (`"0.momentum_buffer"`), as PyTorch's optimizer state_dict.
    /// - Throws: ``SafeTensorsError`` when the file cannot be written.
    /// - Precondition: Every parameter of this optimizer is a parameter of `model`.
    public func save(to url: URL, model: (any Module)? = nil) throws {
        let state = momentumBuffersForCheckpoint.map { $0.map { ["momentum_buffer": $0] } ?? [:] }
        try OptimizerCheckpoint(kind: "SGD", learningRate: learningRate, settings: settings, state: state)
            .save(to: url, names: parameterNames(parameters, in: model))
    }

    /// Restores the momentum buffers and the learning rate from a file written by
    /// ``save(to:model:)``; all or nothing.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - model: The module the parameter names come from, as when saving.
    /// - Throws: ``SafeTensorsError`` when the file cannot be read; ``StateDictError`` when it
    ///   holds another optimizer's state, other momentum, dampening, weight decay or Nesterov
    ///   setting, keys that are not this optimizer's, or shapes or dtypes that differ.
    public func load(from url: URL, model: (any Module)? = nil) throws {
        let checkpoint = try OptimizerCheckpoint.load(
            from: url, kind: "SGD", settings: settings, parameters: parameters,
            names: parameterNames(parameters, in: model), slots: ["momentum_buffer"])
        restoreMomentumBuffers(checkpoint.state.map { $0["momentum_buffer"] })
        learningRate = checkpoint.learningRate
    }

    /// The hyperparameters a checkpoint must agree on.
    private var settings: [String: String] {
        [
            "momentum": "\(momentum)", "dampening": "\(dampening)", "weight_decay": "\(weightDecay)",
            "nesterov": "\(nesterov)",
        ]
    }
}

extension Adam {
    /// Writes each parameter's moments and step count, and the hyperparameters, to a
    /// safetensors file (see ``SGD/save(to:model:)`` for the keys).
    ///
    /// - Parameters:
    ///   - url: The file, replaced atomically.
    ///   - model: The module the parameter names come from; without it, positions name them.
    /// - Throws: ``SafeTensorsError`` when the file cannot be written.
    /// - Precondition: Every parameter of this optimizer is a parameter of `model`.
    public func save(to url: URL, model: (any Module)? = nil) throws {
        let state = momentsForCheckpoint.map { entry -> [String: Tensor] in
            guard let m = entry.m, let v = entry.v else { return [:] }
            return ["exp_avg": m, "exp_avg_sq": v, "step": Tensor(scalar: Double(entry.step), dtype: .float64)]
        }
        try OptimizerCheckpoint(kind: kind, learningRate: learningRate, settings: settings, state: state)
            .save(to: url, names: parameterNames(parameters, in: model))
    }

    /// Restores the moments, step counts and learning rate from a file written by
    /// ``save(to:model:)``; all or nothing.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - model: The module the parameter names come from, as when saving.
    /// - Throws: ``SafeTensorsError`` when the file cannot be read; ``StateDictError`` when it
    ///   holds another optimizer's state (Adam and AdamW differ), other betas, eps or weight
    ///   decay, keys that are not this optimizer's, a parameter with some of its three entries
    ///   but not all, a step that is not a positive integer, or shapes or dtypes that differ.
    public func load(from url: URL, model: (any Module)? = nil) throws {
        let checkpoint = try OptimizerCheckpoint.load(
            from: url, kind: kind, settings: settings, parameters: parameters,
            names: parameterNames(parameters, in: model), slots: ["exp_avg", "exp_avg_sq", "step"])
        restoreMoments(
            checkpoint.state.map { entry in
                (entry["exp_avg"], entry["exp_avg_sq"], entry["step"].map { Int($0.item()) } ?? 0)
            })
        learningRate = checkpoint.learningRate
    }

    private var kind: String { decoupled ? "AdamW" : "Adam" }

    /// The hyperparameters a checkpoint must agree on.
    private var settings: [String: String] {
        let (beta1, beta2, eps) = momentHyperparameters
        return ["beta1": "\(beta1)", "beta2": "\(beta2)", "eps": "\(eps)", "weight_decay": "\(weightDecay)"]
    }
}

/// The names of an optimizer's parameters: their names in `model`, or their positions.
private func parameterNames(_ parameters: [Tensor], in model: (any Module)?) -> [String] {
    guard let model else { return parameters.indices.map { "\($0)" } }
    let names = Dictionary(
        model.namedParameters.map { (ObjectIdentifier($0.tensor), $0.name) }, uniquingKeysWith: { a, _ in a })
    return parameters.enumerated().map { i, p in
        guard let name = names[ObjectIdentifier(p)] else {
            preconditionFailure(
                "optimizer checkpoint: parameter \(i) (shape \(p.shape)) is not a parameter of the model")
        }
        return name
    }
}
