import Foundation

/// Logistic regression as a statistical model: the mission's single neuron,
/// `Sequential(Linear(d, 1), Sigmoid())` in float64, fitted to the optimum of scikit-learn's
/// objective (mean BCE + r(w)/(n·C), the intercept never penalised) and, without a penalty,
/// reported as statsmodels' `Logit` reports it. The estimator only chooses how to reach the
/// optimum and what to say about it; see Docs/Statistics.md.
///
/// ```swift
/// let fit = try LogisticRegression().fit(x, y, featureNames: ["radius", "texture"])
/// print(fit.summary())
/// let sparse = try LogisticRegression(penalty: .l1(C: 0.15)).fit(x, y)   // exact zeros
/// ```
public struct LogisticRegression: Sendable {
    /// The penalty r(w) on the coefficients, scaled by 1/(n·C): smaller C, stronger penalty.
    public enum Penalty: Sendable, Equatable {
        /// Maximum likelihood: no penalty. The only case with standard errors.
        case none
        /// ½‖w‖².
        case l2(C: Double)
        /// ‖w‖₁: sets coefficients exactly to zero (solved by proximal Newton).
        case l1(C: Double)
        /// (1 − ρ)/2·‖w‖² + ρ‖w‖₁ with ρ = `l1Ratio` (solved by proximal Newton).
        case elasticNet(C: Double, l1Ratio: Double)
    }

    /// How the optimum is reached (ignored with an L1 or elastic-net penalty, which always use
    /// proximal Newton).
    public enum Solver: Sendable, Equatable {
        /// Newton–Raphson (IRLS) on autograd's Hessian, halving the step until the objective
        /// decreases.
        case newton
        /// L-BFGS with the strong-Wolfe line search.
        case lbfgs
        /// Plain gradient descent with a fixed learning rate: the neural-network way, slow.
        case gradientDescent(lr: Double)
    }

    /// Which covariance the standard errors, z, p-values and intervals use.
    public enum CovarianceType: Sendable, Equatable {
        /// The inverse observed information (statsmodels' `nonrobust`).
        case nonrobust
        /// The sandwich H⁻¹(∑ᵢ gᵢgᵢᵀ)H⁻¹ with the rows' score contributions gᵢ (`HC0`).
        case hc0
    }

    /// The penalty.
    public var penalty: Penalty
    /// The solver.
    public var solver: Solver
    /// Converged when max |∂F/∂θ| ≤ tolerance (for proximal Newton: when the step is).
    public var tolerance: Double
    /// The most iterations before `LogisticRegressionError.notConverged` is thrown.
    public var maxIterations: Int
    /// The covariance behind the inference figures.
    public var covarianceType: CovarianceType

    /// An estimator.
    ///
    /// - Parameters:
    ///   - penalty: `.none` (default), `.l2(C:)`, `.l1(C:)` or `.elasticNet(C:l1Ratio:)`.
    ///   - solver: `.newton` (default), `.lbfgs` or `.gradientDescent(lr:)`.
    ///   - tolerance: The convergence tolerance on the gradient (10⁻⁸).
    ///   - maxIterations: The iteration budget (100).
    ///   - covarianceType: `.nonrobust` (default) or `.hc0`.
    /// - Precondition: C > 0, 0 ≤ l1Ratio ≤ 1, tolerance > 0, maxIterations > 0, lr > 0.
    public init(
        penalty: Penalty = .none, solver: Solver = .newton, tolerance: Double = 1e-8, maxIterations: Int = 100,
        covarianceType: CovarianceType = .nonrobust
    ) {
        switch penalty {
        case .none: break
        case .l2(let c), .l1(let c):
            require(c > 0 && c.isFinite, "LogisticRegression: C must be a positive finite number, got \(c)")
        case .elasticNet(let c, let ratio):
            require(c > 0 && c.isFinite, "LogisticRegression: C must be a positive finite number, got \(c)")
            require((0...1).contains(ratio), "LogisticRegression: l1Ratio must be in [0, 1], got \(ratio)")
        }
        if case .gradientDescent(let lr) = solver {
            require(lr > 0 && lr.isFinite, "LogisticRegression: lr must be a positive finite number, got \(lr)")
        }
        require(tolerance > 0, "LogisticRegression: tolerance must be positive, got \(tolerance)")
        require(maxIterations > 0, "LogisticRegression: maxIterations must be positive, got \(maxIterations)")
        self.penalty = penalty
        self.solver = solver
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.covarianceType = covarianceType
    }

    /// Fits the binary model P(y = 1 | x) = σ(b + wᵀx).
    ///
    /// - Parameters:
    ///   - x: Features [n, d], float32 or float64 (converted to float64).
    ///   - y: Targets of 0 and 1, [n] or [n, 1].
    ///   - featureNames: d names for the summary (x1, x2, … when nil).
    /// - Returns: The fitted model and, without a penalty, its inference.
    /// - Throws: `LogisticRegressionError`: separated classes (unpenalised), no convergence,
    ///   a singular information matrix, or invalid data.
    public func fit(_ x: Tensor, _ y: Tensor, featureNames: [String]? = nil) throws(LogisticRegressionError)
        -> LogisticRegressionFit
    {
        let (design, n, d) = try checkedDesign(x)
        guard y.count == n, y.rank == 1 || (y.rank == 2 && y.shape[1] == 1) else {
            throw .invalidData("y has shape \(y.shape); expected [\(n)] or [\(n), 1] for x of shape \(x.shape)")
        }
        let targets = y.asArray(Double.self)
        guard targets.allSatisfy({ $0 == 0 || $0 == 1 }) else {
            throw .invalidData("y must hold only 0 and 1")
        }
        guard targets.contains(0) && targets.contains(1) else {
            throw .invalidData("y holds only one class; a logistic regression needs both 0 and 1")
        }
        let names = featureNames ?? (1...Swift.max(d, 1)).prefix(d).map { "x\($0)" }
        guard names.count == d else { throw .invalidData("\(names.count) feature names for \(d) features") }
        if penalty == .none,
            let separated = Separation.find(rows: x.to(.float64).asArray(Double.self), n: n, d: d, labels: targets)
        {
            throw .perfectSeparation(complete: separated.complete, separatedRows: separated.strict, rows: n)
        }
        let objective = LogisticObjective(
            design: design, targets: Tensor(targets, shape: [n, 1], dtype: .float64), labels: [], classes: 1,
            penalty: penalty)
        let result = try minimize(objective)
        return try LogisticRegressionFit(estimator: self, objective: objective, result: result, featureNames: names)
    }

    /// Fits the multinomial model P(y = k | x) = softmax(Wx + b)ₖ, as
    /// `Sequential(Linear(d, K), Softmax(axis: 1))`.
    ///
    /// - Parameters:
    ///   - x: Features [n, d].
    ///   - labels: n class indices in 0 ..< K, K ≥ 2 (K = 1 + the largest label).
    /// - Returns: The fitted model.
    /// - Throws: `LogisticRegressionError` for invalid data or no convergence.
    public func fit(_ x: Tensor, labels: [Int]) throws(LogisticRegressionError) -> MultinomialLogisticRegressionFit {
        let (design, n, d) = try checkedDesign(x)
        guard labels.count == n else { throw .invalidData("\(labels.count) labels for \(n) rows") }
        guard let top = labels.max(), labels.allSatisfy({ $0 >= 0 }), top >= 1, top < n else {
            throw .invalidData("labels must be class indices 0 ..< K with K ≥ 2 and at most one class per row")
        }
        let objective = LogisticObjective(
            design: design, targets: nil, labels: labels, classes: top + 1, penalty: penalty)
        let result = try minimize(objective)
        return MultinomialLogisticRegressionFit(theta: result.theta, classes: top + 1, features: d, result: result)
    }

    /// [1, x] in float64, after checking the shape and the values.
    private func checkedDesign(_ x: Tensor) throws(LogisticRegressionError) -> (Tensor, Int, Int) {
        guard x.rank == 2, x.shape[0] > 0 else { throw .invalidData("x must be [n, d] with n > 0, got \(x.shape)") }
        let x64 = x.to(.float64)
        guard x64.asArray(Double.self).allSatisfy(\.isFinite) else { throw .invalidData("x holds NaN or ±∞") }
        let (n, d) = (x.shape[0], x.shape[1])
        let design = withNoGrad { Tensor.concatenated([Tensor.ones([n, 1], dtype: .float64), x64.detached()], axis: 1) }
        return (design, n, d)
    }
}
