import Foundation
import Neuron
import Testing

@Suite("Stable formulas at extreme inputs")
struct StabilityTests {
    @Test("sigmoid saturates without overflow, and its gradient stays finite", arguments: [DType.float32, .float64])
    func sigmoidExtremes(_ dtype: DType) {
        let x = Tensor([-1000, -100, 0, 100, 1000] as [Double], shape: [5], dtype: dtype, requiresGrad: true)
        let y = x.sigmoid()
        let values = y.asArray(Double.self)
        #expect(values[0] == 0 && values[4] == 1 && values[2] == 0.5)
        #expect(values[1] > 0)  // e⁻¹⁰⁰ ≈ 3.7e-44 survives (subnormal in float32)
        y.sum().backward()
        #expect(x.grad!.asArray(Double.self).allSatisfy { $0.isFinite && $0 >= 0 })
    }

    @Test("logSumExp of huge logits is exact: log(e¹⁰⁰⁰⁰ + e¹⁰⁰⁰⁰) = 10000 + ln 2")
    func logSumExpHuge() {
        let x = Tensor([1e4, 1e4, -1e4, -1e4] as [Double], shape: [2, 2], dtype: .float64, requiresGrad: true)
        let y = x.logSumExp(axis: 1)
        expectClose(y, [1e4 + M_LN2, -1e4 + M_LN2], rtol: 1e-15)
        y.sum().backward()
        expectClose(x.grad!, [0.5, 0.5, 0.5, 0.5])
    }

    @Test("softmax of large logits sums to one; log-softmax stays finite")
    func softmaxLarge() {
        let x = Tensor([1000, 0, -1000, 50, 51, 52] as [Double], shape: [2, 3], requiresGrad: true)
        let p = x.softmax(axis: 1)
        let rows = p.sum(axis: 1).asArray(Double.self)
        expectClose(rows, [1, 1], rtol: 1e-6)
        let lp = x.logSoftmax(axis: 1).asArray(Double.self)
        #expect(lp.allSatisfy { $0.isFinite })
        expectClose([lp[0], lp[1], lp[2]], [0, -1000, -2000], rtol: 1e-6)
        p.sliced(axis: 1, 0..<1).sum().backward()
        #expect(x.grad!.asArray(Double.self).allSatisfy { $0.isFinite })
    }

    @Test("-∞ logits get probability 0; an all -∞ row gives logSumExp -∞, not NaN")
    func negativeInfinity() {
        let x = Tensor(
            [0, -.infinity, 0, -.infinity, -.infinity, -.infinity] as [Double], shape: [2, 3], dtype: .float64)
        expectClose(x.softmax(axis: 1).sliced(axis: 0, 0..<1), [0.5, 0, 0.5])
        let lse = x.logSumExp(axis: 1).asArray(Double.self)
        #expect(lse[0] == M_LN2)
        #expect(lse[1] == -.infinity)
    }

    @Test("log clamps cleanly at the edges: log(0) = -∞, clamped keeps NaN")
    func edges() {
        #expect(log(Tensor.zeros([1])).item() == -.infinity)
        let c = Tensor([.nan, -5, 5] as [Double], shape: [3]).clamped(min: -1, max: 1).asArray(Double.self)
        #expect(c[0].isNaN && c[1] == -1 && c[2] == 1)
    }

    @Test("max propagates NaN, as PyTorch")
    func maxNaN() {
        let x = Tensor([1, .nan, 3] as [Double], shape: [1, 3])
        #expect(x.max(axis: 1).item().isNaN)
        #expect(x.argmax(axis: 1) == [1])
    }

    @Test("float32 sums of many elements keep their accuracy")
    func longSum() {
        let x = Tensor.full([1_000_000], value: 0.1)
        #expect(Swift.abs(x.sum().item() - 100_000) < 1)
    }
}
