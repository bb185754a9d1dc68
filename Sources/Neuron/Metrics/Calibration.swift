/// Calibration: whether, among samples predicted with probability about p, a share of about p
/// is positive.
extension Metrics {
    /// How ``calibrationCurve(probabilities:labels:bins:strategy:)`` places its bin edges.
    public enum CalibrationStrategy: Sendable, Equatable {
        /// Edges evenly spaced in [0, 1]: eᵢ = i·(1/bins), the last edge exactly 1 (as NumPy's
        /// `linspace`).
        case uniform
        /// Edges at the (i/bins)-th percentiles of the probabilities (NumPy's default linear
        /// interpolation), so bins hold about equally many samples; repeated probabilities can
        /// make edges coincide and bins empty.
        case quantile
    }

    /// The reliability diagram's points, as scikit-learn's `calibration_curve`: for each
    /// non-empty bin of predicted probabilities, the share of positives in it and the mean
    /// prediction in it.
    ///
    /// A sample with probability p goes to bin k = #{interior edges e₁ … e_{bins−1} with eᵢ < p}
    /// (NumPy's `searchsorted(edges[1:-1], p)`): bins are (eₖ, eₖ₊₁], the first is closed at 0,
    /// and a probability exactly on an edge falls in the lower bin. (scikit-learn before 1.1 put
    /// it in the upper bin, via `digitize` on edges whose last was moved to 1 + 10⁻⁸.) Empty bins
    /// are dropped, so the result may have fewer than `bins` points. A well calibrated model's
    /// points lie on the diagonal.
    ///
    /// - Parameters:
    ///   - probabilities: The predicted probability of class 1 for each sample.
    ///   - labels: 1 for positive, 0 for negative.
    ///   - bins: The number of bins (scikit-learn's default is 5).
    ///   - strategy: `.uniform` or `.quantile` bin edges.
    /// - Returns: Per non-empty bin, in order of probability: the fraction of positives
    ///   (ȳ, the y coordinate) and the mean predicted probability (p̄, the x coordinate).
    /// - Precondition: `bins` ≥ 1; the counts are equal and not zero, every probability is in
    ///   [0, 1] (not NaN), and every label is 0 or 1.
    public static func calibrationCurve(
        probabilities: [Double], labels: [Int], bins: Int = 5, strategy: CalibrationStrategy = .uniform
    ) -> (fractionPositive: [Double], meanPredicted: [Double]) {
        let filled = calibrationBins(
            probabilities: probabilities, labels: labels, bins: bins, strategy: strategy,
            function: "calibrationCurve")
        return (filled.map { $0.positives / Double($0.count) }, filled.map { $0.probabilitySum / Double($0.count) })
    }

    /// The expected calibration error of binary probabilities: the gap between the fraction of
    /// positives and the mean prediction in each bin, weighted by the bin's share of samples,
    /// ECE = ∑ₖ (nₖ / n)·|ȳₖ − p̄ₖ|, on the bins of
    /// ``calibrationCurve(probabilities:labels:bins:strategy:)``.
    ///
    /// This is the reliability diagram's weighted distance from the diagonal, for the
    /// probability of class 1. (Guo et al.'s ECE for classifiers instead bins the top-class
    /// confidence max(p, 1 − p) against accuracy; for two classes it generally differs.)
    /// scikit-learn has no ECE.
    ///
    /// - Parameters:
    ///   - probabilities: The predicted probability of class 1 for each sample.
    ///   - labels: 1 for positive, 0 for negative.
    ///   - bins: The number of bins.
    ///   - strategy: `.uniform` (the usual choice) or `.quantile` bin edges.
    /// - Returns: The ECE in [0, 1]; 0 when every bin's mean prediction equals its positive share.
    /// - Precondition: As for ``calibrationCurve(probabilities:labels:bins:strategy:)``.
    public static func expectedCalibrationError(
        probabilities: [Double], labels: [Int], bins: Int = 10, strategy: CalibrationStrategy = .uniform
    ) -> Double {
        let filled = calibrationBins(
            probabilities: probabilities, labels: labels, bins: bins, strategy: strategy,
            function: "expectedCalibrationError")
        let gaps = filled.map { Swift.abs($0.positives - $0.probabilitySum) }
        return gaps.reduce(0, +) / Double(labels.count)
    }

    /// The count, the number of positives and the sum of probabilities in each non-empty bin,
    /// summed in sample order (as NumPy's `bincount`).
    private static func calibrationBins(
        probabilities: [Double], labels: [Int], bins: Int, strategy: CalibrationStrategy, function: String
    ) -> [(count: Int, positives: Double, probabilitySum: Double)] {
        require(bins >= 1, "\(function): bins must be at least 1, given \(bins)")
        checkProbabilities(probabilities, labels: labels, function: function)
        let interior = calibrationEdges(of: probabilities, bins: bins, strategy: strategy).dropFirst().dropLast()
        var totals = Array(repeating: (count: 0, positives: 0.0, probabilitySum: 0.0), count: bins)
        for (p, y) in zip(probabilities, labels) {
            let k = lowerBound(of: p, in: interior)
            totals[k].count += 1
            totals[k].positives += Double(y)
            totals[k].probabilitySum += p
        }
        return totals.filter { $0.count > 0 }
    }

    /// The bins + 1 edges, computed as scikit-learn does with NumPy.
    private static func calibrationEdges(of p: [Double], bins: Int, strategy: CalibrationStrategy) -> [Double] {
        // np.linspace(0, 1, bins + 1): i·step, the last set to exactly 1.
        let step = 1 / Double(bins)
        let uniform = (0...bins).map { $0 == bins ? 1 : Double($0) * step }
        switch strategy {
        case .uniform:
            return uniform
        case .quantile:
            // np.percentile(p, linspace · 100), which divides by 100 again.
            let sorted = p.sorted()
            return uniform.map { percentile(sorted, ($0 * 100) / 100) }
        }
    }

    /// NumPy's default ("linear") quantile q ∈ [0, 1] of sorted values: the value at virtual
    /// index (n − 1)·q, interpolated between its neighbours the way NumPy's `_lerp` does.
    private static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let index = Double(sorted.count - 1) * q
        if index >= Double(sorted.count - 1) { return sorted[sorted.count - 1] }
        let below = index.rounded(.down)
        let (a, b) = (sorted[Int(below)], sorted[Int(below) + 1])
        let t = index - below
        let d = b - a
        return t >= 0.5 ? b - d * (1 - t) : a + d * t
    }

    /// The number of `edges` (sorted) strictly below `p`: NumPy's `searchsorted(edges, p)`.
    private static func lowerBound(of p: Double, in edges: ArraySlice<Double>) -> Int {
        var (low, high) = (edges.startIndex, edges.endIndex)
        while low < high {
            let mid = (low + high) / 2
            if edges[mid] < p { low = mid + 1 } else { high = mid }
        }
        return low - edges.startIndex
    }
}
