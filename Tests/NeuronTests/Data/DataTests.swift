import Foundation
import Neuron
import Testing

@Suite("Data: bundled sets, CSV, scaling, splitting")
struct DataTests {
    @Test("breast cancer loads with its published split")
    func breastCancer() throws {
        let data = try Dataset.breastCancer()
        #expect(data.features.shape == [569, 30])
        #expect(data.labels.filter { $0 == 0 }.count == 212)
        #expect(data.featureNames.first == "mean_radius" && data.featureNames.last == "worst_fractal_dimension")
        #expect(data.classNames == ["malignant", "benign"])
        #expect(data.trainIndices.count == 455 && data.testIndices.count == 114)
        #expect(data.subset(data.testIndices).labels.filter { $0 == 0 }.count == 42)
        // First row of the file: 17.99, 10.38, …; float64 keeps scikit-learn's exact values.
        let exact = try Dataset.breastCancer(dtype: .float64)
        #expect(exact.features[flat: 0] == 17.99 && exact.features[flat: 1] == 10.38)
    }

    @Test("iris and digits load with their shapes and class counts")
    func irisAndDigits() throws {
        let iris = try Dataset.iris()
        #expect(iris.features.shape == [150, 4])
        #expect(iris.trainIndices.count == 120 && iris.testIndices.count == 30)
        let digits = try Dataset.digits()
        #expect(digits.features.shape == [1797, 64])
        #expect(digits.split == nil)
        #expect(digits.labels.filter { $0 == 0 }.count == 178)
        #expect(digits.features.asArray(Double.self).max() == 16)
    }

    @Test("the standard scaler gives zero mean and unit population variance on the fitted data")
    func scaler() throws {
        let x = Tensor([1, 10, 2, 10, 3, 10, 6, 10] as [Double], shape: [4, 2], dtype: .float64)
        let z = StandardScaler(fitting: x).transform(x)
        // Column 0: mean 3, population std √3.5; column 1 is constant, so σ = 1.
        let s = 3.5.squareRoot()
        expectClose(z, [-2 / s, 0, -1 / s, 0, 0, 0, 3 / s, 0], rtol: 1e-14)
    }

    @Test("a stratified split keeps class shares and covers every row once")
    func stratifiedSplit() throws {
        let data = try Dataset.digits()
        let (train, test) = data.stratifiedSplit(testFraction: 0.2, seed: 42)
        #expect(train.count + test.count == data.count)
        for c in 0..<10 {
            let total = data.labels.filter { $0 == c }.count
            #expect(test.labels.filter { $0 == c }.count == Int((Double(total) * 0.2).rounded()))
        }
        let again = data.stratifiedSplit(testFraction: 0.2, seed: 42).test
        #expect(again.labels == test.labels)
    }

    @Test("shuffled batches cover every row once, in batches of the given size")
    func batches() {
        var rng = RandomGenerator(seed: 1)
        let batches = shuffledBatches(count: 10, batchSize: 4, generator: &rng)
        #expect(batches.map(\.count) == [4, 4, 2])
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<10))
    }
}

@Suite("Data: bad arguments stop with a message naming the function and the values")
struct DataBadInputTests {
    @Test("shuffledBatches with a negative count or a batch size below one")
    func batchSizes() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                var rng = RandomGenerator(seed: 1)
                _ = shuffledBatches(count: -3, batchSize: 4, generator: &rng)
            }, mentions: ["shuffledBatches", "count", "-3"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                var rng = RandomGenerator(seed: 1)
                _ = shuffledBatches(count: 10, batchSize: -2, generator: &rng)
            }, mentions: ["shuffledBatches", "batchSize", "-2"])
    }

    @Test("StandardScaler.transform of a matrix of another width names the scaler and both widths")
    func scalerWidth() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let scaler = StandardScaler(fitting: Tensor.ones([5, 3]))
                _ = scaler.transform(Tensor.ones([2, 4]))
            }, mentions: ["StandardScaler.transform", "3 features", "[2, 4]"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = StandardScaler(fitting: Tensor.ones([0, 3]))
            }, mentions: ["StandardScaler(fitting:)", "[0, 3]"])
    }

    @Test("stratifiedSplit with a fraction outside (0, 1)")
    func splitFraction() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = try Dataset.iris().stratifiedSplit(testFraction: 1.5, seed: 1)
            }, mentions: ["stratifiedSplit", "1.5"])
    }
}
