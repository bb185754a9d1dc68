import Foundation

/// Classification metrics on predicted and true class indices, as scikit-learn computes them.
///
/// Every metric stops the program (a precondition, with a message naming the function and the
/// offending values) on input that is a programmer's error: arrays of different lengths,
/// negative labels, labels beyond the number of classes, and for ``rocAUC(scores:labels:)``
/// NaN scores and labels other than 0 and 1. None of them throws.
public enum Metrics {
    /// The largest number of classes a confusion matrix may have, 2¹⁴ (a matrix of 2²⁸ counts).
    public static let maxClassCount = 1 << 14

    /// The share of predictions equal to the truth.
    ///
    /// - Parameters:
    ///   - predicted: Predicted classes.
    ///   - actual: True classes, the same count.
    /// - Returns: A value in [0, 1] (0 for empty input).
    /// - Precondition: The counts are equal.
    public static func accuracy(predicted: [Int], actual: [Int]) -> Double {
        require(predicted.count == actual.count, "accuracy: \(predicted.count) predictions for \(actual.count) labels")
        guard !actual.isEmpty else { return 0 }
        return Double(zip(predicted, actual).filter { $0 == $1 }.count) / Double(actual.count)
    }

    /// counts[i][j]: how many samples of true class i were predicted as class j.
    ///
    /// - Parameters:
    ///   - predicted: Predicted classes.
    ///   - actual: True classes, the same count.
    ///   - classCount: The number of classes (the largest label + 1 when nil).
    /// - Precondition: The counts are equal, every label is in 0 ..< classCount, and there
    ///   are at most ``maxClassCount`` classes.
    public static func confusionMatrix(predicted: [Int], actual: [Int], classCount: Int? = nil) -> [[Int]] {
        confusion(predicted: predicted, actual: actual, classCount: classCount, function: "confusionMatrix")
    }

    /// The confusion matrix, after checking its input; a failed check names `function`, and
    /// `limit` says where the class count came from.
    private static func confusion(
        predicted: [Int], actual: [Int], classCount: Int?, function: String, limit: String = "classCount"
    ) -> [[Int]] {
        require(
            predicted.count == actual.count, "\(function): \(predicted.count) predictions for \(actual.count) labels")
        let largest = Swift.max(predicted.max() ?? -1, actual.max() ?? -1)
        require(
            classCount != nil || largest < maxClassCount,
            "\(function): label \(largest) implies more than the \(maxClassCount) classes a confusion matrix may have")
        let n = classCount ?? largest + 1
        require(n >= 0 && n <= maxClassCount, "\(function): classCount must be in 0 ... \(maxClassCount), given \(n)")
        for (name, labels) in [("predicted", predicted), ("actual", actual)] {
            if let i = labels.firstIndex(where: { $0 < 0 || $0 >= n }) {
                let source = classCount == nil ? "the largest label + 1" : limit
                fatalError("\(function): \(name)[\(i)] = \(labels[i]) is not a class in 0 ..< \(n) (\(source))")
            }
        }
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
    ///   - actual: True classes, the same count.
    ///   - classCount: The number of classes (the largest label + 1 when nil).
    /// - Precondition: As for ``confusionMatrix(predicted:actual:classCount:)``.
    public static func classScores(predicted: [Int], actual: [Int], classCount: Int? = nil) -> [ClassScores] {
        scores(confusion(predicted: predicted, actual: actual, classCount: classCount, function: "classScores"))
    }

    /// Per-class scores from a confusion matrix.
    private static func scores(_ m: [[Int]]) -> [ClassScores] {
        m.indices.map { c in
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
    ///   - actual: True classes, the same count.
    ///   - classNames: A name per class.
    /// - Precondition: The counts are equal, there is at least one class name, and every label
    ///   is in 0 ..< classNames.count.
    public static func classificationReport(predicted: [Int], actual: [Int], classNames: [String]) -> String {
        require(!classNames.isEmpty, "classificationReport: no class names")
        let scores = scores(
            confusion(
                predicted: predicted, actual: actual, classCount: classNames.count, function: "classificationReport",
                limit: "one per class name"))
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
}
