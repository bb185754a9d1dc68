import Foundation
import Neuron
import Testing

/// σ(z) in float64, computed without cancellation: the exact ŷ of the closed form ŷ − y.
private func exactSigmoid(_ z: Double) -> Double { z >= 0 ? 1 / (1 + Foundation.exp(-z)) : Foundation.exp(z) / (1 + Foundation.exp(z)) }

@Suite("Numerics that must not hide failure")
struct NumericsTests {
    @Test("relu(NaN) is NaN and passes its gradient on, as PyTorch", arguments: [DType.float32, .float64])
    func reluOfNaN(_ dtype: DType) {
        let x = Tensor([.nan, -1, 0, 2] as [Double], shape: [4], dtype: dtype, requiresGrad: true)
        let y = x.relu()
        let values = y.asArray(Double.self)
        #expect(values[0].isNaN && Array(values[1...]) == Array(TorchNumericsReference.reluValue[1...]))
        y.backward(gradient: Tensor([5, 5, 5, 5] as [Double], shape: [4], dtype: dtype))
        #expect(x.grad!.asArray(Double.self) == TorchNumericsReference.reluGradient)  // PyTorch passes NaN's on
        // The composed rule (createGraph) agrees with the fused one.
        let x2 = Tensor([.nan, -1, 0, 2] as [Double], shape: [4], dtype: dtype, requiresGrad: true)
        let g = Tensor.gradients(of: x2.relu().sum(), withRespectTo: [x2], createGraph: true)[0]
        #expect(g.asArray(Double.self) == [1, 0, 0, 1])
    }

    @Test("cross-entropy with +∞ at the label is 0 with a finite (zero) gradient", arguments: [DType.float32, .float64])
    func crossEntropyInfiniteLabelLogit(_ dtype: DType) {
        let logits = Tensor(
            [.infinity, 0, 0, 1, 2, 3] as [Double], shape: [2, 3], dtype: dtype, requiresGrad: true)
        let perSample = CrossEntropyLoss(reduction: .none)(logits, labels: [0, 2])
        let values = perSample.asArray(Double.self)
        #expect(values[0] == 0)  // PyTorch gives \(TorchNumericsReference.crossEntropyInfiniteLabel): NaN
        expectClose([values[1]], [0.40760596444438013], rtol: 1e-6)  // log(e¹+e²+e³) − 3
        perSample.sum().backward()
        let grad = logits.grad!.asArray(Double.self)
        #expect(grad.allSatisfy { $0.isFinite }, "\(grad)")
        #expect(Array(grad[0..<3]) == [0, 0, 0])
        // Two +∞ logits share the mass: log-softmax is −ln 2 at each, −∞ at the rest.
        let two = Tensor([.infinity, .infinity, 1] as [Double], shape: [1, 3], dtype: dtype).logSoftmax(axis: 1)
        expectClose(two.asArray(Double.self), [-M_LN2, -M_LN2, -.infinity], rtol: 1e-7)
    }

    @Test("log-softmax of a row with NaN, or of −∞ only, is NaN (as PyTorch)")
    func logSoftmaxUndefinedRows() {
        let x = Tensor([.nan, 0, -.infinity, -.infinity] as [Double], shape: [2, 2], dtype: .float64)
        #expect(x.logSoftmax(axis: 1).asArray(Double.self).allSatisfy { $0.isNaN })
    }

    @Test("BCE's saturated gradient uses PyTorch's clamp, the float32 value of 1e-12, in float64 too")
    func bceClampConstant() {
        // p = 1, y = 0: ∂ℓ/∂p = (1 − 0)/max(0, ε) = 1/ε, as PyTorch computes it in float64
        // (Tests/Reference/torch_numerics.py wrote the figure).
        let p = Tensor([1, 0] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        let y = Tensor([0, 1] as [Double], shape: [2], dtype: .float64)
        BCELoss(reduction: .sum)(p, y).backward()
        let g = p.grad!.asArray(Double.self)
        #expect(g[0] == TorchNumericsReference.bceSaturatedGradient)
        #expect(g[1] == -TorchNumericsReference.bceSaturatedGradient)
    }

    @Test(
        "BCELoss after a sigmoid is computed from the logit: gradient ŷ − y at z = ±30, ±1e4",
        arguments: [DType.float32, .float64])
    func bceFromSigmoidIsExact(_ dtype: DType) {
        let zs: [Double] = [30, -30, 1e4, -1e4, 30, -30, 1e4, -1e4]
        let ys: [Double] = [0, 1, 0, 1, 1, 0, 1, 0]
        let z = Tensor(zs, shape: [8, 1], dtype: dtype, requiresGrad: true)
        let y = Tensor(ys, shape: [8, 1], dtype: dtype)
        let loss = BCELoss(reduction: .sum)(z.sigmoid(), y)
        // Loss: softplus(z) when y = 0, softplus(−z) when y = 1: z for a confident wrong answer.
        let expectedLoss = zip(zs, ys).reduce(0.0) { sum, zy in
            let margin = zy.1 == 1 ? -zy.0 : zy.0
            return sum + Swift.max(margin, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(margin)))
        }
        expectClose([loss.item()], [expectedLoss], rtol: dtype == .float64 ? 1e-15 : 1e-6)
        loss.backward()
        // ŷ − y written without cancellation: (1 − y)·σ(z) − y·σ(−z).
        let expected = zip(zs, ys).map { z, y in (1 - y) * exactSigmoid(z) - y * exactSigmoid(-z) }
        expectClose(z.grad!, expected, rtol: dtype == .float64 ? 1e-15 : 1e-6, atol: 0)
    }

    @Test("through a Sequential(Linear, Sigmoid) + BCELoss the second derivative stays ≥ 0 and exact")
    func bceFromSigmoidSecondDerivative() {
        // ℓ(z) = BCE(σ(z), y): ℓ″(z) = σ(z)(1 − σ(z)) > 0 for every z; the probability form
        // gives a negative or zero curvature once p(1 − p) is clamped.
        for z0 in [-40.0, -30, -5, 0, 5, 30, 40] {
            let z = Tensor([z0] as [Double], shape: [1, 1], dtype: .float64, requiresGrad: true)
            let y = Tensor([0] as [Double], shape: [1, 1], dtype: .float64)
            let loss = BCELoss()(z.sigmoid(), y)
            let g = Tensor.gradients(of: loss, withRespectTo: [z], createGraph: true)[0]
            let h = Tensor.gradients(of: g.sum(), withRespectTo: [z])[0].item()
            let s = exactSigmoid(z0)
            expectClose([h], [s * (1 - s)], rtol: 1e-12, atol: 0)
        }
    }

    @Test("without recording, and for probabilities that are not a sigmoid's output, BCE is PyTorch's clamped form")
    func bceProbabilityFormStaysWherePyTorchUsesIt() {
        let z = Tensor([40] as [Double], shape: [1], dtype: .float64)
        let y = Tensor([0] as [Double], shape: [1], dtype: .float64)
        let unrecorded = withNoGrad { BCELoss()(z.sigmoid(), y) }.item()
        #expect(unrecorded == 100)  // σ(40) rounds to 1, log(1 − 1) clamped at −100, as PyTorch
        let zg = Tensor([40] as [Double], shape: [1], dtype: .float64, requiresGrad: true)
        #expect(Swift.abs(BCELoss()(zg.sigmoid(), y).item() - 40) < 1e-12)
        // A sigmoid output changed in place is no longer σ(z): the probability form is used.
        let p = zg.sigmoid()
        withNoGrad { p.fill(0.5) }
        #expect(withNoGrad { BCELoss()(p, y) }.item() == M_LN2)
    }
}
