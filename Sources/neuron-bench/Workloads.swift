import Foundation
import Neuron

/// W2: per-op overhead of `sigmoid(a * b + c).sum()` forward and backward on 16 elements.
func runOpOverhead(_ report: Report, reps: Int) {
    let a = Tensor.randn([16], seed: 1, requiresGrad: true)
    let b = Tensor.randn([16], seed: 2, requiresGrad: true)
    let c = Tensor.randn([16], seed: 3, requiresGrad: true)
    let t = medianTime(reps: reps) {
        for _ in 0..<10_000 {
            let loss = (a * b + c).sigmoid().sum()
            loss.backward()
            a.zeroGrad()
            b.zeroGrad()
            c.zeroGrad()
        }
    }
    report.add("W2", "op_overhead", t / 10_000 * 1e6, "us/iter")
}

/// Breast cancer, all 569 rows, standardised with each column's mean and population std.
func standardizedBreastCancer(dtype: DType) throws -> (Tensor, Tensor) {
    let data = try Dataset.breastCancer(dtype: .float64)
    let x = StandardScaler(fitting: data.features).transform(data.features).to(dtype)
    return (x, data.targetColumn(dtype: dtype))
}

/// One W3 run: 1000 full-batch SGD steps of logistic regression from zero; the final loss.
func logisticRegression(_ x: Tensor, _ y: Tensor) -> Double {
    let model = Sequential(Linear(30, 1, dtype: x.dtype), Sigmoid())
    withNoGrad { model.parameters.forEach { $0.fill(0) } }
    let optimizer = SGD(model.parameters, lr: 0.1)
    let lossFunction = BCELoss()
    var last = 0.0
    for step in 0..<1000 {
        optimizer.zeroGrad()
        let loss = lossFunction(model(x), y)
        loss.backward()
        optimizer.step()
        if step == 999 { last = loss.item() }
    }
    return last
}

/// W3: logistic regression, 1000 steps; also the float64 run, to show float32 agrees.
func runLogisticRegression(_ report: Report, reps: Int) throws {
    let (x, y) = try standardizedBreastCancer(dtype: .float32)
    var final32 = 0.0
    let t = medianTime(reps: reps) { final32 = logisticRegression(x, y) }
    report.add("W3", "logistic_regression_1000_steps", t, "s")
    report.add("W3", "final_loss", final32, "")
    let (x64, y64) = try standardizedBreastCancer(dtype: .float64)
    let final64 = logisticRegression(x64, y64)
    report.add("W3", "final_loss_float64", final64, "")
    report.add("W3", "float32_float64_difference", abs(final32 - final64), "")
}

/// W4: XOR with a 2-4-1 tanh network, 2000 SGD steps.
func runXOR(_ report: Report, reps: Int) {
    let x = Tensor([0, 0, 0, 1, 1, 0, 1, 1] as [Double], shape: [4, 2])
    let y = Tensor([0, 1, 1, 0] as [Double], shape: [4, 1])
    var final = 0.0
    let t = medianTime(reps: reps) {
        var rng = RandomGenerator(seed: 0)
        let model = Sequential(Linear(2, 4, generator: &rng), Tanh(), Linear(4, 1, generator: &rng), Sigmoid())
        let optimizer = SGD(model.parameters, lr: 0.5)
        let lossFunction = BCELoss()
        for _ in 0..<2000 {
            optimizer.zeroGrad()
            let loss = lossFunction(model(x), y)
            loss.backward()
            optimizer.step()
            final = loss.item()
        }
    }
    report.add("W4", "xor_2000_steps", t, "s")
    report.add("W4", "final_loss", final, "")
}

/// W5: the digits MLP, 20 epochs of Adam on shuffled batches of 64.
func runDigits(_ report: Report, reps: Int) throws {
    let digits = try Dataset.digits()
    let x = digits.features / 16
    let xTrain = x.sliced(axis: 0, 0..<1437)
    let xTest = x.sliced(axis: 0, 1437..<1797)
    let yTrain = Array(digits.labels[0..<1437])
    let yTest = Array(digits.labels[1437...])
    var accuracy = 0.0
    let t = medianTime(reps: reps) {
        var rng = RandomGenerator(seed: 0)
        let model = Sequential(Linear(64, 128, generator: &rng), ReLU(), Linear(128, 10, generator: &rng))
        let optimizer = Adam(model.parameters, lr: 1e-3)
        let lossFunction = CrossEntropyLoss()
        for _ in 0..<20 {
            for batch in shuffledBatches(count: 1437, batchSize: 64, generator: &rng) {
                optimizer.zeroGrad()
                let loss = lossFunction(model(xTrain.rows(at: batch)), labels: batch.map { yTrain[$0] })
                loss.backward()
                optimizer.step()
            }
        }
        let predicted = withNoGrad { model(xTest) }.argmax(axis: 1)
        accuracy = Metrics.accuracy(predicted: predicted, actual: yTest)
    }
    report.add("W5", "digits_mlp_20_epochs", t, "s")
    report.add("W5", "test_accuracy", accuracy, "")
}

/// W6: a 784-512-512-10 MLP on random data, batch 256, Adam; milliseconds per step.
func runMLP(_ report: Report, reps: Int) {
    var rng = RandomGenerator(seed: 0)
    let x = Tensor.randn([256, 784], generator: &rng)
    let labels = (0..<256).map { _ in Int(rng.next() % 10) }
    let model = Sequential(
        Linear(784, 512, generator: &rng), ReLU(), Linear(512, 512, generator: &rng), ReLU(),
        Linear(512, 10, generator: &rng))
    let optimizer = Adam(model.parameters, lr: 1e-3)
    let lossFunction = CrossEntropyLoss()
    let t = medianTime(reps: reps) {
        for _ in 0..<50 {
            optimizer.zeroGrad()
            let loss = lossFunction(model(x), labels: labels)
            loss.backward()
            optimizer.step()
        }
    }
    report.add("W6", "mlp_step", t / 50 * 1e3, "ms/step")
}
