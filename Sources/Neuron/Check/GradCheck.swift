/// The outcome of `gradcheck` or `gradgradcheck`: whether the analytic gradients agree with
/// central finite differences, and where they agree least.
public struct GradcheckReport: CustomStringConvertible, Sendable {
    /// True when every element satisfies |analytic − numeric| ≤ atol + rtol·|numeric|.
    public let passed: Bool
    /// The largest |analytic − numeric| over all checked elements.
    public let maxAbsoluteError: Double
    /// The largest |analytic − numeric| / max(|numeric|, tiny) over all checked elements.
    public let maxRelativeError: Double
    /// The input (position in `inputs`) holding the worst element.
    public let worstInput: Int
    /// The flat index, within that input, of the worst element.
    public let worstElement: Int
    /// The analytic derivative at the worst element.
    public let analytic: Double
    /// The finite-difference derivative at the worst element.
    public let numeric: Double
    /// How many derivatives were compared.
    public let checkedCount: Int

    /// One line saying whether the check passed and where the worst error is.
    public var description: String {
        let verdict = passed ? "passed" : "FAILED"
        return "gradcheck \(verdict): \(checkedCount) derivatives, max abs error \(maxAbsoluteError), "
            + "max rel error \(maxRelativeError); worst at input \(worstInput), element \(worstElement): "
            + "analytic \(analytic), numeric \(numeric)"
    }
}

/// Checks the gradients that autograd computes for `function` against float64 central finite
/// differences, (f(x + ε) − f(x − ε)) / 2ε, one input element at a time (as PyTorch's
/// `gradcheck`).
///
/// Every input that requires grad is checked. For an output of up to 32 elements the whole
/// Jacobian is compared; for a larger one, its product with a fixed random vector.
///
/// ```swift
/// let a = Tensor.randn([3], seed: 1, dtype: .float64, requiresGrad: true)
/// let report = gradcheck({ xs in xs[0].sigmoid().sum() }, inputs: [a])
/// report.passed   // true
/// ```
/// - Parameters:
///   - function: The computation to check; it is called many times with perturbed inputs.
///   - inputs: float64 tensors; those with `requiresGrad` are checked.
///   - eps: The finite-difference step.
///   - atol: Absolute tolerance.
///   - rtol: Relative tolerance.
/// - Returns: The report; `passed` says whether every element is within tolerance.
/// - Precondition: All inputs are float64 and at least one requires grad.
public func gradcheck(
    _ function: ([Tensor]) -> Tensor, inputs: [Tensor], eps: Double = 1e-6, atol: Double = 1e-5,
    rtol: Double = 1e-3
) -> GradcheckReport {
    require(
        inputs.allSatisfy { $0.dtype == .float64 },
        "gradcheck: inputs must be float64 for finite differences to be meaningful, got \(inputs.map(\.dtype))")
    let checked = inputs.indices.filter { inputs[$0].requiresGrad }
    require(!checked.isEmpty, "gradcheck: no input has requiresGrad set, so there is nothing to check")

    let output = function(inputs)
    let seeds = GradientSeeds(shape: output.shape)
    // analytic[s][c]: the gradient of seed s's projection with respect to checked input c.
    let analytic: [[[Double]]] = seeds.tensors.map { seed in
        guard output.requiresGrad else {
            return checked.map { [Double](repeating: 0, count: inputs[$0].count) }
        }
        let grads = Tensor.gradients(
            of: output, withRespectTo: checked.map { inputs[$0] }, gradient: seed, retainGraph: true)
        return grads.map { $0.asArray(Double.self) }
    }

    var worst = (abs: 0.0, rel: 0.0, input: checked[0], element: 0, analytic: 0.0, numeric: 0.0)
    var worstScore = -Double.infinity
    var passed = true
    var compared = 0
    for (c, i) in checked.enumerated() {
        let x = inputs[i]
        for e in 0..<x.count {
            let original = x.storage.element(e)
            x.storage.setElement(e, original + eps)
            let plus = function(inputs).asArray(Double.self)
            x.storage.setElement(e, original - eps)
            let minus = function(inputs).asArray(Double.self)
            x.storage.setElement(e, original)
            let column = zip(plus, minus).map { ($0 - $1) / (2 * eps) }
            for s in seeds.tensors.indices {
                let numeric = seeds.project(column, seed: s)
                let a = analytic[s][c][e]
                let error = Swift.abs(a - numeric)
                let ok = error <= atol + rtol * Swift.abs(numeric)
                passed = passed && ok
                compared += 1
                let score = error - (atol + rtol * Swift.abs(numeric))
                if score > worstScore || error.isNaN {
                    worstScore = error.isNaN ? .infinity : score
                    let rel = error / Swift.max(Swift.abs(numeric), .leastNormalMagnitude)
                    worst = (error, rel, i, e, a, numeric)
                }
            }
        }
    }
    return GradcheckReport(
        passed: passed, maxAbsoluteError: worst.abs, maxRelativeError: worst.rel, worstInput: worst.input,
        worstElement: worst.element, analytic: worst.analytic, numeric: worst.numeric, checkedCount: compared)
}

/// Checks second derivatives: the gradients of `function` (computed with `createGraph`) are
/// themselves checked by `gradcheck`, with respect to the inputs and to the incoming gradient
/// (as PyTorch's `gradgradcheck`).
///
/// - Parameters:
///   - function: The computation whose second derivatives to check.
///   - inputs: float64 tensors; those with `requiresGrad` are checked.
///   - seed: Seeds the random incoming gradient.
///   - eps: The finite-difference step.
///   - atol: Absolute tolerance.
///   - rtol: Relative tolerance.
/// - Returns: The report of the check on the gradient function.
/// - Precondition: All inputs are float64 and at least one requires grad.
public func gradgradcheck(
    _ function: @escaping ([Tensor]) -> Tensor, inputs: [Tensor], seed: UInt64 = 7, eps: Double = 1e-6,
    atol: Double = 1e-5, rtol: Double = 1e-3
) -> GradcheckReport {
    let checked = inputs.indices.filter { inputs[$0].requiresGrad }
    let shape = function(inputs).shape
    let incoming = Tensor.randn(shape, seed: seed, dtype: .float64, requiresGrad: true)
    let gradientFunction: ([Tensor]) -> Tensor = { all in
        let xs = Array(all.dropLast())
        let output = function(xs)
        guard output.requiresGrad else { return Tensor.zeros([0], dtype: .float64) }
        let grads = Tensor.gradients(
            of: output, withRespectTo: checked.map { xs[$0] }, gradient: all.last!, createGraph: true)
        return Tensor.concatenated(grads.map { $0.flattened() }, axis: 0)
    }
    return gradcheck(gradientFunction, inputs: inputs + [incoming], eps: eps, atol: atol, rtol: rtol)
}

/// The directions in which an output is probed: every one-hot vector for a small output (the
/// full Jacobian), one fixed random vector for a large one.
private struct GradientSeeds {
    let tensors: [Tensor]
    let values: [[Double]]

    init(shape: [Int]) {
        let n = Shape.count(shape)
        if n <= 32 {
            values = (0..<n).map { j in (0..<n).map { $0 == j ? 1 : 0 } }
        } else {
            var rng = RandomGenerator(seed: 0x5EED)
            values = [(0..<n).map { _ in rng.nextNormal() }]
        }
        tensors = values.map { Tensor($0, shape: shape, dtype: .float64) }
    }

    /// The seed's inner product with a column of the Jacobian.
    func project(_ column: [Double], seed s: Int) -> Double {
        zip(values[s], column).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
