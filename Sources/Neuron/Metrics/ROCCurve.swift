extension Metrics {
    /// The receiver operating characteristic at every distinct score, as scikit-learn's
    /// `roc_curve(y, s, drop_intermediate=False)` (version ≥ 1.3).
    ///
    /// For each threshold t, from +∞ down to the lowest score, a sample is predicted positive
    /// when its score is ≥ t, and
    /// FPR(t) = #{negatives with s ≥ t} / #negatives, TPR(t) = #{positives with s ≥ t} / #positives.
    /// The first threshold is +∞ (nothing predicted positive), so the curve runs from (0, 0)
    /// to (1, 1); tied scores give one point. A +∞ score repeats +∞ as the second threshold.
    ///
    /// With a single class one rate has no denominator: as scikit-learn (which also warns),
    /// FPR is NaN throughout when there are no negatives and TPR when there are no positives;
    /// the other rate is still returned.
    ///
    /// - Parameters:
    ///   - scores: A score per sample; higher means more likely positive.
    ///   - labels: 1 for positive, 0 for negative.
    /// - Returns: Three arrays of equal length (the distinct scores + 1): the false and true
    ///   positive rates, both non-decreasing, and the thresholds, decreasing.
    /// - Precondition: The counts are equal and not zero, no score is NaN, and every label is
    ///   0 or 1.
    public static func rocCurve(
        scores: [Double], labels: [Int]
    ) -> (falsePositiveRate: [Double], truePositiveRate: [Double], thresholds: [Double]) {
        checkScores(scores, labels: labels, function: "rocCurve")
        let counts = thresholdCounts(scores: scores, labels: labels)
        // The rate at each threshold, after the 0 of threshold +∞; NaN when the class is absent.
        func rates(_ counts: [Double]) -> [Double] {
            let total = counts.last!
            return total > 0 ? [0] + counts.map { $0 / total } : Array(repeating: .nan, count: counts.count + 1)
        }
        return (rates(counts.falsePositives), rates(counts.truePositives), [.infinity] + counts.thresholds)
    }
}
