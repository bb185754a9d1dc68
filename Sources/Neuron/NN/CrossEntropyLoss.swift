/// Cross-entropy on logits for C classes, as PyTorch's `nn.CrossEntropyLoss`: log-softmax and
/// negative log-likelihood in one stable step.
///
/// With integer labels yₙ, class weights w and label smoothing ε, the loss of sample n is
/// ℓₙ = (1 − ε)·w_{yₙ}·(−log pₙ,yₙ) + (ε/C)·∑_c w_c·(−log pₙ,c), log p = logSoftmax(x);
/// `.mean` divides the sum by ∑ₙ w_{yₙ} (by N without weights). With probability targets q,
/// ℓₙ = −∑_c w_c·q̃ₙ,c·log pₙ,c with q̃ = (1 − ε)·q + ε/C, and `.mean` divides by N.
///
/// ```swift
/// let loss = CrossEntropyLoss()(logits, labels: [2, 0, 1])
/// ```
public struct CrossEntropyLoss {
    /// How the per-sample losses are combined.
    public var reduction: Reduction
    /// A weight per class, [C], or nil.
    public var classWeights: Tensor?
    /// ε in [0, 1]: how much of the target is spread uniformly over the classes.
    public var labelSmoothing: Double

    /// A cross-entropy loss.
    ///
    /// - Parameters:
    ///   - classWeights: One weight per class (for imbalanced classes), or nil.
    ///   - labelSmoothing: ε in [0, 1].
    ///   - reduction: `.mean` (default), `.sum` or `.none`.
    /// - Precondition: 0 ≤ ε ≤ 1.
    public init(classWeights: Tensor? = nil, labelSmoothing: Double = 0, reduction: Reduction = .mean) {
        require(
            (0...1).contains(labelSmoothing),
            "CrossEntropyLoss: labelSmoothing must be in [0, 1], got \(labelSmoothing)")
        self.classWeights = classWeights
        self.labelSmoothing = labelSmoothing
        self.reduction = reduction
    }

    /// The loss of logits [N, C] against integer labels.
    ///
    /// - Parameters:
    ///   - logits: Unnormalised scores, [N, C].
    ///   - labels: N class indices in 0 ..< C.
    /// - Returns: A scalar, or the N per-sample losses with `.none`.
    /// - Precondition: Shapes agree and every label is a valid class.
    public func callAsFunction(_ logits: Tensor, labels: [Int]) -> Tensor {
        let (n, c) = checkedShape(logits)
        require(labels.count == n, "CrossEntropyLoss: \(labels.count) labels for logits of shape \(logits.shape)")
        if let bad = labels.first(where: { $0 < 0 || $0 >= c }) {
            fatalError("CrossEntropyLoss: label \(bad) is out of range for \(c) classes")
        }
        let weights = classWeights?.asArray(Double.self) ?? [Double](repeating: 1, count: c)
        let perSample =
            labelSmoothing == 0
            ? softmaxCrossEntropy(logits, labels: labels, classWeights: classWeights.map { _ in weights })
            : smoothedLosses(logits, labels: labels, weights: weights)
        switch reduction {
        case .none: return perSample
        case .sum: return perSample.sum()
        case .mean: return perSample.sum() / labels.reduce(0) { $0 + weights[$1] }
        }
    }

    /// The loss of logits [N, C] against target probabilities [N, C] (soft labels).
    ///
    /// - Parameters:
    ///   - logits: Unnormalised scores, [N, C].
    ///   - probabilities: Target distributions, [N, C], each row summing to one.
    /// - Returns: A scalar, or the N per-sample losses with `.none`.
    /// - Precondition: The shapes are equal.
    public func callAsFunction(_ logits: Tensor, _ probabilities: Tensor) -> Tensor {
        let (_, c) = checkedShape(logits)
        require(
            probabilities.shape == logits.shape,
            "CrossEntropyLoss: target probabilities \(probabilities.shape) must match logits \(logits.shape)")
        var q = probabilities
        if labelSmoothing > 0 { q = q * (1 - labelSmoothing) + labelSmoothing / Double(c) }
        if let classWeights { q = q * classWeights.reshaped([1, c]) }
        return reduction.apply(-(logits.logSoftmax(axis: 1) * q).sum(axis: 1))
    }

    /// The per-sample losses with label smoothing, composed from log-softmax: the label's term
    /// (a gather) plus the smoothing term over all classes.
    private func smoothedLosses(_ logits: Tensor, labels: [Int], weights: [Double]) -> Tensor {
        let (n, c) = (logits.shape[0], logits.shape[1])
        let logP = logits.logSoftmax(axis: 1)
        // Gather log pₙ,yₙ rather than multiply by a one-hot mask: the other classes' log p may
        // be −∞ (a +∞ logit at the label), and −∞·0 would be NaN.
        let positions = labels.enumerated().map { i, label in i * c + label }
        var perSample = -logP.reshaped([n * c, 1]).rows(at: positions).reshaped([n])
        if classWeights != nil {
            perSample = perSample * Tensor(labels.map { weights[$0] }, shape: [n], dtype: logits.dtype)
        }
        let smooth = -(logP * Tensor(weights, shape: [1, c], dtype: logits.dtype)).sum(axis: 1)
        return perSample * (1 - labelSmoothing) + smooth * (labelSmoothing / Double(c))
    }

    /// (N, C) of a logits matrix, stopping on any other shape or on mismatched weights.
    private func checkedShape(_ logits: Tensor) -> (Int, Int) {
        require(logits.rank == 2, "CrossEntropyLoss: logits must be [N, C], got \(logits.shape)")
        let c = logits.shape[1]
        if let classWeights {
            require(
                classWeights.shape == [c],
                "CrossEntropyLoss: classWeights \(classWeights.shape) do not match \(c) classes")
        }
        return (logits.shape[0], c)
    }
}
