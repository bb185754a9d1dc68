import Neuron
import Testing

@Suite("Evaluation: bad input stops with a message naming the function and the values")
struct EvaluationBadInputTests {
    @Test("no samples, where scikit-learn raises too")
    func empty() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.logLoss(probabilities: [], labels: [])
            }, mentions: ["logLoss: no samples"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.averagePrecision(scores: [], labels: [])
            }, mentions: ["averagePrecision: no samples"])
    }

    @Test("a probability that is NaN, infinite or outside [0, 1]")
    func probabilities() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.logLoss(probabilities: [0.2, .nan], labels: [0, 1])
            }, mentions: ["logLoss", "probabilities[1] = nan", "[0, 1]"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.brierScore(probabilities: [1.5, 0.2], labels: [0, 1])
            }, mentions: ["brierScore", "probabilities[0] = 1.5"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.expectedCalibrationError(probabilities: [0.1, -.infinity], labels: [0, 1])
            }, mentions: ["expectedCalibrationError", "probabilities[1] = -inf"])
    }

    @Test("no bins, unequal lengths, a non-binary label")
    func shapesAndLabels() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.calibrationCurve(probabilities: [0.1], labels: [0], bins: 0)
            }, mentions: ["calibrationCurve", "bins must be at least 1, given 0"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.precisionRecallCurve(scores: [0.1, 0.2, 0.3], labels: [0, 1])
            }, mentions: ["precisionRecallCurve", "3 scores for 2 labels"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.logLoss(probabilities: [0.1, 0.2], labels: [0, 2])
            }, mentions: ["logLoss", "labels[1] = 2", "0 or 1"])
    }

    @Test("a NaN score in a ranking curve")
    func nanScore() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.rocCurve(scores: [0.1, .nan], labels: [0, 1])
            }, mentions: ["rocCurve", "scores[1] is NaN"])
    }

    @Test("fewer than two folds, more folds than samples, more folds than any class has samples")
    func folds() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = StratifiedKFold(folds: 1)
            }, mentions: ["StratifiedKFold", "at least 2 folds, given 1"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = StratifiedKFold(folds: 6).splits(labels: [0, 0, 0, 1, 1])
            }, mentions: ["StratifiedKFold", "6 folds is more than the 5 samples"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = StratifiedKFold(folds: 3).splits(labels: [0, 0, 1, 1])
            },
            mentions: ["StratifiedKFold", "3 folds is more than the samples of every class", "label 0: 2, label 1: 2"])
    }
}
