extension Metrics {
    /// Precision and recall at every distinct score, as scikit-learn's
    /// `precision_recall_curve`: in scikit-learn's order, by increasing threshold, so recall
    /// decreases, with a final point of precision 1 and recall 0 that has no threshold.
    ///
    /// At threshold t a sample is predicted positive when its score is ≥ t;
    /// precision(t) = TP / (TP + FP), recall(t) = TP / #positives. Tied scores give one point.
    /// With no positives recall has no denominator; as scikit-learn (which also warns), it is
    /// then 1 at every threshold (and precision 0).
    ///
    /// - Parameters:
    ///   - scores: A score per sample; higher means more likely positive.
    ///   - labels: 1 for positive, 0 for negative.
    /// - Returns: Precision and recall (the distinct scores + 1 each) and the thresholds (the
    ///   distinct scores, increasing); `precision[i]` and `recall[i]` belong to `thresholds[i]`.
    /// - Precondition: The counts are equal and not zero, no score is NaN, and every label is
    ///   0 or 1.
    public static func precisionRecallCurve(
        scores: [Double], labels: [Int]
    ) -> (precision: [Double], recall: [Double], thresholds: [Double]) {
        checkScores(scores, labels: labels, function: "precisionRecallCurve")
        return curve(scores: scores, labels: labels)
    }

    /// Average precision, the step-wise area under the precision–recall curve, as
    /// scikit-learn's `average_precision_score`: AP = ∑ₙ (Rₙ − Rₙ₋₁)·Pₙ over the thresholds from
    /// the highest score down, R₀ = 0.
    ///
    /// Each precision counts over the recall it adds, without the linear interpolation of the
    /// trapezoidal rule (which is optimistic) or the 11-point interpolation of PASCAL VOC.
    /// With no positives the curve's recall is 1 throughout and AP is 0, as in scikit-learn.
    ///
    /// - Parameters:
    ///   - scores: A score per sample; higher means more likely positive.
    ///   - labels: 1 for positive, 0 for negative.
    /// - Returns: AP in [0, 1].
    /// - Precondition: As for ``precisionRecallCurve(scores:labels:)``.
    public static func averagePrecision(scores: [Double], labels: [Int]) -> Double {
        checkScores(scores, labels: labels, function: "averagePrecision")
        let (precision, recall, _) = curve(scores: scores, labels: labels)
        // scikit-learn's −∑ diff(recall)·precision[:-1], summed in its order.
        var sum = 0.0
        for i in 0..<(recall.count - 1) { sum += (recall[i + 1] - recall[i]) * precision[i] }
        return Swift.max(0, -sum)
    }

    /// The precision–recall curve of checked input.
    private static func curve(
        scores: [Double], labels: [Int]
    ) -> (precision: [Double], recall: [Double], thresholds: [Double]) {
        let counts = thresholdCounts(scores: scores, labels: labels)
        let positives = counts.truePositives.last!
        let precision = zip(counts.truePositives, counts.falsePositives).map { tp, fp in tp / (tp + fp) }
        let recall = counts.truePositives.map { positives > 0 ? $0 / positives : 1 }
        return (precision.reversed() + [1], recall.reversed() + [0], counts.thresholds.reversed())
    }
}
