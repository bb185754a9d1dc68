extension Metrics {
    /// The area under the ROC curve of scores for a binary problem: the probability that a
    /// random positive scores above a random negative, ties counting one half
    /// (the Mann–Whitney statistic, equal to scikit-learn's `roc_auc_score`).
    ///
    /// - Parameters:
    ///   - scores: A score per sample; higher means more likely positive.
    ///   - labels: 1 for positive, 0 for negative.
    /// - Returns: The AUC in [0, 1].
    /// - Precondition: The counts are equal, no score is NaN, every label is 0 or 1, and both
    ///   classes occur.
    public static func rocAUC(scores: [Double], labels: [Int]) -> Double {
        checkScores(scores, labels: labels, function: "rocAUC", allowEmpty: true)
        let positives = labels.filter { $0 == 1 }.count
        let negatives = labels.count - positives
        require(
            positives > 0 && negatives > 0,
            "rocAUC: needs both positive and negative samples, given \(positives) positives and \(negatives) negatives")
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
