import Foundation
import Neuron
import Testing

/// An optimizer under test, its save and load, and how to build it.
struct CheckpointCase: Sendable, CustomTestStringConvertible {
    let name: String
    var testDescription: String { name }

    /// A fresh optimizer of this case over `parameters`.
    func make(_ parameters: [Tensor]) -> any Optimizer {
        switch name {
        case "SGD momentum": SGD(parameters, lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01)
        case "SGD Nesterov": SGD(parameters, lr: 0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true)
        case "Adam": Adam(parameters, lr: 0.01, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.1)
        default: AdamW(parameters, lr: 0.01, weightDecay: 0.05)
        }
    }

    static let all = ["SGD momentum", "SGD Nesterov", "Adam", "AdamW"].map(CheckpointCase.init)
}

/// Saves or loads any of the optimizers that checkpoint.
func save(_ optimizer: any Optimizer, to url: URL, model: (any Module)?) throws {
    if let sgd = optimizer as? SGD { try sgd.save(to: url, model: model) }
    if let adam = optimizer as? Adam { try adam.save(to: url, model: model) }
}

func load(_ optimizer: any Optimizer, from url: URL, model: (any Module)?) throws {
    if let sgd = optimizer as? SGD { try sgd.load(from: url, model: model) }
    if let adam = optimizer as? Adam { try adam.load(from: url, model: model) }
}

/// `count` training steps of MSE on a fixed batch, halving the learning rate after step 5.
private func train(_ model: Sequential, _ optimizer: any Optimizer, steps: Range<Int>) {
    let x = Tensor((0..<24).map { Float($0 % 7) / 3 - 1 }, shape: [8, 3])
    let y = Tensor((0..<16).map { Float($0 % 5) / 2 - 1 }, shape: [8, 2])
    for step in steps {
        if step == 5 { optimizer.learningRate *= 0.5 }
        optimizer.zeroGrad()
        MSELoss()(model(x), y).backward()
        optimizer.step()
    }
}

@Suite("Optimizer checkpoints: a run resumed from files continues bit for bit")
struct OptimizerCheckpointTests {
    @Test(
        "10 steps, save, load into fresh objects, 10 more: the same bits as 20 uninterrupted",
        arguments: CheckpointCase.all)
    func resumeIsBitForBit(_ c: CheckpointCase) throws {
        let (modelURL, optimizerURL) = (scratchURL(), scratchURL())
        defer { for url in [modelURL, optimizerURL] { try? FileManager.default.removeItem(at: url) } }
        let straight = smallMLP(seed: 11)
        train(straight, c.make(straight.parameters), steps: 0..<20)

        let first = smallMLP(seed: 11)
        let firstOptimizer = c.make(first.parameters)
        train(first, firstOptimizer, steps: 0..<10)
        try first.save(to: modelURL)
        try save(firstOptimizer, to: optimizerURL, model: first)

        let resumed = smallMLP(seed: 99)  // other initial values, overwritten by the load
        let resumedOptimizer = c.make(resumed.parameters)  // built with the initial learning rate
        try resumed.load(from: modelURL)
        try load(resumedOptimizer, from: optimizerURL, model: resumed)
        #expect(resumedOptimizer.learningRate == firstOptimizer.learningRate)
        train(resumed, resumedOptimizer, steps: 10..<20)

        for ((name, a), b) in zip(straight.namedParameters, resumed.parameters) {
            #expect(a.asArray(Float.self).map(\.bitPattern) == b.asArray(Float.self).map(\.bitPattern), "\(name)")
        }
    }

    @Test("the file holds PyTorch's slot names under the model's parameter names, or under positions")
    func keys() throws {
        let url = scratchURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let model = smallMLP(seed: 12)
        let adam = Adam(model.parameters, lr: 0.01)
        train(model, adam, steps: 0..<2)
        try adam.save(to: url, model: model)
        let file = try SafeTensors.load(from: url)
        #expect(file.names.contains("0.weight.exp_avg") && file.names.contains("2.bias.exp_avg_sq"))
        #expect(file.tensors["0.weight.step"]?.asArray(Double.self) == [2])
        #expect(file.metadata["optimizer"] == "Adam" && file.metadata["lr"] == "0.01")
        try adam.save(to: url)
        #expect(try SafeTensors.load(from: url).names.sorted().prefix(3) == ["0.exp_avg", "0.exp_avg_sq", "0.step"])
        let sgd = SGD(model.parameters, lr: 0.1, momentum: 0.5)
        try sgd.save(to: url, model: model)  // before any step: no buffers yet
        #expect(try SafeTensors.load(from: url).names.isEmpty)
        train(model, sgd, steps: 0..<1)
        try sgd.save(to: url, model: model)
        #expect(
            try SafeTensors.load(from: url).names.sorted() == [
                "0.bias.momentum_buffer", "0.weight.momentum_buffer", "2.bias.momentum_buffer",
                "2.weight.momentum_buffer",
            ])
    }

    @Test("a checkpoint of another optimizer, other hyperparameters or another model is refused, naming the difference")
    func refusals() throws {
        let url = scratchURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let model = smallMLP(seed: 13)
        let adam = Adam(model.parameters, lr: 0.01)
        train(model, adam, steps: 0..<1)
        try adam.save(to: url, model: model)
        func error(_ body: () throws -> Void) -> String {
            do {
                try body()
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(
            error { try SGD(model.parameters, lr: 0.1).load(from: url, model: model) }.contains(
                "the file holds the state of Adam, not of SGD"))
        #expect(error { try AdamW(model.parameters).load(from: url, model: model) }.contains("not of AdamW"))
        #expect(
            error { try Adam(model.parameters, betas: (0.5, 0.999)).load(from: url, model: model) }.contains(
                "beta1 is 0.9 in the file, 0.5 in this Adam"))
        let wider = Sequential(Linear(3, 5), Tanh(), Linear(5, 2))
        let message = error { try Adam(wider.parameters).load(from: url, model: wider) }
        #expect(message.contains("size mismatch for 0.weight.exp_avg: the file has shape [4, 3], the parameter [5, 3]"))
        let renamed = error { try Adam(model.parameters).load(from: url) }  // saved by name, loaded by position
        #expect(renamed.contains("Unexpected key(s): \"0.bias.exp_avg\""))
        // A parameter with some of its entries: the missing ones are named.
        var tensors = try SafeTensors.load(from: url)
        tensors.tensors["2.bias.step"] = nil
        try SafeTensors.save(tensors.tensors, metadata: tensors.metadata, to: url)
        #expect(
            error { try Adam(model.parameters).load(from: url, model: model) }.contains(
                "Missing key(s): \"2.bias.step\""))
        tensors.tensors["2.bias.step"] = Tensor(scalar: 1.5, dtype: .float64)
        try SafeTensors.save(tensors.tensors, metadata: tensors.metadata, to: url)
        #expect(
            error { try Adam(model.parameters).load(from: url, model: model) }.contains(
                "2.bias.step must be a whole number ≥ 1 of shape [], found shape [] holding 1.5"))
        try model.save(to: url)
        #expect(
            error { try Adam(model.parameters).load(from: url, model: model) }.contains("not an optimizer checkpoint"))
    }

    @Test("a failed load leaves the optimizer's state as it was")
    func failedLoadChangesNothing() throws {
        let url = scratchURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let model = smallMLP(seed: 14)
        let sgd = SGD(model.parameters, lr: 0.1, momentum: 0.9)
        train(model, sgd, steps: 0..<3)
        try sgd.save(to: url, model: model)
        var file = try SafeTensors.load(from: url)
        file.tensors["0.weight.momentum_buffer"] = Tensor.zeros([1])
        try SafeTensors.save(file.tensors, metadata: file.metadata.merging(["lr": "7"]) { $1 }, to: url)
        #expect(throws: StateDictError.self) { try sgd.load(from: url, model: model) }
        #expect(sgd.learningRate == 0.1)
    }
}
