/// The confusion counts at every distinct score, which the ROC and precision–recall curves
/// are both read from.
extension Metrics {
    /// For each distinct score t, from the highest to the lowest, how many negatives
    /// (`falsePositives`) and positives (`truePositives`) score ≥ t, as scikit-learn's
    /// `confusion_matrix_at_thresholds`. Tied scores share one threshold, so the counts are
    /// the same whatever order ties come in.
    ///
    /// - Precondition: Checked by the caller: no NaN score, labels 0 or 1, at least one sample.
    static func thresholdCounts(
        scores: [Double], labels: [Int]
    ) -> (falsePositives: [Double], truePositives: [Double], thresholds: [Double]) {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var falsePositives: [Double] = []
        var truePositives: [Double] = []
        var thresholds: [Double] = []
        var positives = 0
        var negatives = 0
        for (k, i) in order.enumerated() {
            if labels[i] == 1 { positives += 1 } else { negatives += 1 }
            // The last sample of a run of equal scores closes that threshold.
            if k + 1 == order.count || scores[order[k + 1]] != scores[i] {
                falsePositives.append(Double(negatives))
                truePositives.append(Double(positives))
                thresholds.append(scores[i])
            }
        }
        return (falsePositives, truePositives, thresholds)
    }
}
