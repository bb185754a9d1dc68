import Foundation

/// Proper scoring rules: how far predicted probabilities are from what happened.
extension Metrics {
    /// The mean negative log-likelihood of binary labels under predicted probabilities (the
    /// log loss or binary cross-entropy), as scikit-learn's `log_loss`:
    /// L = −(1/n) ∑ᵢ log qᵢ, with qᵢ = clip(pᵢ) when yᵢ = 1 and clip(1 − pᵢ) when yᵢ = 0,
    /// clip(q) = min(max(q, ε), 1 − ε), ε = `Double.ulpOfOne` ≈ 2.2·10⁻¹⁶.
    ///
    /// The clip makes a confident wrong answer (p = 0 for a positive) cost −log ε ≈ 36.04
    /// instead of +∞. Both classes are always 0 and 1, so labels of a single class are fine
    /// (scikit-learn then asks for `labels=[0, 1]` and gives this value).
    ///
    /// - Parameters:
    ///   - probabilities: The predicted probability of class 1 for each sample.
    ///   - labels: 1 for positive, 0 for negative.
    /// - Returns: The loss, ≥ 0.
    /// - Precondition: The counts are equal and not zero, every probability is in [0, 1]
    ///   (not NaN), and every label is 0 or 1.
    public static func logLoss(probabilities: [Double], labels: [Int]) -> Double {
        checkProbabilities(probabilities, labels: labels, function: "logLoss")
        let epsilon = Double.ulpOfOne
        var total = 0.0
        for (p, y) in zip(probabilities, labels) {
            // Clip the probability of the observed class, as scikit-learn clips both columns.
            let q = y == 1 ? p : 1 - p
            total -= Foundation.log(Swift.min(Swift.max(q, epsilon), 1 - epsilon))
        }
        return total / Double(labels.count)
    }

    /// The mean squared difference between predicted probabilities and binary outcomes, as
    /// scikit-learn's `brier_score_loss`: B = (1/n) ∑ᵢ (pᵢ − yᵢ)².
    ///
    /// 0 is perfect; always predicting 0.5 scores 0.25.
    ///
    /// - Parameters:
    ///   - probabilities: The predicted probability of class 1 for each sample.
    ///   - labels: 1 for positive, 0 for negative.
    /// - Returns: The score in [0, 1].
    /// - Precondition: As for ``logLoss(probabilities:labels:)``.
    public static func brierScore(probabilities: [Double], labels: [Int]) -> Double {
        checkProbabilities(probabilities, labels: labels, function: "brierScore")
        var total = 0.0
        for (p, y) in zip(probabilities, labels) {
            let d = p - Double(y)
            total += d * d
        }
        return total / Double(labels.count)
    }
}
