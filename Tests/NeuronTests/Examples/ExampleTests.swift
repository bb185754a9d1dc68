import Neuron
import Testing

/// Short versions of the examples in Examples/, asserting that each one learns.
@Suite("Examples, quick versions")
struct ExampleTests {
    @Test("logistic regression on breast cancer: 200 gradient steps reach > 95 % test accuracy")
    func logisticRegression() throws {
        let data = try Dataset.breastCancer()
        let train = data.subset(data.trainIndices)
        let test = data.subset(data.testIndices)
        let scaler = StandardScaler(fitting: train.features)
        let model = Sequential(Linear(30, 1), Sigmoid())
        withNoGrad { model.parameters.forEach { $0.fill(0) } }
        let optimizer = SGD(model.parameters, lr: 0.1)
        let x = scaler.transform(train.features)
        let y = train.targetColumn()
        var first = 0.0
        var last = 0.0
        for step in 0..<200 {
            optimizer.zeroGrad()
            let loss = BCELoss()(model(x), y)
            loss.backward()
            optimizer.step()
            if step == 0 { first = loss.item() }
            last = loss.item()
        }
        #expect(Swift.abs(first - 0.693147) < 1e-5)  // ln 2 from zero weights
        #expect(last < 0.1)
        let p = withNoGrad { model(scaler.transform(test.features)) }.asArray(Double.self)
        #expect(Metrics.accuracy(predicted: p.map { $0 >= 0.5 ? 1 : 0 }, actual: test.labels) > 0.95)
        #expect(Metrics.rocAUC(scores: p, labels: test.labels) > 0.99)
    }

    @Test("XOR: one neuron stays at or below 75 %; a tanh hidden layer reaches 100 % (seeded)")
    func xor() {
        let x = Tensor([0, 0, 0, 1, 1, 0, 1, 1] as [Double], shape: [4, 2])
        let y = Tensor([0, 1, 1, 0] as [Double], shape: [4, 1])
        func accuracy(_ model: Sequential, steps: Int) -> Double {
            let optimizer = SGD(model.parameters, lr: 0.5)
            for _ in 0..<steps {
                optimizer.zeroGrad()
                BCELoss()(model(x), y).backward()
                optimizer.step()
            }
            let p = withNoGrad { model(x) }.asArray(Double.self)
            return Metrics.accuracy(predicted: p.map { $0 >= 0.5 ? 1 : 0 }, actual: [0, 1, 1, 0])
        }
        var rng = RandomGenerator(seed: 0)
        #expect(accuracy(Sequential(Linear(2, 1, generator: &rng), Sigmoid()), steps: 1000) <= 0.75)
        rng = RandomGenerator(seed: 0)
        let mlp = Sequential(Linear(2, 4, generator: &rng), Tanh(), Linear(4, 1, generator: &rng), Sigmoid())
        #expect(accuracy(mlp, steps: 1000) == 1)
    }

    @Test("softmax regression on iris reaches > 90 % test accuracy")
    func softmaxRegression() throws {
        var rng = RandomGenerator(seed: 1)
        let iris = try Dataset.iris()
        let train = iris.subset(iris.trainIndices)
        let test = iris.subset(iris.testIndices)
        let scaler = StandardScaler(fitting: train.features)
        let layer = Linear(4, 3, generator: &rng)
        let optimizer = SGD(layer.parameters, lr: 0.5)
        for _ in 0..<200 {
            optimizer.zeroGrad()
            CrossEntropyLoss()(layer(scaler.transform(train.features)), labels: train.labels).backward()
            optimizer.step()
        }
        let predicted = withNoGrad { layer(scaler.transform(test.features)) }.argmax(axis: 1)
        #expect(Metrics.accuracy(predicted: predicted, actual: test.labels) > 0.9)
    }

    @Test("a digits MLP with Adam and mini-batches passes 90 % after 5 epochs")
    func digits() throws {
        var rng = RandomGenerator(seed: 42)
        let digits = try Dataset.digits()
        let (train, test) = digits.stratifiedSplit(testFraction: 0.2, seed: 42)
        let model = Sequential(Linear(64, 128, generator: &rng), ReLU(), Linear(128, 10, generator: &rng))
        let optimizer = Adam(model.parameters, lr: 1e-3)
        let x = train.features / 16
        for _ in 0..<5 {
            for batch in shuffledBatches(count: train.count, batchSize: 64, generator: &rng) {
                optimizer.zeroGrad()
                CrossEntropyLoss()(model(x.rows(at: batch)), labels: batch.map { train.labels[$0] }).backward()
                optimizer.step()
            }
        }
        let predicted = withNoGrad { model(test.features / 16) }.argmax(axis: 1)
        #expect(Metrics.accuracy(predicted: predicted, actual: test.labels) > 0.9)
    }

    @Test("training is deterministic under a fixed seed")
    func deterministic() {
        func run() -> [Float] {
            var rng = RandomGenerator(seed: 9)
            let model = Sequential(Linear(3, 5, generator: &rng), Tanh(), Linear(5, 2, generator: &rng))
            let x = Tensor.randn([8, 3], seed: 1)
            let optimizer = Adam(model.parameters, lr: 0.01)
            for _ in 0..<20 {
                optimizer.zeroGrad()
                CrossEntropyLoss()(model(x), labels: [0, 1, 0, 1, 1, 0, 0, 1]).backward()
                optimizer.step()
            }
            return model.parameters.flatMap { $0.asArray(Float.self) }
        }
        #expect(run() == run())
    }
}
