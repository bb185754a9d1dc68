import Foundation
import Neuron
import Testing

/// A logistic regression fitted on some rows: the scaler learned from those rows and the model.
private struct FittedLogistic {
    let scaler: StandardScaler
    let model: Sequential

    /// P(class 1) for the given rows of `data`.
    func probabilities(_ data: Dataset, rows: [Int]) -> [Double] {
        let x = scaler.transform(data.subset(rows).features)
        return withNoGrad { model(x) }.asArray(Double.self)
    }
}

/// Logistic regression by full-batch gradient descent on BCE from zero weights, on the rows
/// given, features standardised with their own statistics.
private func fitLogistic(_ data: Dataset, rows: [Int], steps: Int = 150) -> FittedLogistic {
    let train = data.subset(rows)
    let scaler = StandardScaler(fitting: train.features)
    let x = scaler.transform(train.features)
    let y = train.targetColumn(dtype: .float64)
    let model = Sequential(Linear(x.shape[1], 1, dtype: .float64), Sigmoid())
    withNoGrad { model.parameters.forEach { $0.fill(0) } }
    let optimizer = SGD(model.parameters, lr: 1)
    let loss = BCELoss()
    for _ in 0..<steps {
        optimizer.zeroGrad()
        loss(model(x), y).backward()
        optimizer.step()
    }
    return FittedLogistic(scaler: scaler, model: model)
}

@Suite("crossValidate")
struct CrossValidationTests {
    @Test("mean and population standard deviation, as NumPy's mean and std (ddof 0)")
    func summary() {
        let result = CrossValidationResult(scores: [1, 2, 3, 4])
        #expect(result.mean == 2.5)
        #expect(result.standardDeviation == 1.25.squareRoot())  // np.std([1, 2, 3, 4]) = 1.118033988749895
        #expect(result.description == "2.5000 ± 1.1180 over 4 folds")
    }

    @Test("the documented baseline: the training share of positives, scored by Brier on each fold")
    func baseline() {
        let y = [0, 1, 0, 0, 1, 1, 0, 1, 0, 0]
        let baseline = crossValidate(folds: StratifiedKFold(folds: 2), labels: y) { train in
            Double(train.filter { y[$0] == 1 }.count) / Double(train.count)
        } score: { share, test in
            Metrics.brierScore(probabilities: test.map { _ in share }, labels: test.map { y[$0] })
        }
        // Each half has 2 positives in 5: predicting 0.4 scores (3·0.4² + 2·0.6²)/5 = 0.24.
        expectClose(baseline.scores, [0.24, 0.24], rtol: 1e-15)
        #expect(baseline.description == "0.2400 ± 0.0000 over 2 folds")
    }

    @Test("logistic regression on breast cancer: a fresh model per fold, disjoint test folds covering every row")
    func logisticRegression() throws {
        let data = try Dataset.breastCancer(dtype: .float64)
        var models: [Sequential] = []  // kept alive, so their identities stay distinct
        var tested: [Int] = []
        var calibrationInTheLarge: [Double] = []
        let folds = StratifiedKFold(folds: 5, shuffle: true, seed: 0)
        let result = crossValidate(folds: folds, labels: data.labels) { train in
            let fit = fitLogistic(data, rows: train)
            models.append(fit.model)
            // With an intercept, BCE's gradient in the bias is mean(p − y): at its minimum the mean
            // prediction on the training rows is their share of positives. 150 steps do not reach
            // it (the classes are nearly separable), so the gap is small, not 0.
            let p = fit.probabilities(data, rows: train)
            let share = Double(train.filter { data.labels[$0] == 1 }.count) / Double(train.count)
            calibrationInTheLarge.append(Swift.abs(p.reduce(0, +) / Double(p.count) - share))
            return fit
        } score: { fit, test in
            tested += test
            return Metrics.rocAUC(scores: fit.probabilities(data, rows: test), labels: test.map { data.labels[$0] })
        }
        #expect(Set(models.map(ObjectIdentifier.init)).count == 5)
        #expect(tested.count == data.count && Set(tested).count == data.count)
        #expect(result.scores.count == 5 && result.scores.allSatisfy { $0 > 0.97 })
        #expect(result.mean > 0.99 && result.standardDeviation < 0.02, "\(result)")
        #expect(calibrationInTheLarge.allSatisfy { $0 < 2e-3 }, "\(calibrationInTheLarge)")
    }

    @Test("an error thrown while fitting a fold reaches the caller")
    func fitErrorPropagates() {
        struct Failure: Error {}
        let folds = StratifiedKFold(folds: 2)
        #expect(throws: Failure.self) {
            let fit: ([Int]) throws -> Int = { _ in throw Failure() }
            _ = try crossValidate(folds: folds, labels: [0, 1, 0, 1], fit: fit, score: { _, _ in 0 })
        }
    }
}
