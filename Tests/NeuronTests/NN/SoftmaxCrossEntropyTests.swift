import Neuron
import Testing

@Suite("Fused softmax–cross-entropy: one node, softmax − one-hot backward, the composed values")
struct SoftmaxCrossEntropyTests {
    private let labels = [2, 0, 1, 2, 1]

    /// The composed form the fused op replaces: −w_y · logSoftmax(x)[y].
    private func composed(_ x: Tensor, labels: [Int], weights: [Double]?) -> Tensor {
        let (n, c) = (x.shape[0], x.shape[1])
        let positions = labels.enumerated().map { $0 * c + $1 }
        let picked = -x.logSoftmax(axis: 1).reshaped([n * c, 1]).rows(at: positions).reshaped([n])
        return weights.map { w in picked * Tensor(labels.map { w[$0] }, shape: [n], dtype: x.dtype) } ?? picked
    }

    @Test("gradcheck and gradgradcheck in float64, with and without class weights", arguments: [nil, [0.5, 2, 1.5]])
    func gradients(weights: [Double]?) {
        let x = leaf([5, 3], seed: 11)
        let labels = self.labels
        #expect(gradcheck({ softmaxCrossEntropy($0[0], labels: labels, classWeights: weights).sum() }, inputs: [x]).passed)
        #expect(gradgradcheck({ softmaxCrossEntropy($0[0], labels: labels, classWeights: weights) }, inputs: [x]).passed)
    }

    @Test("fused and composed agree to rounding, values and gradients, float32 and float64", arguments: [DType.float32, .float64])
    func agreesWithComposed(dtype: DType) {
        for weights in [nil, [0.5, 2, 1.5] as [Double]?] {
            let x1 = Tensor.randn([5, 3], seed: 3, dtype: dtype, requiresGrad: true)
            let x2 = x1.detached().copied()
            x2.requiresGrad = true
            let fused = softmaxCrossEntropy(x1, labels: labels, classWeights: weights)
            let reference = composed(x2, labels: labels, weights: weights)
            let tolerance = dtype == .float32 ? 1e-6 : 1e-14
            expectClose(fused, reference.asArray(Double.self), rtol: tolerance, atol: tolerance)
            (fused * Tensor([1, 2, 3, 4, 5] as [Double], shape: [5], dtype: dtype)).sum().backward()
            (reference * Tensor([1, 2, 3, 4, 5] as [Double], shape: [5], dtype: dtype)).sum().backward()
            expectClose(x1.grad!, x2.grad!.asArray(Double.self), rtol: tolerance, atol: tolerance)
        }
    }

    @Test("extreme logits: ±1e4, +∞ at the label (loss 0, gradient 0), +∞ elsewhere (loss +∞)")
    func extremes() {
        let x = Tensor([1e4, -1e4, 0, 0, .infinity, 0] as [Double], shape: [2, 3], dtype: .float64, requiresGrad: true)
        let loss = softmaxCrossEntropy(x, labels: [0, 1])
        #expect(loss.asArray(Double.self) == [0, 0])
        loss.sum().backward()
        #expect(x.grad!.asArray(Double.self) == [0, 0, 0, 0, 0, 0])
        let wrong = softmaxCrossEntropy(Tensor([0, .infinity] as [Double], shape: [1, 2], dtype: .float64), labels: [0])
        #expect(wrong.item() == .infinity)
        let big = softmaxCrossEntropy(Tensor([1e4, 0] as [Double], shape: [1, 2], dtype: .float64), labels: [1])
        #expect(big.item() == 1e4)
    }

    @Test("CrossEntropyLoss uses the fused op: fewer nodes, the same loss")
    func lossModuleIsFused() {
        let x = Tensor.randn([4, 3], seed: 5, dtype: .float64, requiresGrad: true)
        let loss = CrossEntropyLoss()(x, labels: [0, 1, 2, 0])
        #expect(CrossEntropyLoss(reduction: .none)(x, labels: [0, 1, 2, 0]).gradFunctionName == "softmax_cross_entropy")
        #expect(CrossEntropyLoss(labelSmoothing: 0.1, reduction: .none)(x, labels: [0, 1, 2, 0]).gradFunctionName != "softmax_cross_entropy")
        let expected = composed(x, labels: [0, 1, 2, 0], weights: nil).mean()
        expectClose(loss, [expected.item()], rtol: 1e-14)
    }

    @Test("bad labels, counts and weights stop with messages naming the op")
    func misuse() async {
        await #expect(processExitsWith: .failure) { _ = softmaxCrossEntropy(Tensor.zeros([2, 3]), labels: [0, 3]) }
        await #expect(processExitsWith: .failure) { _ = softmaxCrossEntropy(Tensor.zeros([2, 3]), labels: [0]) }
        await #expect(processExitsWith: .failure) {
            _ = softmaxCrossEntropy(Tensor.zeros([2, 3]), labels: [0, 1], classWeights: [1, 2])
        }
        await #expect(processExitsWith: .failure) { _ = softmaxCrossEntropy(Tensor.zeros([6]), labels: [0]) }
    }
}
