import Foundation
import Neuron
import Testing

@Suite("Data sets describe themselves; numeric targets load for regression")
struct RegressionDatasetTests {
    /// A CSV file with the given text, removed by the caller.
    private func csvFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("neuron-reg-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("print(dataset) is a summary: rows, features, classes with counts, split sizes")
    func summary() throws {
        let data = try Dataset.breastCancer()
        #expect(
            "\(data)"
                == "Dataset: 569 rows × 30 features; classes malignant 212, benign 357; split train 455, test 114")
        #expect("\(try Dataset.digits())".hasPrefix("Dataset: 1797 rows × 64 features; classes 0 178, 1 182"))
        #expect("\(data)".count < 200)
    }

    @Test("a numeric target loads as numbers; the summary gives its range; labels stop with a message")
    func numericTarget() async throws {
        let url = try csvFile("x1,price,x2\n1,2.5,0\n2,-1e3,1\n3,7,0\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let data = try Dataset.load(csv: url, target: "price")
        #expect(data.isRegression && data.targets == [2.5, -1000, 7] && data.featureNames == ["x1", "x2"])
        #expect(data.targetColumn(dtype: .float64).asArray(Double.self) == [2.5, -1000, 7])
        #expect(data.features.asArray(Double.self) == [1, 0, 2, 1, 3, 0])
        #expect("\(data)" == "Dataset: 3 rows × 2 features; numeric target 'price' from -1000 to 7, mean -330.2")
        #expect(data.subset([2, 0]).targets == [7, 2.5])
        let (train, test) = data.randomSplit(testFraction: 1.0 / 3, seed: 1)
        #expect(train.count == 2 && test.count == 1 && Set(train.targets! + test.targets!) == [2.5, -1000, 7])
        await #expect(processExitsWith: .failure) {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("neuron-reg-exit.csv")
            try? "x,y\n1,2.5\n".write(to: url, atomically: true, encoding: .utf8)
            _ = try? Dataset.load(csv: url, target: "y").labels
        }
    }

    @Test("a bad target is an error naming the file, line and column; a missing column is named")
    func badTargets() throws {
        let url = try csvFile("x,y\n1,2\n2,nan\n")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: DataError.self) { try Dataset.load(csv: url, target: "y") }
        do {
            _ = try Dataset.load(csv: url, target: "y")
        } catch {
            #expect("\(error)".contains(url.path) && "\(error)".contains("3"))
        }
        #expect(throws: DataError.missingColumn(source: url.path, name: "price")) {
            try Dataset.load(csv: url, target: "price")
        }
    }

    @Test("linear regression with MSELoss: the gradient is (2/n)·Xᵀ(ŷ − y), the (ŷ − y)·x form of logistic regression")
    func linearRegressionGradient() throws {
        // y = 3x₁ − 2x₂ + 1 with a little noise, written to a file and read back as a regression set.
        var rng = RandomGenerator(seed: 7)
        let noise = Tensor.randn([40], generator: &rng, dtype: .float64).asArray(Double.self)
        let xs = Tensor.randn([40, 2], generator: &rng, dtype: .float64).asArray(Double.self)
        var text = "x1,x2,y\n"
        for i in 0..<40 {
            let y = 3 * xs[2 * i] - 2 * xs[2 * i + 1] + 1 + 0.1 * noise[i]
            text += "\(xs[2 * i]),\(xs[2 * i + 1]),\(y)\n"
        }
        let url = try csvFile(text)
        defer { try? FileManager.default.removeItem(at: url) }
        let data = try Dataset.load(csv: url, target: "y", dtype: .float64)
        let x = data.features
        let y = data.targetColumn(dtype: .float64)

        let model = Sequential(Linear(2, 1, dtype: .float64))
        let loss = MSELoss()(model(x), y)
        loss.backward()
        let layer = model.layer(0, as: Linear.self)
        let residual = (withNoGrad { model(x) } - y).asArray(Double.self)
        let rows = x.asArray(Double.self)
        let n = Double(data.count)
        let expected = (0..<2).map { j in 2 / n * (0..<data.count).reduce(0) { $0 + residual[$1] * rows[2 * $1 + j] } }
        expectClose(layer.weight.grad!, expected, rtol: 1e-12, atol: 1e-14)
        expectClose(layer.bias!.grad!, [2 / n * residual.reduce(0, +)], rtol: 1e-12, atol: 1e-14)

        // Gradient descent reaches the least-squares solution of the normal equations.
        let optimizer = SGD(model.parameters, lr: 0.1)
        for _ in 0..<2000 {
            optimizer.zeroGrad()
            MSELoss()(model(x), y).backward()
            optimizer.step()
        }
        let w = layer.weight.asArray(Double.self)
        #expect(Swift.abs(w[0] - 3) < 0.05 && Swift.abs(w[1] + 2) < 0.05 && Swift.abs(layer.bias!.item() - 1) < 0.05)
        // At the optimum the gradient, Xᵀ(ŷ − y), vanishes.
        optimizer.zeroGrad()
        MSELoss()(model(x), y).backward()
        #expect(layer.weight.grad!.asArray(Double.self).allSatisfy { Swift.abs($0) < 1e-10 })
    }
}
