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
    /// - Precondition: `x` is a matrix with at least one row.
    public init(fitting x: Tensor) {
        require(
            x.rank == 2 && x.shape[0] > 0,
            "StandardScaler(fitting:): expects [rows, features] with at least one row, given \(x.shape)")
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
    /// - Precondition: `x` is a matrix as wide as the data the scaler was fitted on.
    public func transform(_ x: Tensor) -> Tensor {
        require(
            x.rank == 2 && x.shape[1] == mean.shape[1],
            "StandardScaler.transform: fitted on \(mean.shape[1]) features, given \(x.shape)")
        return withNoGrad { ((x.to(.float64) - mean) / scale).to(x.dtype) }
    }
}
