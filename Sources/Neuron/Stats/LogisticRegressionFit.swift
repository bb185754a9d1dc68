import Foundation

/// A fitted binary logistic regression: the model, the estimate and, for an unpenalised fit,
/// the inference statsmodels' `Logit` reports (intercept first, named "const").
public struct LogisticRegressionFit {
    /// The fitted model, `Sequential(Linear(d, 1), Sigmoid())` in float64.
    public let model: Sequential
    /// The intercept b.
    public let intercept: Double
    /// The coefficients w, one per feature.
    public let coefficients: [Double]
    /// The feature names, in the order of `coefficients`.
    public let featureNames: [String]
    /// The iterations the solver took.
    public let iterations: Int
    /// Whether the solver reached its tolerance (a fit that did not throws instead).
    public let converged: Bool
    /// The number of rows fitted.
    public let observations: Int
    /// The estimator that produced the fit.
    public let estimator: LogisticRegression
    /// ln L at the estimate: ∑ᵢ yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ).
    public let logLikelihood: Double
    /// ln L of the intercept-only model: n·(ȳ ln ȳ + (1 − ȳ) ln(1 − ȳ)).
    public let nullLogLikelihood: Double
    private let inference: LogisticInference?

    init(
        estimator: LogisticRegression, objective: LogisticObjective, result: SolverResult, featureNames: [String]
    ) throws(LogisticRegressionError) {
        let theta = result.theta
        let d = theta.count - 1
        model = Sequential(fittedLinear(weights: Array(theta[1...]), biases: [theta[0]], features: d), Sigmoid())
        intercept = theta[0]
        coefficients = Array(theta[1...])
        self.featureNames = featureNames
        iterations = result.iterations
        converged = true
        observations = objective.n
        self.estimator = estimator
        let y = objective.targets!.asArray(Double.self)
        let z = withNoGrad { objective.logits(objective.tensor(theta)) }.asArray(Double.self)
        // ln σ(z) = −softplus(−z), ln(1 − σ(z)) = −softplus(z): exact at any z.
        logLikelihood = zip(z, y).reduce(0) { total, zy in total - (zy.1 == 1 ? softplus(-zy.0) : softplus(zy.0)) }
        let mean = y.reduce(0, +) / Double(y.count)
        nullLogLikelihood = Double(y.count) * (mean * Foundation.log(mean) + (1 - mean) * Foundation.log(1 - mean))
        inference =
            estimator.penalty == .none
            ? try LogisticInference(objective: objective, theta: theta, z: z, y: y, type: estimator.covarianceType)
            : nil
    }

    /// P(y = 1 | x) for new rows.
    ///
    /// - Parameter x: Features [m, d].
    /// - Returns: The m probabilities, [m], float64.
    public func probabilities(_ x: Tensor) -> Tensor {
        withNoGrad { model(x.to(.float64)).reshaped([x.shape[0]]) }
    }

    /// The class (0 or 1) of each new row, 1 where P(y = 1 | x) ≥ 0.5.
    ///
    /// - Parameter x: Features [m, d].
    /// - Returns: m labels.
    public func predict(_ x: Tensor) -> [Int] {
        probabilities(x).asArray(Double.self).map { $0 >= 0.5 ? 1 : 0 }
    }

    // MARK: - Inference (unpenalised fits)

    /// The covariance of [intercept, coefficients…]: the inverse observed information, or the
    /// HC0 sandwich with `covarianceType: .hc0`. [d + 1, d + 1].
    ///
    /// - Precondition: The fit is unpenalised (a penalised estimate has no such covariance).
    public var covariance: Tensor {
        let c = requireInference("covariance").covariance
        return Tensor(c, shape: [coefficients.count + 1, coefficients.count + 1], dtype: .float64)
    }

    /// The standard error of each parameter, intercept first.
    ///
    /// - Precondition: The fit is unpenalised.
    public var standardErrors: [Double] { requireInference("standardErrors").standardErrors }

    /// z = estimate / standard error, intercept first.
    ///
    /// - Precondition: The fit is unpenalised.
    public var zScores: [Double] {
        zip(parameters, requireInference("zScores").standardErrors).map { $0 / $1 }
    }

    /// Two-sided p-values 2·Φ(−|z|), intercept first.
    ///
    /// - Precondition: The fit is unpenalised.
    public var pValues: [Double] { zScores.map { 2 * Kernels.normalSurvival(Swift.abs($0)) } }

    /// Wald confidence intervals estimate ± z₁₋α/₂·se, intercept first.
    ///
    /// - Parameter level: The coverage, e.g. 0.95.
    /// - Returns: One (lower, upper) pair per parameter.
    /// - Precondition: The fit is unpenalised; 0 < level < 1.
    public func confidenceIntervals(level: Double = 0.95) -> [(lower: Double, upper: Double)] {
        require(level > 0 && level < 1, "confidenceIntervals: level must be in (0, 1), got \(level)")
        let q = Kernels.normalQuantile(1 - (1 - level) / 2)
        return zip(parameters, requireInference("confidenceIntervals").standardErrors).map { ($0 - q * $1, $0 + q * $1) }
    }

    /// McFadden's pseudo-R²: 1 − ln L / ln L₀.
    public var pseudoRSquared: Double { 1 - logLikelihood / nullLogLikelihood }

    /// The likelihood-ratio statistic 2(ln L − ln L₀) against the intercept-only model.
    public var likelihoodRatio: Double { 2 * (logLikelihood - nullLogLikelihood) }

    /// The p-value of `likelihoodRatio` on a χ² distribution with d degrees of freedom.
    public var likelihoodRatioPValue: Double {
        Kernels.chiSquareSurvival(likelihoodRatio, degreesOfFreedom: Double(coefficients.count))
    }

    /// Akaike's criterion −2 ln L + 2(d + 1).
    public var aic: Double { -2 * logLikelihood + 2 * Double(coefficients.count + 1) }

    /// The Bayesian criterion −2 ln L + ln(n)·(d + 1).
    public var bic: Double { -2 * logLikelihood + Foundation.log(Double(observations)) * Double(coefficients.count + 1) }

    /// [intercept, coefficients…].
    var parameters: [Double] { [intercept] + coefficients }

    private func requireInference(_ name: String) -> LogisticInference {
        guard let inference else {
            fatalError(
                "LogisticRegressionFit.\(name): standard errors exist only for an unpenalised fit (penalty: .none); "
                    + "this one used \(estimator.penalty)")
        }
        return inference
    }
}

/// The covariance of an unpenalised estimate and the standard errors it gives.
struct LogisticInference {
    let covariance: [Double]
    let standardErrors: [Double]

    init(objective: LogisticObjective, theta: [Double], z: [Double], y: [Double], type: LogisticRegression.CovarianceType)
        throws(LogisticRegressionError)
    {
        let p = theta.count
        let n = Double(objective.n)
        // Observed information: n times the Hessian of the mean negative log-likelihood.
        let information = objective.hessianMatrix(theta).map { $0 * n }
        var inverse: [Double]
        do {
            inverse = try Kernels.inverseSPD(information, n: p)
        } catch {
            throw .singularInformation(detail: error.description)
        }
        if type == .hc0 {
            // Sandwich: H⁻¹ (∑ᵢ gᵢgᵢᵀ) H⁻¹ with gᵢ = (yᵢ − pᵢ)·x̃ᵢ.
            let x = objective.design.asArray(Double.self)
            var meat = [Double](repeating: 0, count: p * p)
            for i in 0..<objective.n {
                let r = y[i] - 1 / (1 + Foundation.exp(-z[i]))
                for a in 0..<p {
                    for b in 0..<p { meat[a * p + b] += r * r * x[i * p + a] * x[i * p + b] }
                }
            }
            inverse = LogisticInference.product(LogisticInference.product(inverse, meat, p), inverse, p)
        }
        covariance = inverse
        standardErrors = (0..<p).map { inverse[$0 * p + $0].squareRoot() }
    }

    /// A·B for p × p row-major matrices.
    private static func product(_ a: [Double], _ b: [Double], _ p: Int) -> [Double] {
        var c = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for k in 0..<p {
                let aik = a[i * p + k]
                for j in 0..<p { c[i * p + j] += aik * b[k * p + j] }
            }
        }
        return c
    }
}

/// ln(1 + eˣ), computed without overflow.
private func softplus(_ x: Double) -> Double { Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x))) }
