import Neuron
import Testing

/// A custom op whose backward returns the wrong number of gradients.
struct TooFewGradients: DifferentiableFunction {
    func forward(_ inputs: [Tensor]) -> Tensor { inputs[0] + inputs[1] }
    func backward(gradient: Tensor, inputs: [Tensor], output: Tensor) -> [Tensor?] { [gradient] }
}

/// A custom op whose backward returns a gradient of the wrong shape.
struct WrongShapeGradient: DifferentiableFunction {
    func forward(_ inputs: [Tensor]) -> Tensor { inputs[0].sum() }
    func backward(gradient: Tensor, inputs: [Tensor], output: Tensor) -> [Tensor?] { [gradient] }
}

/// A custom op whose backward returns a gradient of the wrong dtype.
struct WrongDTypeGradient: DifferentiableFunction {
    func forward(_ inputs: [Tensor]) -> Tensor { inputs[0] * 2 }
    func backward(gradient: Tensor, inputs: [Tensor], output: Tensor) -> [Tensor?] { [(gradient * 2).to(.float32)] }
}

@Suite("Shared parameters, custom ops and wide ops")
struct SharedParameterTests {
    @Test("a layer used twice is one parameter set, stepped once, as PyTorch")
    func sharedLayerListedOnce() {
        let shared = Linear(2, 2)
        let model = Sequential(shared, Tanh(), shared)
        #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias"])
        #expect(model.parameterCount == 6)
        // One SGD step moves the weight by −η·(sum of both uses' gradients), once.
        let x = Tensor.randn([3, 2], seed: 4)
        let before = shared.weight.asArray(Double.self)
        model(x).sum().backward()
        let grad = shared.weight.grad!.asArray(Double.self)
        SGD(model.parameters, lr: 0.1).step()
        expectClose(shared.weight.asArray(Double.self), zip(before, grad).map { $0 - 0.1 * $1 }, rtol: 1e-6)
    }

    @Test("a custom op's backward with the wrong count, shape or dtype stops, naming the function")
    func customBackwardChecked() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let a = Tensor.ones([2], requiresGrad: true)
                TooFewGradients()([a, a]).sum().backward()
            }, mentions: ["TooFewGradients.backward", "1 gradients for 2 inputs"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                WrongShapeGradient()([Tensor.ones([2, 3], requiresGrad: true)]).backward()
            }, mentions: ["WrongShapeGradient.backward", "shape []", "input 0", "[2, 3]"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                WrongDTypeGradient()([Tensor.ones([2], dtype: .float64, requiresGrad: true)]).sum().backward()
            }, mentions: ["WrongDTypeGradient.backward", "float32", "float64"])
    }

    @Test("concatenating 200 tensors gives every one its gradient (not just the first 64)")
    func wideConcatenation() {
        let parts = (0..<200).map { i in Tensor([Double(i)], shape: [1], dtype: .float64, requiresGrad: true) }
        let joined = Tensor.concatenated(parts, axis: 0)
        let weights = Tensor((0..<200).map { Double($0) + 1 }, shape: [200], dtype: .float64)
        (joined * weights).sum().backward()
        for (i, part) in parts.enumerated() {
            #expect(part.grad?.item() == Double(i) + 1, "input \(i)")
        }
    }
}

@Suite("Optimizers validate their hyperparameters and their parameters' dtypes")
struct OptimizerValidationTests {
    @Test("Adam and AdamW refuse a negative or non-finite lr or weight decay")
    func adamValidates() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Adam([Tensor.ones([1], requiresGrad: true)], lr: -0.1)
            }, mentions: ["Adam", "lr", "-0.1"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = AdamW([Tensor.ones([1], requiresGrad: true)], weightDecay: .nan)
            }, mentions: ["AdamW", "weightDecay", "nan"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Adam([Tensor.ones([1], requiresGrad: true)], lr: .infinity)
            }, mentions: ["Adam", "lr", "inf"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = SGD([Tensor.ones([1], requiresGrad: true)], lr: .infinity)
            }, mentions: ["SGD", "lr", "inf"])
    }

    @Test("setting learningRate to a negative or non-finite value stops, for every optimizer")
    func learningRateSetter() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let opt = SGD([Tensor.ones([1], requiresGrad: true)], lr: 0.1)
                opt.learningRate = .nan
            }, mentions: ["SGD", "learningRate", "nan"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let opt = Adam([Tensor.ones([1], requiresGrad: true)])
                opt.learningRate = -1
            }, mentions: ["Adam", "learningRate", "-1"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let opt = AdamW([Tensor.ones([1], requiresGrad: true)])
                opt.learningRate = .infinity
            }, mentions: ["AdamW", "learningRate", "inf"])
        // A schedule's ordinary values pass.
        let opt = SGD([Tensor.ones([1], requiresGrad: true)], lr: 0.1)
        opt.learningRate = 0
        opt.learningRate = 0.05
        #expect(opt.learningRate == 0.05)
    }

    @Test("stepping after convertParameters(to:) says the parameters changed dtype")
    func convertedParameters() async {
        for kind in ["SGD", "Adam"] {
            expectMessage(
                await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [kind = kind as String] in
                    let model = Sequential(Linear(2, 1))
                    let opt: any Optimizer =
                        kind == "SGD" ? SGD(model.parameters, lr: 0.1, momentum: 0.9) : Adam(model.parameters)
                    model(Tensor.ones([1, 2])).sum().backward()
                    opt.step()
                    model.convertParameters(to: .float64)
                    model(Tensor.ones([1, 2], dtype: .float64)).sum().backward()
                    opt.step()
                }, mentions: [kind, "changed dtype from float32 to float64", "create the optimizer after"])
        }
    }
}
