import Neuron
import Testing

@Suite("Metrics")
struct MetricsTests {
    @Test("accuracy and the confusion matrix count agreements")
    func accuracyAndConfusion() {
        let predicted = [0, 1, 1, 2, 2, 0]
        let actual = [0, 1, 2, 2, 1, 0]
        #expect(Metrics.accuracy(predicted: predicted, actual: actual) == 4.0 / 6)
        #expect(Metrics.confusionMatrix(predicted: predicted, actual: actual) == [[2, 0, 0], [0, 1, 1], [0, 1, 1]])
    }

    @Test("ROC-AUC matches scikit-learn's documented example and handles ties")
    func rocAUC() {
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        #expect(Metrics.rocAUC(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1]) == 0.75)
        // A tie between a positive and a negative counts one half: (1 + 0.5) / 2.
        #expect(Metrics.rocAUC(scores: [0.2, 0.5, 0.5, 0.9], labels: [0, 0, 1, 1]) == 0.875)
        #expect(Metrics.rocAUC(scores: [1, 2, 3], labels: [0, 1, 1]) == 1)
    }

    @Test("precision, recall and F1 per class, as scikit-learn defines them")
    func classScores() {
        let s = Metrics.classScores(predicted: [0, 1, 1, 1], actual: [0, 0, 1, 1])
        // Class 1: TP 2, FP 1, FN 0 → precision 2/3, recall 1, F1 0.8.
        #expect(s[1].precision == 2.0 / 3 && s[1].recall == 1 && Swift.abs(s[1].f1 - 0.8) < 1e-15)
        #expect(s[0].precision == 1 && s[0].recall == 0.5 && s[0].support == 2)
    }

    @Test("the classification report lists every class, accuracy and the averages")
    func report() {
        let text = Metrics.classificationReport(
            predicted: [0, 1, 1, 1], actual: [0, 0, 1, 1], classNames: ["no", "yes"])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasSuffix("precision    recall  f1-score   support"))
        #expect(lines[1].hasSuffix("no    1.0000    0.5000    0.6667         2"))
        #expect(lines[3].contains("accuracy") && lines[3].hasSuffix("0.7500         4"))
        #expect(lines[4].contains("macro avg"))
    }

    @Test("infinite scores are ordered like any other, and labels may be given with explicit class counts")
    func edgeValues() {
        #expect(Metrics.rocAUC(scores: [-.infinity, 0, .infinity], labels: [0, 0, 1]) == 1)
        #expect(Metrics.confusionMatrix(predicted: [], actual: [], classCount: 2) == [[0, 0], [0, 0]])
        #expect(Metrics.confusionMatrix(predicted: [], actual: []) == [])
    }
}

@Suite("Metrics: bad input stops with a message naming the function and the values")
struct MetricsBadInputTests {
    @Test("a negative label in confusionMatrix")
    func negativeLabel() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.confusionMatrix(predicted: [0, 1], actual: [0, -1])
            }, mentions: ["confusionMatrix", "actual[1] = -1"])
    }

    @Test("a label beyond the class names of a classification report")
    func labelBeyondClassNames() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.classificationReport(predicted: [0, 1, 3], actual: [0, 1, 1], classNames: ["no", "yes"])
            }, mentions: ["classificationReport", "predicted[2] = 3", "0 ..< 2", "class name"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.classScores(predicted: [0, 1], actual: [0, 2], classCount: 2)
            }, mentions: ["classScores", "actual[1] = 2", "0 ..< 2", "classCount"])
    }

    @Test("a label too large to infer a confusion matrix from, instead of an allocation trap")
    func hugeLabel() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.confusionMatrix(predicted: [0, Int.max], actual: [0, 1])
            }, mentions: ["confusionMatrix", "label \(Int.max)", "\(Metrics.maxClassCount)"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.confusionMatrix(predicted: [0], actual: [0], classCount: -1)
            }, mentions: ["confusionMatrix", "classCount", "-1"])
    }

    @Test("arrays of different lengths")
    func lengths() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.confusionMatrix(predicted: [0, 1, 1], actual: [0, 1])
            }, mentions: ["confusionMatrix", "3 predictions for 2 labels"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.rocAUC(scores: [0.1, 0.2, 0.3], labels: [0, 1])
            }, mentions: ["rocAUC", "3 scores for 2 labels"])
    }

    @Test("rocAUC with a NaN score or a label other than 0 and 1")
    func rocAUCInput() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.rocAUC(scores: [0.1, .nan, 0.3], labels: [0, 1, 1])
            }, mentions: ["rocAUC", "scores[1] is NaN"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Metrics.rocAUC(scores: [0.1, 0.2, 0.3], labels: [0, 2, 1])
            }, mentions: ["rocAUC", "labels[1] = 2", "0 or 1"])
    }
}
