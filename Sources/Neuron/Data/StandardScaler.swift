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

    /// A scaler with known statistics, e.g. those of a model trained earlier (see
    /// ``StandardScaler/init(contentsOf:)`` to read them from the model's file).
    ///
    /// ```swift
    /// let scaler = StandardScaler(mean: [5.8, 3.1], scale: [0.83, 0.43])
    /// ```
    ///
    /// - Parameters:
    ///   - mean: μ per feature.
    ///   - scale: σ per feature.
    /// - Precondition: As many scales as means, at least one; every μ finite; every σ finite and > 0.
    public init(mean: [Double], scale: [Double]) {
        require(
            !mean.isEmpty && mean.count == scale.count,
            "StandardScaler(mean:scale:): \(mean.count) means and \(scale.count) scales; expected the same number, at least one")
        if let i = mean.indices.first(where: { !mean[$0].isFinite || !scale[$0].isFinite || scale[$0] <= 0 }) {
            fatalError(
                "StandardScaler(mean:scale:): feature \(i) has mean \(mean[i]) and scale \(scale[i]); "
                    + "the mean must be finite and the scale finite and > 0")
        }
        self.mean = Tensor(mean, shape: [1, mean.count], dtype: .float64)
        self.scale = Tensor(scale, shape: [1, scale.count], dtype: .float64)
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
