import Foundation

/// Classification metrics on predicted and true class indices, as scikit-learn computes them.
public enum Metrics {
    /// The share of predictions equal to the truth.
    ///
    /// - Parameters:
    ///   - predicted: Predicted classes.
    ///   - actual: True classes, the same count.
    /// - Returns: A value in [0, 1] (0 for empty input).
    public static func accuracy(predicted: [Int], actual: [Int]) -> Double {
        require(predicted.count == actual.count, "accuracy: \(predicted.count) predictions for \(actual.count) labels")
        guard !actual.isEmpty else { return 0 }
        return Double(zip(predicted, actual).filter { $0 == $1 }.count) / Double(actual.count)
    }

    /// counts[i][j]: how many samples of true class i were predicted as class j.
    ///
    /// - Parameters:
    ///   - predicted: Predicted classes.
    ///   - actual: True classes.
    ///   - classCount: The number of classes (inferred when nil).
    public static func confusionMatrix(predicted: [Int], actual: [Int], classCount: Int? = nil) -> [[Int]] {
        let n = classCount ?? ((predicted + actual).max() ?? -1) + 1
        var counts = Array(repeating: Array(repeating: 0, count: n), count: n)
        for (p, a) in zip(predicted, actual) { counts[a][p] += 1 }
        return counts
    }

    /// Precision, recall, F1 and support of one class.
    public struct ClassScores: Sendable, Equatable {
        /// TP / (TP + FP), 0 when nothing was predicted as the class.
        public let precision: Double
        /// TP / (TP + FN), 0 when the class does not occur.
        public let recall: Double
        /// The harmonic mean of precision and recall.
        public let f1: Double
        /// How many samples truly belong to the class.
        public let support: Int
    }

    /// Per-class precision, recall, F1 and support.
    ///
    /// - Parameters:
    ///   - predicted: Predicted classes.
    ///   - actual: True classes.
    ///   - classCount: The number of classes (inferred when nil).
    public static func classScores(predicted: [Int], actual: [Int], classCount: Int? = nil) -> [ClassScores] {
        let m = confusionMatrix(predicted: predicted, actual: actual, classCount: classCount)
        return m.indices.map { c in
            let tp = Double(m[c][c])
            let predictedAs = Double(m.reduce(0) { $0 + $1[c] })
            let support = m[c].reduce(0, +)
            let precision = predictedAs > 0 ? tp / predictedAs : 0
            let recall = support > 0 ? tp / Double(support) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return ClassScores(precision: precision, recall: recall, f1: f1, support: support)
        }
    }

    /// A text table of per-class precision, recall, F1 and support with accuracy and macro and
    /// weighted averages, laid out like scikit-learn's `classification_report`.
    ///
    /// - Parameters:
    ///   - predicted: Predicted classes.
    ///   - actual: True classes.
    ///   - classNames: A name per class.
    public static func classificationReport(predicted: [Int], actual: [Int], classNames: [String]) -> String {
        let scores = classScores(predicted: predicted, actual: actual, classCount: classNames.count)
        let width = max(12, (classNames.map(\.count).max() ?? 0) + 2)
        func row(_ name: String, _ values: [Double], _ support: Int) -> String {
            let pad = String(repeating: " ", count: max(0, width - name.count)) + name
            return pad + values.map { String(format: "%10.4f", $0) }.joined() + String(format: "%10d", support)
        }
        var lines = [String(repeating: " ", count: width) + "  precision    recall  f1-score   support", ""]
        for (name, s) in zip(classNames, scores) { lines.append(row(name, [s.precision, s.recall, s.f1], s.support)) }
        let total = actual.count
        let acc = accuracy(predicted: predicted, actual: actual)
        lines.append("")
        lines.append(
            String(repeating: " ", count: width - 8) + "accuracy" + String(repeating: " ", count: 20)
                + String(format: "%10.4f%10d", acc, total))
        let k = Double(scores.count)
        let macro = [
            scores.map(\.precision).reduce(0, +) / k, scores.map(\.recall).reduce(0, +) / k,
            scores.map(\.f1).reduce(0, +) / k,
        ]
        lines.append(row("macro avg", macro, total))
        let w = scores.map { Double($0.support) / Double(max(total, 1)) }
        let weighted = [
            zip(scores, w).reduce(0) { $0 + $1.0.precision * $1.1 },
            zip(scores, w).reduce(0) { $0 + $1.0.recall * $1.1 },
            zip(scores, w).reduce(0) { $0 + $1.0.f1 * $1.1 },
        ]
        lines.append(row("weighted avg", weighted, total))
        return lines.joined(separator: "\n")
    }

    /// The area under the ROC curve of scores for a binary problem: the probability that a
    /// random positive scores above a random negative, ties counting one half
    /// (the Mann–Whitney statistic, equal to scikit-learn's `roc_auc_score`).
    ///
    /// - Parameters:
    ///   - scores: A score per sample; higher means more likely positive.
    ///   - labels: 1 for positive, 0 for negative.
    /// - Returns: The AUC in [0, 1].
    /// - Precondition: Both classes occur.
    public static func rocAUC(scores: [Double], labels: [Int]) -> Double {
        require(scores.count == labels.count, "rocAUC: \(scores.count) scores for \(labels.count) labels")
        let positives = labels.filter { $0 == 1 }.count
        let negatives = labels.count - positives
        require(positives > 0 && negatives > 0, "rocAUC: needs both positive and negative samples")
        // Average ranks (1-based) with ties sharing their mean rank.
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var ranks = [Double](repeating: 0, count: scores.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let mean = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = mean }
            i = j + 1
        }
        let positiveRankSum = zip(ranks, labels).filter { $0.1 == 1 }.reduce(0) { $0 + $1.0 }
        let u = positiveRankSum - Double(positives * (positives + 1)) / 2
        return u / Double(positives * negatives)
    }
}
