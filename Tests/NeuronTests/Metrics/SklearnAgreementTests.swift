import Neuron
import Testing

// Neuron's evaluation metrics against scikit-learn's values on the fixed inputs of
// Tests/Reference/sklearn_metrics.py (SklearnMetricsReference.swift). The curves and folds are
// counts and ratios of counts, so they agree exactly; sums over samples agree to rounding.

extension SklearnMetricsReference.Ranking: CustomTestStringConvertible {
    var testDescription: String { name }
}
extension SklearnMetricsReference.Probability: CustomTestStringConvertible {
    var testDescription: String { name }
}
extension SklearnMetricsReference.Calibration: CustomTestStringConvertible {
    var testDescription: String { "\(name) (\(bins) \(strategy) bins)" }
}
extension SklearnMetricsReference.Folds: CustomTestStringConvertible {
    var testDescription: String { name }
}

/// Expects two arrays to be identical, NaN matching NaN.
func expectIdentical(_ actual: [Double], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
    let same = actual.count == expected.count && zip(actual, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    #expect(same, "\(actual) vs expected \(expected)", sourceLocation: sourceLocation)
}

@Suite("Metrics agree with scikit-learn")
struct SklearnAgreementTests {
    @Test(
        "rocCurve is roc_curve(drop_intermediate=False) exactly, +∞ first", arguments: SklearnMetricsReference.ranking)
    func rocCurve(_ c: SklearnMetricsReference.Ranking) {
        let roc = Metrics.rocCurve(scores: c.scores, labels: c.labels)
        expectIdentical(roc.falsePositiveRate, c.falsePositiveRate)
        expectIdentical(roc.truePositiveRate, c.truePositiveRate)
        expectIdentical(roc.thresholds, c.rocThresholds)
    }

    @Test(
        "precisionRecallCurve is precision_recall_curve exactly, increasing thresholds, (1, 0) last",
        arguments: SklearnMetricsReference.ranking)
    func precisionRecallCurve(_ c: SklearnMetricsReference.Ranking) {
        let pr = Metrics.precisionRecallCurve(scores: c.scores, labels: c.labels)
        expectIdentical(pr.precision, c.precision)
        expectIdentical(pr.recall, c.recall)
        expectIdentical(pr.thresholds, c.prThresholds)
    }

    @Test("averagePrecision is average_precision_score to rounding", arguments: SklearnMetricsReference.ranking)
    func averagePrecision(_ c: SklearnMetricsReference.Ranking) {
        let ap = Metrics.averagePrecision(scores: c.scores, labels: c.labels)
        expectClose([ap], [c.averagePrecision], rtol: 0, atol: 1e-15)
    }

    @Test(
        "logLoss and brierScore are log_loss(labels=[0, 1]) and brier_score_loss to rounding",
        arguments: SklearnMetricsReference.probability)
    func scoringRules(_ c: SklearnMetricsReference.Probability) {
        expectClose(
            [Metrics.logLoss(probabilities: c.probabilities, labels: c.labels)], [c.logLoss], rtol: 1e-15, atol: 0)
        expectClose(
            [Metrics.brierScore(probabilities: c.probabilities, labels: c.labels)], [c.brierScore], rtol: 0,
            atol: 1e-16)
    }

    @Test(
        "calibrationCurve is calibration_curve: same bins, values to rounding",
        arguments: SklearnMetricsReference.calibration)
    func calibrationCurve(_ c: SklearnMetricsReference.Calibration) {
        let curve = Metrics.calibrationCurve(
            probabilities: c.probabilities, labels: c.labels, bins: c.bins, strategy: c.strategy)
        expectIdentical(curve.fractionPositive, c.fractionPositive)
        expectClose(curve.meanPredicted, c.meanPredicted, rtol: 0, atol: 1e-16)
    }

    @Test(
        "StratifiedKFold without shuffle assigns every sample to scikit-learn's fold",
        arguments: SklearnMetricsReference.folds)
    func folds(_ c: SklearnMetricsReference.Folds) {
        #expect(StratifiedKFold(folds: c.folds).testFolds(labels: c.labels) == c.testFolds)
    }
}
