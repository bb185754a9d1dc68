/// Standardises features to zero mean and unit variance per column, z = (x − μ) / σ, with μ
/// and the population σ learned from training data (as scikit-learn's `StandardScaler`; a
/// constant column keeps σ = 1).
///
/// ```swift
/// let scaler = StandardScaler(fitting: train.features)
/// let xTrain = scaler.transform(train.features)
/// let xTest = scaler.transform(test.features)     // with the training statistics
/// ```
public struct StandardScaler {
    /// μ per column, [1, features].
    public let mean: Tensor
    /// σ per column, [1, features].
    public let scale: Tensor

    /// Learns μ and σ of each column of `x`.
    ///
    /// - Parameter x: [rows, features].
    public init(fitting x: Tensor) {
        (mean, scale) = withNoGrad {
            let x64 = x.to(.float64)
            let mu = x64.mean(axis: 0, keepDims: true)
            let sigma = sqrt((x64 - mu).squared().mean(axis: 0, keepDims: true))
            let safe = Tensor(sigma.asArray(Double.self).map { $0 == 0 ? 1 : $0 }, shape: sigma.shape, dtype: .float64)
            return (mu, safe)
        }
    }

    /// (x − μ) / σ, in x's dtype.
    ///
    /// - Parameter x: [rows, features] with the fitted number of features.
    public func transform(_ x: Tensor) -> Tensor {
        withNoGrad { ((x.to(.float64) - mean) / scale).to(x.dtype) }
    }
}

/// Index batches for one epoch of mini-batch training: `0 ..< count` shuffled by `generator`,
/// cut into batches of `batchSize` (the last may be smaller).
///
/// - Parameters:
///   - count: The number of rows.
///   - batchSize: Rows per batch.
///   - generator: The source of the shuffle, advanced by it.
/// - Returns: The batches, to use with `rows(at:)`.
public func shuffledBatches(count: Int, batchSize: Int, generator: inout RandomGenerator) -> [[Int]] {
    require(batchSize > 0, "shuffledBatches: batchSize must be positive")
    let order = generator.permutation(count)
    return stride(from: 0, to: count, by: batchSize).map { Array(order[$0..<Swift.min($0 + batchSize, count)]) }
}
