import Neuron
import Testing

@Suite("Linear + activation fused without recording: the composed values, bit for bit")
struct FusedLinearActivationTests {
    @Test(
        "Sequential under withNoGrad equals the recorded composed forward, every activation, both dtypes",
        arguments: [DType.float32, .float64])
    func sameValues(dtype: DType) {
        var rng = RandomGenerator(seed: 3)
        let model = Sequential {
            Linear(7, 16, dtype: dtype, generator: &rng)
            ReLU()
            Linear(16, 8, dtype: dtype, generator: &rng)
            Tanh()
            Linear(8, 3, bias: false, dtype: dtype, generator: &rng)
            Sigmoid()
        }
        for shape in [[5, 7], [7], [0, 7]] {
            let x = Tensor.randn(shape, seed: 9, dtype: dtype)
            let fused = withNoGrad { model(x) }
            let composed = model(x)
            #expect(composed.gradFunctionName == "sigmoid")
            #expect(fused.gradFunctionName == nil && fused.shape == composed.shape)
            #expect(fused.asArray(Double.self) == composed.asArray(Double.self))
        }
    }

    @Test("a fused forward leaves the parameters and the input untouched and records nothing")
    func noSideEffects() {
        let model = Sequential(Linear(3, 2), Sigmoid())
        let x = Tensor.randn([4, 3], seed: 1)
        let before = model.parameters.map { $0.asArray(Double.self) }
        let versions = model.parameters.map(\.version)
        _ = withNoGrad { model(x) }
        #expect(model.parameters.map { $0.asArray(Double.self) } == before)
        #expect(model.parameters.map(\.version) == versions)
        #expect(model.parameters.allSatisfy { $0.grad == nil })
    }
}
