import Neuron
import Testing

@Suite("Fused BCE-with-logits backward: one pass, the composed rule's values")
struct FusedLossBackwardTests {
    /// ∂ℓ/∂x by the fused kernel (a plain backward) and by the composed, differentiable rule
    /// (the same backward recorded with `createGraph`).
    private func bothGradients(_ logits: [Double], _ targets: [Double], dtype: DType) -> ([Double], [Double]) {
        let n = logits.count
        func gradient(createGraph: Bool) -> [Double] {
            let x = Tensor(logits, shape: [n, 1], dtype: dtype, requiresGrad: true)
            let y = Tensor(targets, shape: [n, 1], dtype: dtype)
            let loss = binaryCrossEntropyWithLogits(x, y).mean()
            return Tensor.gradients(of: loss, withRespectTo: [x], createGraph: createGraph)[0].asArray(Double.self)
        }
        return (gradient(createGraph: false), gradient(createGraph: true))
    }

    @Test("fused and composed agree to rounding, hard and soft targets, logits up to ±1e4", arguments: [DType.float32, .float64])
    func fusedMatchesComposed(dtype: DType) {
        var rng = RandomGenerator(seed: 42)
        var logits = (0..<200).map { _ in rng.nextNormal() * 6 }
        logits += [0, -0.0, 30, -30, 1e4, -1e4, 88, -88]
        let targets = logits.indices.map { i in i % 3 == 0 ? 0.3 : Double(i % 2) }
        let (fused, composed) = bothGradients(logits, targets, dtype: dtype)
        // Soft targets cancel ((1 − y)·σ(x) against y·σ(−x)): the tolerance is a few units in
        // the last place of the largest gradient (1/208), not of each element.
        expectClose(fused, composed, rtol: dtype == .float64 ? 1e-14 : 2e-6, atol: dtype == .float64 ? 1e-17 : 1e-8)
    }

    @Test("at ±∞ logits the fused gradient is finite: σ(x) − y of the saturated side")
    func infiniteLogits() {
        let (fused, _) = bothGradients([.infinity, -.infinity, .infinity, -.infinity], [1, 0, 0, 1], dtype: .float64)
        #expect(fused == [0, 0, 0.25, -0.25])
    }
}
