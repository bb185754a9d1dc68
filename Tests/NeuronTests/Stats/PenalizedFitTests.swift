import Foundation
import Neuron
import Testing

/// The sparse problem of Tests/Reference/stats_reference.py: x [80, 100], y [80].
func sparseProblem() throws -> (x: Tensor, y: Tensor) {
    let table = try CSVTable(parsing: SparseProblem.csv, source: "SparseProblem.csv")
    let rows = try table.numbers(columns: Array(0..<101))
    let x = rows.flatMap { $0.prefix(100) }
    return (Tensor(x, shape: [80, 100], dtype: .float64), Tensor(rows.map { $0[100] }, shape: [80], dtype: .float64))
}

/// The worst absolute difference between two arrays.
func worstAbsolute(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
}

@Suite("Penalised and multinomial fits agree with scikit-learn")
struct ScikitLearnParityTests {
    @Test(
        "L2 on all 30 features: every solver reaches the exact optimum to 1e-6",
        arguments: [
            (1.0, LogisticRegression.Solver.newton), (0.1, .newton), (1.0, .lbfgs), (0.1, .lbfgs),
            (0.1, .gradientDescent(lr: 0.5)),  // at C = 1 it needs ~40,000 steps: the statistics example shows it
        ])
    func ridge(c: Double, solver: LogisticRegression.Solver) throws {
        let (x, y, _) = try standardizedBreastCancer()
        // Gradient descent converges linearly at rate 1 − μ/L (μ = 1/(nC), L ≈ 3.3 here): a
        // gradient of 1e-9 puts it within 1e-9/μ ≈ 6e-7 of the optimum, after ~40,000 steps at C = 1.
        let (tolerance, budget): (Double, Int) =
            switch solver {
            case .newton: (1e-10, 100)
            case .lbfgs: (1e-9, 5_000)
            case .gradientDescent: (1e-9, 50_000)
            }
        let estimator = LogisticRegression(penalty: .l2(C: c), solver: solver, tolerance: tolerance, maxIterations: budget)
        let fit = try estimator.fit(x, y)
        let expected = c == 1 ? SklearnL2.c1 : SklearnL2.c01
        let worst = worstAbsolute([fit.intercept] + fit.coefficients, expected)
        #expect(worst < 1e-6, "C = \(c), \(solver): worst difference \(worst) after \(fit.iterations) iterations")
    }

    @Test("L1 on the sparse problem: the same zeros and coefficients within 1e-5 of the exact optimum")
    func lasso() throws {
        let (x, y) = try sparseProblem()
        let fit = try LogisticRegression(penalty: .l1(C: SklearnL1.c), tolerance: 1e-12).fit(x, y)
        let support = fit.coefficients.indices.filter { fit.coefficients[$0] != 0 }
        #expect(support == SklearnL1.support)
        let worst = worstAbsolute([fit.intercept] + fit.coefficients, [SklearnL1.intercept] + SklearnL1.coefficients)
        #expect(worst < 1e-5, "worst difference \(worst)")
    }

    @Test("multinomial iris with C = 1 (Newton): probabilities within 1e-6")
    func multinomial() throws {
        let iris = try Dataset.iris(dtype: .float64)
        let fit = try LogisticRegression(penalty: .l2(C: 1), tolerance: 1e-10).fit(iris.features, labels: iris.labels)
        let p = fit.probabilities(iris.features).asArray(Double.self)
        let worst = worstAbsolute(p, SklearnMultinomial.probabilities)
        #expect(worst < 1e-6, "worst difference \(worst) after \(fit.iterations) Newton iterations")
        #expect(fit.model.namedParameters.map(\.tensor.shape) == [[3, 4], [3]])
        #expect(fit.coefficientMatrix.count == 3 && fit.intercepts.count == 3)
    }

    @Test("a solver out of iterations throws, saying what to change")
    func notConverged() throws {
        let (x, y, _) = try standardizedBreastCancer(columns: ["mean_radius", "mean_texture"])
        do {
            _ = try LogisticRegression(solver: .gradientDescent(lr: 0.01), maxIterations: 5).fit(x, y)
            Issue.record("returned after 5 iterations")
        } catch {
            guard case .notConverged(_, let iterations, _, _) = error else {
                Issue.record("expected notConverged, got \(error)")
                return
            }
            #expect(iterations == 5 && error.description.contains("maxIterations"))
        }
    }

    @Test("bad data is refused with a thrown error naming the problem")
    func invalidData() {
        let x = Tensor([1, 2, 3, 4] as [Double], shape: [4, 1], dtype: .float64)
        for (y, fragment) in [
            (Tensor([0, 1, 2, 1] as [Double], shape: [4], dtype: .float64), "only 0 and 1"),
            (Tensor([1, 1, 1, 1] as [Double], shape: [4], dtype: .float64), "only one class"),
            (Tensor([0, 1, 1] as [Double], shape: [3], dtype: .float64), "shape [3]"),
        ] {
            #expect {
                try LogisticRegression().fit(x, y)
            } throws: { error in
                (error as? LogisticRegressionError)?.description.contains(fragment) ?? false
            }
        }
        let nanX = Tensor([1, .nan, 3, 4] as [Double], shape: [4, 1], dtype: .float64)
        #expect(throws: LogisticRegressionError.invalidData("x holds NaN or ±∞")) {
            try LogisticRegression().fit(nanX, Tensor([0, 1, 0, 1] as [Double], shape: [4], dtype: .float64))
        }
    }

    @Test("standard errors of a penalised fit stop with a message")
    func penalisedInference() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let x = Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [6, 1], dtype: .float64)
                let y = Tensor([0, 0, 1, 0, 1, 1] as [Double], shape: [6], dtype: .float64)
                _ = try! LogisticRegression(penalty: .l2(C: 1)).fit(x, y).standardErrors
            }, mentions: ["standardErrors", "unpenalised"])
    }
}
