import Foundation

extension StandardScaler {
    /// The `__metadata__` key listing the scaler's tensors in a model file.
    static let metadataKey = "neuron.scaler"

    /// μ and σ as [features] float64 tensors under the names a model file keeps them.
    var namedTensors: [String: Tensor] {
        let features = mean.shape[1]
        return [
            "scaler.mean": Tensor(mean.asArray(Double.self), shape: [features], dtype: .float64),
            "scaler.scale": Tensor(scale.asArray(Double.self), shape: [features], dtype: .float64),
        ]
    }

    /// Reads the scaler saved with a model by ``Module/save(to:metadata:scaler:)``.
    ///
    /// - Parameter url: A safetensors file holding `scaler.mean` and `scaler.scale`.
    /// - Throws: ``SafeTensorsError`` when the file cannot be read; ``StateDictError`` when it
    ///   holds no scaler, or one whose tensors do not agree (shapes, non-finite values, σ ≤ 0).
    public init(contentsOf url: URL) throws {
        let tensors = try SafeTensors.load(from: url).tensors
        let missing = ["scaler.mean", "scaler.scale"].filter { tensors[$0] == nil }
        guard missing.isEmpty, let mean = tensors["scaler.mean"], let scale = tensors["scaler.scale"] else {
            throw StateDictError(source: url.path, missingKeys: missing)
        }
        guard mean.rank == 1, mean.shape == scale.shape, mean.count > 0 else {
            throw StateDictError(
                source: url.path,
                mismatches: ["scaler.mean has shape \(mean.shape) and scaler.scale \(scale.shape); expected two equal [features]"])
        }
        let mu = mean.asArray(Double.self)
        let sigma = scale.asArray(Double.self)
        if let i = mu.indices.first(where: { !mu[$0].isFinite || !sigma[$0].isFinite || sigma[$0] <= 0 }) {
            throw StateDictError(
                source: url.path,
                mismatches: ["scaler feature \(i) has mean \(mu[i]) and scale \(sigma[i]); expected finite, scale > 0"])
        }
        self.init(mean: mu, scale: sigma)
    }
}
