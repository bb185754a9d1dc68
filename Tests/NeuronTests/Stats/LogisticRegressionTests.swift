import Foundation
import Neuron
import Testing

/// Breast cancer standardised with each column's mean and population std (as the reference
/// script does), float64, with the 0/1 targets.
func standardizedBreastCancer(columns: [String]? = nil) throws -> (x: Tensor, y: Tensor, names: [String]) {
    let data = try Dataset.breastCancer(dtype: .float64)
    let names = columns ?? data.featureNames
    let indices = names.map { data.featureNames.firstIndex(of: $0)! }
    let all = data.features.asArray(Double.self)
    let d = data.featureNames.count
    let picked = (0..<data.count).flatMap { r in indices.map { all[r * d + $0] } }
    let x = Tensor(picked, shape: [data.count, names.count], dtype: .float64)
    return (StandardScaler(fitting: x).transform(x), data.targetColumn(dtype: .float64), names)
}

/// The worst |a − b| / max(|b|, floor) over two arrays.
func worstRelative(_ a: [Double], _ b: [Double], floor: Double = 1e-300) -> Double {
    zip(a, b).map { Swift.abs($0 - $1) / Swift.max(Swift.abs($1), floor) }.max() ?? 0
}

@Suite("Logistic regression agrees with statsmodels")
struct StatsmodelsParityTests {
    static let three = ["mean_radius", "mean_texture", "mean_smoothness"]

    @Test("every figure of Logit on three standardised features, to 1e-6 relative")
    func logitFigures() throws {
        let (x, y, names) = try standardizedBreastCancer(columns: Self.three)
        let fit = try LogisticRegression(tolerance: 1e-10).fit(x, y, featureNames: names)
        let s = StatsmodelsLogit.self
        #expect(worstRelative([fit.intercept] + fit.coefficients, s.params) < 1e-6)
        #expect(worstRelative(fit.standardErrors, s.standardErrors) < 1e-6)
        #expect(worstRelative(fit.zScores, s.zScores) < 1e-6)
        #expect(worstRelative(fit.pValues, s.pValues) < 1e-6)
        let ci95 = fit.confidenceIntervals(level: 0.95)
        #expect(worstRelative(ci95.map(\.lower) + ci95.map(\.upper), s.lower95 + s.upper95) < 1e-6)
        let ci90 = fit.confidenceIntervals(level: 0.90)
        #expect(worstRelative(ci90.map(\.lower) + ci90.map(\.upper), s.lower90 + s.upper90) < 1e-6)
        #expect(worstRelative(fit.covariance.asArray(Double.self), s.covariance) < 1e-6)
        #expect(worstRelative([fit.logLikelihood, fit.nullLogLikelihood, fit.pseudoRSquared], [s.logLikelihood, s.nullLogLikelihood, s.pseudoRSquared]) < 1e-6)
        #expect(worstRelative([fit.likelihoodRatio, fit.likelihoodRatioPValue], [s.likelihoodRatio, s.likelihoodRatioPValue]) < 1e-6)
        #expect(worstRelative([fit.aic, fit.bic], [s.aic, s.bic]) < 1e-6)
        #expect(fit.iterations < 10, "Newton took \(fit.iterations) iterations; statsmodels \(s.iterations)")
        #expect(fit.converged)
    }

    @Test("the HC0 (sandwich) covariance and its standard errors")
    func robustCovariance() throws {
        let (x, y, names) = try standardizedBreastCancer(columns: Self.three)
        let fit = try LogisticRegression(tolerance: 1e-10, covarianceType: .hc0).fit(x, y, featureNames: names)
        #expect(worstRelative(fit.covariance.asArray(Double.self), StatsmodelsLogit.robustCovariance) < 1e-6)
        #expect(worstRelative(fit.standardErrors, StatsmodelsLogit.robustStandardErrors) < 1e-6)
    }

    @Test("summary() is laid out as statsmodels' Logit.summary()")
    func summaryLayout() throws {
        let (x, y, names) = try standardizedBreastCancer(columns: Self.three)
        let fit = try LogisticRegression(tolerance: 1e-10).fit(x, y, featureNames: names)
        let ours = fit.summary(dependentVariable: "target").split(separator: "\n", omittingEmptySubsequences: false)
        let theirs = StatsmodelsLogit.summary.split(separator: "\n", omittingEmptySubsequences: false)
        // statsmodels' table ends with a heuristic footnote (after a blank line) that Neuron
        // does not print; the date and time lines differ by when each was made.
        let table = theirs.prefix { !$0.isEmpty }
        #expect(ours.count == table.count + 1 && ours.last == "")
        for (i, (a, b)) in zip(ours, table).enumerated() where !(b.hasPrefix("Date:") || b.hasPrefix("Time:")) {
            #expect(a == b, "line \(i):\n\(a)\n\(b)")
        }
        #expect(ours[5].hasPrefix("Date:") && ours[6].hasPrefix("Time:") && ours[5].count == 78)
    }
}

@Suite("Separation: an MLE that does not exist is refused")
struct SeparationTests {
    @Test("all 30 standardised features separate the classes")
    func completeSeparation() throws {
        let (x, y, _) = try standardizedBreastCancer()
        do {
            _ = try LogisticRegression().fit(x, y)
            Issue.record("a separated fit returned")
        } catch {
            guard case .perfectSeparation(_, let separated, let rows) = error else {
                Issue.record("expected perfectSeparation, got \(error)")
                return
            }
            // The linear program maximises the total margin, so it may leave a few rows on
            // the hyperplane even when a strictly separating one exists.
            #expect(separated > 500 && rows == 569)
            #expect(error.description.contains("separated") && error.description.contains("penalty"))
        }
        // A penalty makes the optimum exist again.
        let ridge = try LogisticRegression(penalty: .l2(C: 1)).fit(x, y)
        #expect(ridge.coefficients.allSatisfy { Swift.abs($0) < 5 })
    }

    @Test("quasi-complete separation: ties on the boundary still leave no MLE")
    func quasiCompleteSeparation() throws {
        // y = 1 exactly when x > 0, with rows of both classes at x = 0.
        let xs: [Double] = [-3, -2, -1, 0, 0, 0, 0, 1, 2, 3]
        let ys: [Double] = [0, 0, 0, 0, 1, 0, 1, 1, 1, 1]
        do {
            _ = try LogisticRegression().fit(Tensor(xs, shape: [10, 1], dtype: .float64), Tensor(ys, shape: [10], dtype: .float64))
            Issue.record("a quasi-separated fit returned")
        } catch {
            #expect(error == .perfectSeparation(complete: false, separatedRows: 6, rows: 10))
            #expect(error.description.contains("(quasi-)completely"))
        }
    }

    @Test("overlapping classes are not flagged, even when many rows are fitted almost exactly")
    func overlapIsFine() throws {
        let xs: [Double] = [-3, -2, -1, 0.5, -0.5, 1, 2, 3]
        let ys: [Double] = [0, 0, 0, 0, 1, 1, 1, 1]
        let fit = try LogisticRegression().fit(Tensor(xs, shape: [8, 1], dtype: .float64), Tensor(ys, shape: [8], dtype: .float64))
        #expect(fit.converged && fit.coefficients[0] > 0)
    }
}
