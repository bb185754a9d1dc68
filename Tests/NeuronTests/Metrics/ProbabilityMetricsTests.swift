import Foundation
import Neuron
import Testing

@Suite("Log loss, Brier score, calibration curve and ECE")
struct ProbabilityMetricsTests {
    @Test("logLoss clips to machine epsilon: a sure wrong answer costs −log ε, a sure right one −log(1 − ε)")
    func logLossClip() {
        let epsilon = Double.ulpOfOne
        #expect(Metrics.logLoss(probabilities: [0], labels: [1]) == -log(epsilon))  // 36.04…
        #expect(Metrics.logLoss(probabilities: [1], labels: [0]) == -log(epsilon))
        #expect(Metrics.logLoss(probabilities: [1], labels: [1]) == -log(1 - epsilon))  // 2.2e-16, not 0
        // Half right at p = 0.5: ln 2 per sample.
        #expect(Metrics.logLoss(probabilities: [0.5, 0.5], labels: [0, 1]) == log(2.0))
    }

    @Test("brierScore is the mean squared error of the probabilities")
    func brier() {
        #expect(Metrics.brierScore(probabilities: [0.5, 0.5, 0.5], labels: [0, 1, 1]) == 0.25)
        // (0.1² + 0.1² + 0.2² + 0.3²) / 4 = 0.0375, scikit-learn's documented example.
        let b = Metrics.brierScore(probabilities: [0.1, 0.9, 0.8, 0.3], labels: [0, 1, 1, 0])
        #expect(Swift.abs(b - 0.0375) < 1e-16)
        #expect(Metrics.brierScore(probabilities: [0, 1], labels: [0, 1]) == 0)
    }

    @Test("calibrationCurve puts a probability on an edge in the lower bin and drops empty bins")
    func calibrationEdges() {
        // Uniform edges 0, 0.2, …, 1: 0 and 0.2 share bin [0, 0.2]; 0.21 is in (0.2, 0.4]; 1 in (0.8, 1].
        let curve = Metrics.calibrationCurve(
            probabilities: [0.0, 0.2, 0.21, 1.0], labels: [0, 1, 1, 1], bins: 5, strategy: .uniform)
        #expect(curve.fractionPositive == [0.5, 1, 1])
        #expect(curve.meanPredicted == [0.1, 0.21, 1.0])
    }

    @Test("quantile bins hold about equal counts, and repeated probabilities merge them")
    func quantileBins() {
        let p = (0..<12).map { Double($0) / 11 }
        let y = [0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1]
        // Quartile edges 0, 0.25, 0.5, 0.75, 1 of 0/11 … 11/11: three samples per bin.
        let quartiles = Metrics.calibrationCurve(probabilities: p, labels: y, bins: 4, strategy: .quantile)
        let thirds: [Double] = [0, 1.0 / 3, 2.0 / 3, 1]
        #expect(quartiles.fractionPositive == thirds)
        // Every probability equal: every edge is 0.3, so one bin remains.
        let flat = Metrics.calibrationCurve(
            probabilities: [0.3, 0.3, 0.3], labels: [1, 0, 0], bins: 5, strategy: .quantile)
        #expect(flat.fractionPositive == [1.0 / 3] && flat.meanPredicted == [0.3])
    }

    @Test("expectedCalibrationError matches a hand computation on ten uniform bins")
    func expectedCalibrationError() {
        let p = [0.05, 0.15, 0.12, 0.55, 0.61, 0.95, 0.9, 0.85]
        let y = [0, 0, 1, 1, 0, 1, 1, 1]
        // Bins (n, ȳ, p̄): [0, .1] (1, 0, .05), (.1, .2] (2, .5, .135), (.5, .6] (1, 1, .55),
        // (.6, .7] (1, 0, .61), (.8, .9] (2, 1, .875) — 0.9 sits on an edge and goes below —
        // and (.9, 1] (1, 1, .95). ECE = (1·.05 + 2·.365 + 1·.45 + 1·.61 + 2·.125 + 1·.05) / 8
        // = 2.14 / 8 = 0.2675.
        let ece = Metrics.expectedCalibrationError(probabilities: p, labels: y, bins: 10)
        #expect(Swift.abs(ece - 0.2675) < 1e-15)
        // The same as weighting the calibration curve's gaps by hand.
        let curve = Metrics.calibrationCurve(probabilities: p, labels: y, bins: 10)
        let counts = [1.0, 2, 1, 1, 2, 1]
        let weighted = zip(counts, zip(curve.fractionPositive, curve.meanPredicted)).map { n, point in
            n / 8 * Swift.abs(point.0 - point.1)
        }
        #expect(Swift.abs(weighted.reduce(0, +) - ece) < 1e-15)
    }

    @Test("a calibrated forecast has ECE 0; a constant forecast's ECE is its gap to the base rate")
    func expectedCalibrationErrorLimits() {
        #expect(Metrics.expectedCalibrationError(probabilities: [0.25, 0.25, 0.25, 0.25], labels: [1, 0, 0, 0]) == 0)
        #expect(Metrics.expectedCalibrationError(probabilities: [0.9, 0.9], labels: [1, 0]) == 0.4)
        // One bin: |ȳ − p̄| over everything (calibration in the large).
        let ece = Metrics.expectedCalibrationError(probabilities: [0.1, 0.7, 0.4], labels: [0, 1, 1], bins: 1)
        #expect(Swift.abs(ece - Swift.abs(2.0 / 3 - 0.4)) < 1e-15)
    }
}
