extension RandomGraph {
    /// The outcome of checking a random graph's first and second derivatives.
    public enum Verdict: Sendable, Equatable, CustomStringConvertible {
        /// gradcheck and gradgradcheck passed.
        case passed
        /// No derivative could be compared: at every finite-difference step tried, some
        /// perturbation moved an input of relu, abs, clamp or max across its kink.
        case skipped(reason: String)
        /// The analytic derivatives disagree with finite differences at every step tried
        /// (or the forward pass produced a value that is not finite).
        case failed(reason: String)

        /// "passed", or the reason for skipping or failing.
        public var description: String {
            switch self {
            case .passed: "passed"
            case .skipped(let reason): "skipped: \(reason)"
            case .failed(let reason): "FAILED: \(reason)"
            }
        }
    }

    /// The finite-difference steps tried in turn; a graph passes at the first that agrees.
    public static let checkSteps: [Double] = [1e-6, 1e-5, 1e-7, 1e-4]

    /// Runs `gradcheck` and `gradgradcheck` on the graph, at each of ``checkSteps`` until one
    /// passes without any perturbation crossing a kink (see the type's discussion); first
    /// checks that the three ways of asking for the gradient agree: `Tensor.gradients(of:…)`,
    /// the same with `createGraph` (which takes the composed backward rules instead of the
    /// fused kernels) and `backward(gradient:)` into `grad`.
    ///
    /// - Parameters:
    ///   - atol: Absolute tolerance of both checks.
    ///   - rtol: Relative tolerance of both checks.
    /// - Returns: `.passed`, `.skipped` when every step crossed a kink, or `.failed` with the
    ///   first failing report.
    public func check(atol: Double = 1e-5, rtol: Double = 1e-3) -> Verdict {
        if let nonFiniteValue { return .failed(reason: "forward: \(nonFiniteValue)") }
        if let disagreement = gradientPathsDisagree() { return .failed(reason: disagreement) }
        var firstFailure: String?
        for eps in Self.checkSteps {
            switch attempt(eps: eps, atol: atol, rtol: rtol) {
            case .passed: return .passed
            case .skipped: continue
            case .failed(let reason): firstFailure = firstFailure ?? reason
            }
        }
        if let firstFailure { return .failed(reason: firstFailure) }
        return .skipped(
            reason: "every finite-difference step moved an input of relu, abs, clamp or max across its kink")
    }

    /// Both checks at one finite-difference step; `.skipped` if a perturbation crossed a kink.
    private func attempt(eps: Double, atol: Double, rtol: Double) -> Verdict {
        let inputs = self.inputs()
        let watch = KinkWatch()
        let function: ([Tensor]) -> Tensor = { self.evaluate($0, kinks: watch) }
        let output = function(inputs).asArray(Double.self)  // the unperturbed sides, observed first
        guard output.allSatisfy(\.isFinite) else { return .failed(reason: "forward: the result is not finite") }
        let first = gradcheck(function, inputs: inputs, eps: eps, atol: atol, rtol: rtol)
        if watch.crossed { return .skipped(reason: "kink") }
        guard first.passed else { return .failed(reason: "gradcheck at eps \(eps): \(first)") }
        let second = gradgradcheck(function, inputs: inputs, eps: eps, atol: atol, rtol: rtol)
        if watch.crossed { return .skipped(reason: "kink") }
        guard second.passed else { return .failed(reason: "gradgradcheck at eps \(eps): \(second)") }
        return .passed
    }

    /// Where the gradients computed with `createGraph` or by `backward(gradient:)` differ from
    /// the plain `Tensor.gradients(of:…)` by more than rounding, or nil when they agree.
    private func gradientPathsDisagree() -> String? {
        let seed = Tensor.randn(outputShape, seed: seed, dtype: .float64)
        func plain(createGraph: Bool) -> [[Double]] {
            let xs = inputs()
            return Tensor.gradients(of: self(xs), withRespectTo: xs, gradient: seed, createGraph: createGraph)
                .map { $0.asArray(Double.self) }
        }
        let reference = plain(createGraph: false)
        let xs = inputs()
        let y = self(xs)
        if y.requiresGrad { y.backward(gradient: seed) }
        let accumulated = xs.map { $0.grad?.asArray(Double.self) ?? [Double](repeating: 0, count: $0.count) }
        for (path, grads) in [("createGraph: true", plain(createGraph: true)), ("backward(gradient:)", accumulated)] {
            for (k, (a, b)) in zip(grads, reference).enumerated() {
                for (e, (u, v)) in zip(a, b).enumerated() where !(Swift.abs(u - v) <= 1e-10 + 1e-8 * Swift.abs(v)) {
                    return "the gradient with \(path) differs from Tensor.gradients(of:…) at input \(k), element \(e): "
                        + "\(u) vs \(v)"
                }
            }
        }
        return nil
    }
}
