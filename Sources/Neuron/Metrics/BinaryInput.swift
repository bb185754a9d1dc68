/// The checks every binary metric makes on its input before computing anything. A failed
/// check stops the program with a message that names the metric (`function`) and the value
/// that is wrong, as the rest of `Metrics` does.
extension Metrics {
    /// Scores and labels of a ranking metric (ROC, precision–recall): equal counts, no NaN
    /// score (±∞ are ordered like any other value), labels 0 or 1, and at least one sample
    /// unless `allowEmpty`.
    static func checkScores(
        _ scores: [Double], labels: [Int], function: String, allowEmpty: Bool = false
    ) {
        require(scores.count == labels.count, "\(function): \(scores.count) scores for \(labels.count) labels")
        require(allowEmpty || !labels.isEmpty, "\(function): no samples")
        if let i = scores.firstIndex(where: \.isNaN) { fatalError("\(function): scores[\(i)] is NaN") }
        checkBinaryLabels(labels, function: function)
    }

    /// Probabilities and labels of a probabilistic metric (log loss, Brier score, calibration):
    /// equal counts, at least one sample, every probability in [0, 1] (so neither NaN nor ±∞),
    /// labels 0 or 1.
    static func checkProbabilities(_ probabilities: [Double], labels: [Int], function: String) {
        require(
            probabilities.count == labels.count,
            "\(function): \(probabilities.count) probabilities for \(labels.count) labels")
        require(!labels.isEmpty, "\(function): no samples")
        if let i = probabilities.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            fatalError("\(function): probabilities[\(i)] = \(probabilities[i]) is not in [0, 1]")
        }
        checkBinaryLabels(labels, function: function)
    }

    /// Every label is 0 or 1.
    static func checkBinaryLabels(_ labels: [Int], function: String) {
        if let i = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            fatalError("\(function): labels[\(i)] = \(labels[i]); a binary label is 0 or 1")
        }
    }
}
