import Foundation

/// An optimizer's state as it goes to and comes from a file: its type, learning rate and
/// other hyperparameters, and each parameter's tensors by slot name ("exp_avg", …; empty for a
/// parameter that has not stepped). See Optimizer+SafeTensors.swift for the layout.
struct OptimizerCheckpoint {
    /// "SGD", "Adam" or "AdamW".
    var kind: String
    /// η when saved; restored on load.
    var learningRate: Double
    /// The other hyperparameters, as text; a file must agree with the optimizer on each.
    var settings: [String: String]
    /// Per parameter, its tensors by slot.
    var state: [[String: Tensor]]

    /// The value of `__metadata__["format"]` in an optimizer checkpoint.
    static let format = "neuron-optimizer"

    /// Writes the state, the tensors keyed "<name>.<slot>".
    func save(to url: URL, names: [String]) throws {
        var tensors: [String: Tensor] = [:]
        for (name, slots) in zip(names, state) {
            for (slot, tensor) in slots { tensors["\(name).\(slot)"] = tensor }
        }
        var metadata = settings
        metadata["format"] = Self.format
        metadata["optimizer"] = kind
        metadata["lr"] = "\(learningRate)"
        try SafeTensors.save(tensors, metadata: metadata, to: url)
    }

    /// Reads and checks a checkpoint for an optimizer of type `kind` with `settings`, over
    /// `parameters` named `names`, whose per-parameter slots are `slots` (all present or none;
    /// a "step" slot holds a float64 scalar, the others a tensor of the parameter's shape and dtype).
    static func load(
        from url: URL, kind: String, settings: [String: String], parameters: [Tensor], names: [String],
        slots: [String]
    ) throws -> OptimizerCheckpoint {
        let file = try SafeTensors.load(from: url)
        var error = StateDictError(source: url.path)
        let metadata = file.metadata
        guard metadata["format"] == format, metadata["optimizer"] == kind else {
            error.mismatches.append(
                metadata["format"] == format
                    ? "the file holds the state of \(metadata["optimizer"] ?? "an unnamed optimizer"), not of \(kind)"
                    : "the file is not an optimizer checkpoint (its __metadata__ lacks \"format\": \"\(format)\")")
            throw error
        }
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) where metadata[key] != value {
            error.mismatches.append("\(key) is \(metadata[key] ?? "missing") in the file, \(value) in this \(kind)")
        }
        let learningRate = metadata["lr"].flatMap(Double.init) ?? -1
        if !(learningRate.isFinite && learningRate >= 0) {
            error.mismatches.append("lr \"\(metadata["lr"] ?? "")\" in the file is not a finite number ≥ 0")
        }
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var state = Array(repeating: [String: Tensor](), count: parameters.count)
        for (key, tensor) in file.tensors.sorted(by: { $0.key < $1.key }) {
            guard let dot = key.lastIndex(of: "."), let i = index[String(key[..<dot])],
                case let slot = String(key[key.index(after: dot)...]), slots.contains(slot)
            else {
                error.unexpectedKeys.append(key)
                continue
            }
            if let problem = mismatch(tensor, key: key, slot: slot, parameter: parameters[i]) {
                error.mismatches.append(problem)
            }
            state[i][slot] = tensor
        }
        for (i, entry) in state.enumerated() where !entry.isEmpty {
            error.missingKeys += slots.filter { entry[$0] == nil }.map { "\(names[i]).\($0)" }
        }
        guard error.missingKeys.isEmpty && error.unexpectedKeys.isEmpty && error.mismatches.isEmpty else { throw error }
        return OptimizerCheckpoint(kind: kind, learningRate: learningRate, settings: settings, state: state)
    }

    /// What is wrong with one slot's tensor, or nil.
    private static func mismatch(_ tensor: Tensor, key: String, slot: String, parameter: Tensor) -> String? {
        if slot == "step" {
            let step = tensor.count == 1 ? tensor[flat: 0] : 0
            let valid = tensor.shape == [] && step >= 1 && step <= 0x1p53 && step.rounded() == step
            return valid
                ? nil
                : "\(key) must be a whole number ≥ 1 of shape [], found shape \(tensor.shape)"
                    + (tensor.count == 1 ? " holding \(step)" : "")
        }
        if tensor.shape != parameter.shape {
            return "size mismatch for \(key): the file has shape \(tensor.shape), the parameter \(parameter.shape)"
        }
        if tensor.dtype != parameter.dtype {
            return "dtype mismatch for \(key): the file has \(tensor.dtype), the parameter \(parameter.dtype)"
        }
        return nil
    }
}
