import Foundation
import Neuron
import Testing

/// A model written as a class with named submodules, to check reflection-based discovery.
private final class TwoTower: Module {
    let encoder = Sequential(Linear(3, 4), ReLU())
    let head = Linear(4, 2, bias: false)
    let constant = Tensor.ones([2])  // not a parameter: no requiresGrad
    let towers: [any Module] = [Linear(2, 2), Tanh()]
    func callAsFunction(_ input: Tensor) -> Tensor { head(encoder(input)) + constant }
}

@Suite("Modules")
struct ModuleTests {
    @Test("Sequential names parameters as PyTorch does, in order")
    func sequentialNames() {
        let model = Sequential(Linear(2, 4), Tanh(), Linear(4, 1), Sigmoid())
        #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(model.parameters.map(\.shape) == [[4, 2], [4], [1, 4], [1]])
        #expect(model.parameterCount == 8 + 4 + 4 + 1)
    }

    @Test("parameters of a class are found by reflection, with dotted names")
    func reflectionNames() {
        let model = TwoTower()
        #expect(
            model.namedParameters.map(\.name) == [
                "encoder.0.weight", "encoder.0.bias", "head.weight", "towers.0.weight", "towers.0.bias",
            ])
    }

    @Test("the result builder and the variadic initialiser build the same model")
    func builderMatchesVariadic() {
        var rng = RandomGenerator(seed: 3)
        let a = Sequential(Linear(2, 4, generator: &rng), Tanh(), Linear(4, 1, generator: &rng), Sigmoid())
        rng = RandomGenerator(seed: 3)
        let deep = true
        let b = Sequential {
            Linear(2, 4, generator: &rng)
            Tanh()
            if deep { Linear(4, 1, generator: &rng) }
            Sigmoid()
        }
        #expect(a.layers.count == b.layers.count)
        for (p, q) in zip(a.parameters, b.parameters) { #expect(p.asArray(Double.self) == q.asArray(Double.self)) }
    }

    @Test("Linear computes x·Wᵀ + b with weight [out, in]")
    func linearForward() {
        let layer = Linear(3, 2)
        withNoGrad {
            layer.weight.assign(Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]))
            layer.bias!.assign(Tensor([0.5, -1] as [Double], shape: [2]))
        }
        let x = Tensor([1, 0, -1, 2, 1, 0] as [Double], shape: [2, 3])
        // Row 1: [1, 0, −1]·[1, 2, 3] + 0.5 = −1.5 and ·[4, 5, 6] − 1 = −3; row 2: [2, 1, 0] gives 4 + 0.5 and 13 − 1.
        #expect(layer(x).asArray(Double.self) == [-1.5, -3, 4.5, 12])
        #expect(layer(Tensor([1, 0, -1] as [Double], shape: [3])).shape == [2])
    }

    @Test("Linear initialises uniformly in ±1/√in, like PyTorch, and reproducibly by seed")
    func linearInitialisation() {
        var generator = RandomGenerator(seed: 11)
        let layer = Linear(64, 32, generator: &generator)
        let bound = 1 / 8.0
        let w = layer.weight.asArray(Double.self)
        #expect(w.allSatisfy { Swift.abs($0) <= bound })
        #expect(w.max()! > 0.9 * bound && w.min()! < -0.9 * bound)  // spans the range
        #expect(layer.bias!.asArray(Double.self).allSatisfy { Swift.abs($0) <= bound })
        var rng = RandomGenerator(seed: 5)
        var rng2 = RandomGenerator(seed: 5)
        #expect(
            Linear(4, 4, generator: &rng).weight.asArray(Double.self)
                == Linear(4, 4, generator: &rng2).weight.asArray(Double.self))
    }

    @Test("manualSeed makes default initialisation reproducible")
    func manualSeedReproducible() async {
        // In a child process: the process-wide generator is shared with concurrently running tests.
        await #expect(processExitsWith: .success) {
            manualSeed(11)
            let a = Linear(8, 4).weight.asArray(Double.self)
            manualSeed(11)
            let b = Linear(8, 4).weight.asArray(Double.self)
            let c = Linear(8, 4).weight.asArray(Double.self)
            guard a == b, a != c else { exit(1) }
        }
    }

    @Test("a model converts to float64 and back, keeping its parameters' identities")
    func dtypeConversion() {
        let model = Sequential(Linear(3, 2), Sigmoid())
        let before = model.parameters
        let values = before.map { $0.asArray(Float.self) }
        model.convertParameters(to: .float64)
        #expect(model.parameters.allSatisfy { $0.dtype == .float64 })
        #expect(zip(model.parameters, before).allSatisfy { $0 === $1 })
        let y = model(Tensor.ones([1, 3], dtype: .float64))
        #expect(y.dtype == .float64)
        model.convertParameters(to: .float32)
        #expect(model.parameters.map { $0.asArray(Float.self) } == values)
    }

    @Test("activation modules apply their functions", arguments: [0, 1, 2, 3, 4])
    func activationModules(_ which: Int) {
        let x = Tensor([-1, 0.5, 2, -3] as [Double], shape: [2, 2], dtype: .float64)
        let pairs: [(any Module, Tensor)] = [
            (Sigmoid(), x.sigmoid()), (ReLU(), x.relu()), (Tanh(), x.tanh()), (Softmax(axis: 0), x.softmax(axis: 0)),
            (LogSoftmax(), x.logSoftmax(axis: -1)),
        ]
        let (module, expected) = pairs[which]
        #expect(module(x).asArray(Double.self) == expected.asArray(Double.self))
        #expect(module.parameters.isEmpty)
    }
}
