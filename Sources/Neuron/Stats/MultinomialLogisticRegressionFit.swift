/// A fitted multinomial logistic regression, `Sequential(Linear(d, K), Softmax(axis: 1))` in
/// float64. Its intercepts are determined only up to a constant shared by all classes (the
/// probabilities are not); without a penalty the coefficients are too.
public struct MultinomialLogisticRegressionFit {
    /// The fitted model.
    public let model: Sequential
    /// The coefficients, one row of d per class.
    public let coefficientMatrix: [[Double]]
    /// The intercepts, one per class.
    public let intercepts: [Double]
    /// The iterations the solver took.
    public let iterations: Int
    /// Whether the solver reached its tolerance (a fit that did not throws instead).
    public let converged: Bool

    init(theta: [Double], classes: Int, features d: Int, result: SolverResult) {
        let p = d + 1
        let weights = (0..<classes).map { k in Array(theta[(k * p + 1)..<(k * p + p)]) }
        let biases = (0..<classes).map { theta[$0 * p] }
        coefficientMatrix = weights
        intercepts = biases
        model = Sequential(fittedLinear(weights: weights.flatMap { $0 }, biases: biases, features: d), Softmax(axis: 1))
        iterations = result.iterations
        converged = true
    }

    /// The class probabilities of new rows, [m, K], float64.
    ///
    /// - Parameter x: Features [m, d].
    /// - Returns: Each row sums to one.
    public func probabilities(_ x: Tensor) -> Tensor { withNoGrad { model(x.to(.float64)) } }

    /// The most probable class of each new row.
    ///
    /// - Parameter x: Features [m, d].
    /// - Returns: m labels.
    public func predict(_ x: Tensor) -> [Int] { probabilities(x).argmax(axis: 1) }
}

/// A float64 `Linear(d, K)` holding the given weights ([K, d] row-major) and biases ([K]).
func fittedLinear(weights: [Double], biases: [Double], features d: Int) -> Linear {
    var rng = RandomGenerator(seed: 0)  // the values are overwritten; leaves the global generator alone
    let linear = Linear(d, biases.count, dtype: .float64, generator: &rng)
    withNoGrad {
        linear.weight.assign(Tensor(weights, shape: [biases.count, d], dtype: .float64))
        linear.bias!.assign(Tensor(biases, shape: [biases.count], dtype: .float64))
    }
    return linear
}
