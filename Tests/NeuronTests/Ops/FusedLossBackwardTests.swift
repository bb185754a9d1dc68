import Neuron
import Testing

@Suite("BCE with logits: the fused backward and the float32 vector loops give the exact values")
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

    @Test("float32 loss and gradient within a few ulp of float64 at every length 1…19, tiny losses included")
    func float32AgreesWithFloat64() {
        var rng = RandomGenerator(seed: 7)
        for n in 1...19 {
            // Logits from −25 to 25 (losses down to 1e-11), hard and soft targets.
            let logits = (0..<n).map { _ in Double(Float((rng.nextUniform() - 0.5) * 50)) }
            let targets = (0..<n).map { i in i % 4 == 3 ? 0.25 : Double(i % 2) }
            func lossAndGradient(_ dtype: DType) -> ([Double], [Double]) {
                let x = Tensor(logits, shape: [n], dtype: dtype, requiresGrad: true)
                let y = Tensor(targets, shape: [n], dtype: dtype)
                let loss = binaryCrossEntropyWithLogits(x, y)
                loss.sum().backward()
                return (loss.asArray(Double.self), x.grad!.asArray(Double.self))
            }
            let (loss32, grad32) = lossAndGradient(.float32)
            let (loss64, grad64) = lossAndGradient(.float64)
            expectClose(loss32, loss64, rtol: 1e-6, atol: 0)
            expectClose(grad32, grad64, rtol: 1e-6, atol: 1e-30)
        }
    }

    @Test("float32 vector loops: ±∞ logits give 0 or the saturated side, NaN stays NaN")
    func float32Extremes() {
        let x = Tensor([.infinity, -.infinity, .infinity, -.infinity, .nan] as [Double], shape: [5], requiresGrad: true)
        let y = Tensor([1, 0, 0, 1, 1] as [Double], shape: [5])
        let loss = binaryCrossEntropyWithLogits(x, y)
        let values = loss.asArray(Double.self)
        #expect(Array(values[0..<4]) == [0, 0, .infinity, .infinity])
        #expect(values[4].isNaN)
        loss.sum().backward()
        let g = x.grad!.asArray(Double.self)
        #expect(Array(g[0..<4]) == [0, 0, 1, -1])
        #expect(g[4].isNaN)
    }
}
