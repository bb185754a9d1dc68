import Foundation

/// The scores of a model fitted and evaluated once per fold.
public struct CrossValidationResult: Sendable, Equatable, CustomStringConvertible {
    /// The score on each fold's test rows, in fold order.
    public let scores: [Double]

    /// Creates a result from per-fold scores.
    ///
    /// - Parameter scores: One score per fold.
    public init(scores: [Double]) {
        self.scores = scores
    }

    /// The mean score, (1/k) ∑ sᵢ (NaN for no scores).
    public var mean: Double {
        scores.reduce(0, +) / Double(scores.count)
    }

    /// The population standard deviation of the scores, √((1/k) ∑ (sᵢ − s̄)²): NumPy's default
    /// `std` (ddof 0), the figure scikit-learn users report as `scores.std()`. It describes the
    /// spread across these folds; it is not a standard error of the mean.
    public var standardDeviation: Double {
        let m = mean
        return (scores.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(scores.count)).squareRoot()
    }

    /// "mean ± standard deviation over k folds", to four decimals.
    public var description: String {
        String(format: "%.4f ± %.4f over %d folds", mean, standardDeviation, scores.count)
    }
}

/// Cross-validates a model: for each split, fits a fresh model on the training rows and scores
/// it on the test rows (as scikit-learn's `cross_val_score`).
///
/// The closures receive row indices into the caller's data, so any model and any metric fit.
/// A baseline that predicts the training rows' share of positives for every test row:
///
/// ```swift
/// let y = [0, 1, 0, 0, 1, 1, 0, 1, 0, 0]
/// let baseline = crossValidate(folds: StratifiedKFold(folds: 2), labels: y) { train in
///     Double(train.filter { y[$0] == 1 }.count) / Double(train.count)
/// } score: { share, test in
///     Metrics.brierScore(probabilities: test.map { _ in share }, labels: test.map { y[$0] })
/// }
/// print(baseline)   // 0.2400 ± 0.0000 over 2 folds
/// ```
///
/// (`Tests/NeuronTests/Metrics/CrossValidationTests.swift` cross-validates a logistic
/// regression the same way.)
///
/// - Parameters:
///   - folds: The splitter.
///   - labels: The class of each row, which the folds are stratified by.
///   - fit: Fits and returns a new model on the given training rows. Fit everything learned
///     from data here (feature scaling too), so nothing is learned from the test rows.
///   - score: The metric of the model on the given test rows.
/// - Returns: The score of each fold, with their mean and standard deviation.
/// - Precondition: As for ``StratifiedKFold/testFolds(labels:)``.
public func crossValidate<Model>(
    folds: StratifiedKFold, labels: [Int],
    fit: (_ train: [Int]) throws -> Model,
    score: (_ model: Model, _ test: [Int]) throws -> Double
) rethrows -> CrossValidationResult {
    var scores: [Double] = []
    for split in folds.splits(labels: labels) {
        let model = try fit(split.train)
        scores.append(try score(model, split.test))
    }
    return CrossValidationResult(scores: scores)
}
