import Foundation

extension Module {
    /// Writes the parameters to a safetensors file under PyTorch's state_dict names
    /// (`"0.weight"`, `"0.bias"`, …) and layouts (a Linear weight is [out, in]), each in its own
    /// dtype, so that `torch.nn.Sequential(...).load_state_dict(load_file(path))` reads it.
    ///
    /// ```swift
    /// try model.save(to: URL(fileURLWithPath: "model.safetensors"))
    /// ```
    ///
    /// - Parameters:
    ///   - url: The file, replaced atomically.
    ///   - metadata: The `__metadata__` strings; `["format": "pt"]` by default, as Hugging Face writes.
    /// - Throws: ``SafeTensorsError`` when the file cannot be written.
    public func save(to url: URL, metadata: [String: String] = ["format": "pt"]) throws {
        try save(to: url, metadata: metadata, scaler: nil)
    }

    /// Writes the parameters as ``save(to:metadata:)`` does, and the scaler that prepares the
    /// model's input as `scaler.mean` and `scaler.scale` (float64, [features]) in the same
    /// file, so that one file restores the whole prediction (``StandardScaler/init(contentsOf:)``).
    /// ``load(from:strict:)`` skips the scaler's tensors; PyTorch's strict `load_state_dict`
    /// needs them filtered out (`{k: v for k, v in d.items() if not k.startswith("scaler.")}`).
    ///
    /// ```swift
    /// try model.save(to: url, scaler: scaler)
    /// let restored = try StandardScaler(contentsOf: url)
    /// ```
    ///
    /// - Parameters:
    ///   - url: The file, replaced atomically.
    ///   - metadata: The `__metadata__` strings; a `neuron.scaler` entry is added when `scaler` is given.
    ///   - scaler: The fitted scaler, or nil.
    /// - Throws: ``SafeTensorsError`` when the file cannot be written.
    public func save(to url: URL, metadata: [String: String] = ["format": "pt"], scaler: StandardScaler?) throws {
        var tensors = Dictionary(namedParameters.map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a })
        var metadata = metadata
        if let scaler {
            for (key, value) in scaler.namedTensors {
                require(tensors[key] == nil, "Module.save: the model has a parameter named \(key), as the scaler's")
                tensors[key] = value
            }
            metadata[StandardScaler.metadataKey] = scaler.namedTensors.map(\.key).sorted().joined(separator: ",")
        }
        try SafeTensors.save(tensors, metadata: metadata, to: url)
    }

    /// Reads parameters from a safetensors file written by ``save(to:metadata:)`` or by PyTorch
    /// (`safetensors.torch.save_file(model.state_dict(), path)`), copying them into the model's
    /// own tensors, which keep their identities (an optimizer holding them goes on working).
    ///
    /// Strict (the default), as PyTorch's `load_state_dict(strict=True)`: a parameter missing
    /// from the file, a tensor in the file that is not a parameter, or a shape that differs
    /// throws a ``StateDictError`` naming every such key, and the model is left unchanged.
    /// Not strict, those keys are skipped and listed in the returned report (unlike PyTorch,
    /// which refuses mis-shaped keys even then). A value of another dtype is converted to the
    /// parameter's, as PyTorch's `copy_` converts: float32 to float64 exactly, float64 to
    /// float32 rounded to nearest; the report lists those keys.
    ///
    /// ```swift
    /// let model = Sequential(Linear(4, 8), ReLU(), Linear(8, 1))
    /// try model.load(from: URL(fileURLWithPath: "model.safetensors"))
    /// ```
    ///
    /// - Parameters:
    ///   - url: A safetensors file.
    ///   - strict: Whether keys that do not match throw.
    /// - Returns: What was loaded, skipped and converted.
    /// - Throws: ``SafeTensorsError`` when the file cannot be read, ``StateDictError`` when
    ///   strict and the keys or shapes do not match.
    @discardableResult
    public func load(from url: URL, strict: Bool = true) throws -> StateDictLoadReport {
        let file = try SafeTensors.load(from: url)
        let preprocessing = Set(file.metadata[StandardScaler.metadataKey]?.split(separator: ",").map(String.init) ?? [])
        return try load(
            stateDict: file.tensors.filter { !preprocessing.contains($0.key) }, strict: strict, source: url.path)
    }

    /// Copies tensors into the parameters of the same names (see ``load(from:strict:)``).
    ///
    /// - Parameters:
    ///   - stateDict: Tensors by parameter name.
    ///   - strict: Whether keys that do not match throw.
    ///   - source: A name for the tensors in error messages.
    /// - Returns: What was loaded, skipped and converted.
    /// - Throws: ``StateDictError`` when strict and the keys or shapes do not match.
    @discardableResult
    public func load(stateDict: [String: Tensor], strict: Bool = true, source: String = "state dict")
        throws(StateDictError) -> StateDictLoadReport
    {
        let parameters = namedParameters
        let names = Set(parameters.map(\.name))
        var report = StateDictLoadReport()
        report.unexpectedKeys = stateDict.keys.filter { !names.contains($0) }.sorted()
        var assignments: [(Tensor, Tensor)] = []
        for (name, parameter) in parameters {
            guard let value = stateDict[name] else {
                report.missingKeys.append(name)
                continue
            }
            guard value.shape == parameter.shape else {
                report.mismatchedKeys.append(
                    "size mismatch for \(name): the source has shape \(value.shape), the model \(parameter.shape)")
                continue
            }
            if value.dtype != parameter.dtype { report.convertedKeys.append(name) }
            report.loadedKeys.append(name)
            assignments.append((parameter, value))
        }
        if strict && !(report.missingKeys.isEmpty && report.unexpectedKeys.isEmpty && report.mismatchedKeys.isEmpty) {
            throw StateDictError(
                source: source, missingKeys: report.missingKeys, unexpectedKeys: report.unexpectedKeys,
                mismatches: report.mismatchedKeys)
        }
        withNoGrad {
            for (parameter, value) in assignments {
                parameter.assign(
                    value.dtype == parameter.dtype
                        ? value : Tensor(value.asArray(Double.self), shape: value.shape, dtype: parameter.dtype))
            }
        }
        return report
    }
}

/// What ``Module/load(from:strict:)`` did with each key.
public struct StateDictLoadReport: Equatable, Sendable {
    /// The parameters given new values, in the model's order.
    public var loadedKeys: [String] = []
    /// The model's parameters the source has no tensor for (left as they were).
    public var missingKeys: [String] = []
    /// The source's tensors that are no parameter of the model (ignored), sorted.
    public var unexpectedKeys: [String] = []
    /// A sentence for each parameter whose shape differs from the source's (left as it was).
    public var mismatchedKeys: [String] = []
    /// The loaded parameters whose value was converted to the parameter's dtype.
    public var convertedKeys: [String] = []
}

/// Tensors that do not fit a model or an optimizer: the keys missing, unexpected or mismatched,
/// each named, in the layout of PyTorch's message.
///
/// ```text
/// Error(s) in loading state from model.safetensors:
///     Missing key(s): "2.weight", "2.bias".
///     Unexpected key(s): "3.weight".
///     size mismatch for 0.weight: the source has shape [4, 3], the model [4, 2].
/// ```
public struct StateDictError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file's path or the name of the tensors given.
    public let source: String
    /// Keys the model or optimizer needs that the source lacks.
    public var missingKeys: [String] = []
    /// Keys in the source that the model or optimizer does not have.
    public var unexpectedKeys: [String] = []
    /// A sentence for each other mismatch: a shape, a dtype, an optimizer type or hyperparameter.
    public var mismatches: [String] = []

    /// An error about `source` with the given keys and mismatches.
    ///
    /// - Parameters:
    ///   - source: The file's path or the tensors' name.
    ///   - missingKeys: Keys the source lacks.
    ///   - unexpectedKeys: Keys the source has and should not.
    ///   - mismatches: A sentence for each other mismatch.
    public init(source: String, missingKeys: [String] = [], unexpectedKeys: [String] = [], mismatches: [String] = []) {
        self.source = source
        self.missingKeys = missingKeys
        self.unexpectedKeys = unexpectedKeys
        self.mismatches = mismatches
    }

    /// The problems, one per line.
    public var description: String {
        func list(_ keys: [String]) -> String { keys.map { "\"\($0)\"" }.joined(separator: ", ") }
        var lines = ["Error(s) in loading state from \(source):"]
        if !missingKeys.isEmpty { lines.append("    Missing key(s): \(list(missingKeys)).") }
        if !unexpectedKeys.isEmpty { lines.append("    Unexpected key(s): \(list(unexpectedKeys)).") }
        lines += mismatches.map { "    \($0)." }
        return lines.joined(separator: "\n")
    }
}
