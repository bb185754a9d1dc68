import Neuron
import Testing

@Suite("ROC and precision–recall curves, average precision")
struct RankingCurveTests {
    @Test("the ROC curve runs from (0, 0) at threshold +∞ to (1, 1), one point per distinct score")
    func rocEnds() {
        let roc = Metrics.rocCurve(scores: [0.3, 0.3, 0.9, 0.1, 0.9], labels: [1, 0, 1, 0, 0])
        #expect(roc.thresholds == [.infinity, 0.9, 0.3, 0.1])
        let thirds: [Double] = [0, 1.0 / 3, 2.0 / 3, 1]
        #expect(roc.falsePositiveRate == thirds)
        #expect(roc.truePositiveRate == [0, 0.5, 1, 1])
    }

    @Test("rocCurve's trapezoidal area is rocAUC, ties counting one half")
    func rocAreaIsAUC() {
        let scores = [0.5, 0.5, 0.5, 0.2, 0.2, 0.9, 0.9, 0.1, 0.5, 0.7]
        let labels = [1, 0, 1, 0, 1, 1, 0, 0, 0, 1]
        let roc = Metrics.rocCurve(scores: scores, labels: labels)
        var area = 0.0
        for i in 1..<roc.thresholds.count {
            let width = roc.falsePositiveRate[i] - roc.falsePositiveRate[i - 1]
            area += width * (roc.truePositiveRate[i] + roc.truePositiveRate[i - 1]) / 2
        }
        #expect(Swift.abs(area - Metrics.rocAUC(scores: scores, labels: labels)) < 1e-15)
    }

    @Test("infinite scores are thresholds like any other; +∞ then appears twice")
    func infiniteScores() {
        let roc = Metrics.rocCurve(scores: [-.infinity, 0, .infinity], labels: [0, 0, 1])
        #expect(roc.thresholds == [.infinity, .infinity, 0, -.infinity])
        #expect(roc.falsePositiveRate == [0, 0, 0.5, 1] && roc.truePositiveRate == [0, 1, 1, 1])
        #expect(Metrics.averagePrecision(scores: [-.infinity, 0, .infinity], labels: [0, 0, 1]) == 1)
    }

    @Test("with one class the missing rate is NaN and the other is still given, as scikit-learn")
    func rocSingleClass() {
        let positives = Metrics.rocCurve(scores: [0.1, 0.2], labels: [1, 1])
        #expect(positives.falsePositiveRate.allSatisfy(\.isNaN) && positives.truePositiveRate == [0, 0.5, 1])
        let negatives = Metrics.rocCurve(scores: [0.1, 0.2], labels: [0, 0])
        #expect(negatives.truePositiveRate.allSatisfy(\.isNaN) && negatives.falsePositiveRate == [0, 0.5, 1])
    }

    @Test("the precision–recall curve ascends in threshold and ends at precision 1, recall 0")
    func precisionRecallOrder() {
        let pr = Metrics.precisionRecallCurve(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
        // scikit-learn's documented example.
        #expect(pr.thresholds == [0.1, 0.35, 0.4, 0.8])
        let precision: [Double] = [0.5, 2.0 / 3, 0.5, 1, 1]
        #expect(pr.precision == precision)
        #expect(pr.recall == [1, 1, 0.5, 0.5, 0])
        #expect(pr.precision.count == pr.thresholds.count + 1)
    }

    @Test("average precision is the step sum ∑ (Rₙ − Rₙ₋₁)·Pₙ, not the interpolated area")
    func averagePrecisionSteps() {
        // Steps from the top score: recall 0 → 0.5 at precision 1, 0.5 → 1 at precision 2/3:
        // AP = 0.5·1 + 0.5·(2/3) = 5/6. The trapezoidal area under the same points is 0.79…
        let ap = Metrics.averagePrecision(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
        #expect(Swift.abs(ap - 5.0 / 6) < 1e-15)
        #expect(Metrics.averagePrecision(scores: [0.2, 0.2, 0.2], labels: [1, 0, 0]) == 1.0 / 3)
    }

    @Test("with no positives recall is 1 throughout and AP is 0; with no negatives AP is 1")
    func precisionRecallSingleClass() {
        let pr = Metrics.precisionRecallCurve(scores: [0.1, 0.3], labels: [0, 0])
        #expect(pr.recall == [1, 1, 0] && pr.precision == [0, 0, 1])
        #expect(Metrics.averagePrecision(scores: [0.1, 0.3], labels: [0, 0]) == 0)
        #expect(Metrics.averagePrecision(scores: [0.1, 0.3], labels: [1, 1]) == 1)
    }
}
