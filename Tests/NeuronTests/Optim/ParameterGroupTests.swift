import Neuron
import Testing

@Suite("Parameter groups: their own learning rate and weight decay, biases exempt in one line")
struct ParameterGroupTests {
    /// A model whose parameters all have the gradient 1.
    private func modelWithUnitGradients() -> Sequential {
        let model = Sequential(Linear(2, 1, dtype: .float64))
        withNoGrad {
            model.parameters.forEach { $0.fill(1) }
        }
        model.parameters.forEach { p in
            (p * 1).sum().backward()
        }
        return model
    }

    @Test("SGD: each group steps with its own lr and weight decay; nil follows the optimizer")
    func sgdGroups() {
        let model = modelWithUnitGradients()
        let layer = model.layer(0, as: Linear.self)
        // weight: lr 0.1 (optimizer), decay 0.5 (optimizer) → 1 − 0.1·(1 + 0.5) = 0.85
        // bias: lr 0.01, decay 0 → 1 − 0.01 = 0.99
        let optimizer = SGD(groups: model.weightDecayGroups(), lr: 0.1, weightDecay: 0.5)
        optimizer.parameterGroups[1].learningRate = 0.01
        optimizer.step()
        expectClose(layer.weight, [0.85, 0.85], rtol: 1e-15)
        expectClose(layer.bias!, [0.99], rtol: 1e-15)
        #expect(optimizer.parameters.count == 2 && optimizer.parameterGroups[1].weightDecay == 0)
    }

    @Test("Adam and AdamW with groups agree with separate optimizers per group")
    func adamGroups() {
        for decoupled in [false, true] {
            let grouped = modelWithUnitGradients()
            let (a, b) = (modelWithUnitGradients(), modelWithUnitGradients())
            let groups = [
                ParameterGroup([grouped.parameters[0]], lr: 0.05, weightDecay: 0.2),
                ParameterGroup([grouped.parameters[1]]),
            ]
            let optimizers: [any Optimizer] =
                decoupled
                ? [
                    AdamW(groups: groups, lr: 0.01, weightDecay: 0.1), AdamW([a.parameters[0]], lr: 0.05, weightDecay: 0.2),
                    AdamW([b.parameters[1]], lr: 0.01, weightDecay: 0.1),
                ]
                : [
                    Adam(groups: groups, lr: 0.01, weightDecay: 0.1), Adam([a.parameters[0]], lr: 0.05, weightDecay: 0.2),
                    Adam([b.parameters[1]], lr: 0.01, weightDecay: 0.1),
                ]
            for _ in 0..<3 { optimizers.forEach { $0.step() } }
            #expect(grouped.parameters[0].asArray(Double.self) == a.parameters[0].asArray(Double.self))
            #expect(grouped.parameters[1].asArray(Double.self) == b.parameters[1].asArray(Double.self))
            #expect(grouped.parameters[0].asArray(Double.self) != [1, 1])
        }
    }

    @Test("weightDecayGroups puts matrices in one group and vectors, exempt, in the other")
    func weightDecayGroups() {
        let model = Sequential(Linear(3, 4), ReLU(), Linear(4, 1, bias: false))
        let groups = model.weightDecayGroups()
        #expect(groups.count == 2)
        #expect(groups[0].parameters.map(\.shape) == [[4, 3], [1, 4]] && groups[0].weightDecay == nil)
        #expect(groups[1].parameters.map(\.shape) == [[4]] && groups[1].weightDecay == 0)
    }

    @Test("a tensor in two groups, a bad group lr, or new tensors in a group stop with a message")
    func misuse() async {
        await #expect(processExitsWith: .failure) {
            let w = Tensor.ones([2], requiresGrad: true)
            _ = SGD(groups: [ParameterGroup([w]), ParameterGroup([w])], lr: 0.1)
        }
        await #expect(processExitsWith: .failure) {
            _ = Adam(groups: [ParameterGroup([Tensor.ones([2], requiresGrad: true)], lr: -1)])
        }
        await #expect(processExitsWith: .failure) {
            let optimizer = SGD([Tensor.ones([2], requiresGrad: true)], lr: 0.1)
            optimizer.parameterGroups[0].parameters = [Tensor.ones([2], requiresGrad: true)]
        }
    }
}
