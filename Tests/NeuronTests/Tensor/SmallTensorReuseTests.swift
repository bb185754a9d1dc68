import Foundation
import Testing

@testable import Neuron

/// The hot path's allocation savings (graph nodes inside tensors, pooled small buffers) must
/// not change a value: reused buffers are never shared, versions start afresh, and several
/// threads may train at once.
@Suite("Small tensors: inline graph nodes and pooled buffers change no value")
struct SmallTensorReuseTests {
    @Test("a buffer still read by a view or an alias is never handed out again")
    func sharedBuffersStay() {
        var view: Tensor
        var alias: Tensor
        do {
            let a = Tensor([1, 2, 3, 4] as [Double], shape: [4], dtype: .float64)
            view = a.reshaped([2, 2])
            alias = a.detached()
        }
        // Churn through many small buffers of the same size class.
        for i in 0..<1_000 {
            let t = Tensor.full([4], value: Double(i), dtype: .float64)
            _ = (t * t).sum()
        }
        #expect(view.asArray(Double.self) == [1, 2, 3, 4])
        #expect(alias.asArray(Double.self) == [1, 2, 3, 4])
        view = alias
        #expect(view === alias)
    }

    @Test("a reused buffer starts at version 0 with its new size and dtype")
    func reusedBufferIsFresh() {
        // 24 bytes and 20 bytes: the same size class (32 bytes).
        do {
            let old = Tensor.zeros([3], dtype: .float64)
            for _ in 0..<5 { withNoGrad { old.fill(1) } }
            #expect(old.version == 5)
        }
        for _ in 0..<200 {
            let t = Tensor.zeros([5], dtype: .float32)
            #expect(t.version == 0)
            #expect(t.dtype == .float32)
            #expect(t.count == 5)
            #expect(t.asArray(Double.self) == [0, 0, 0, 0, 0])
        }
    }

    @Test("size classes hold their requests: 1…256 bytes land in a buffer at least as large")
    func sizeClassesFit() {
        for bytes in 1...StoragePool.largestBytes {
            let sizeClass = StoragePool.sizeClass(bytes: bytes)
            #expect(sizeClass >= 0 && sizeClass < 5)
            #expect(StoragePool.blocks(sizeClass) * 16 >= bytes, "\(bytes) bytes in class \(sizeClass)")
            if sizeClass > 0 { #expect(StoragePool.blocks(sizeClass - 1) * 16 < bytes) }
        }
        // Every size up to the largest round-trips its values through reused buffers.
        for n in [1, 2, 3, 4, 5, 8, 9, 16, 17, 31, 32, 33, 63, 64] {
            let values = (0..<n).map { Double($0) * 0.5 - 3 }
            for _ in 0..<3 {
                let t = Tensor(values, shape: [n], dtype: .float32)
                #expect(t.asArray(Double.self) == values)
                let d = Tensor(values, shape: [n], dtype: .float64)
                #expect(d.asArray(Double.self) == values)
            }
        }
    }

    @Test("two threads training small graphs at once get the gradients of one thread alone")
    func concurrentSmallGraphs() async {
        func run(seed: UInt64) -> [Double] {
            let a = Tensor.randn([16], seed: seed, dtype: .float64, requiresGrad: true)
            let b = Tensor.randn([16], seed: seed + 1, dtype: .float64, requiresGrad: true)
            let c = Tensor.randn([16], seed: seed + 2, dtype: .float64, requiresGrad: true)
            var total = [Double](repeating: 0, count: 48)
            for _ in 0..<2_000 {
                let loss = (a * b + c).sigmoid().sum()
                loss.backward()
                let g = a.grad!.asArray(Double.self) + b.grad!.asArray(Double.self) + c.grad!.asArray(Double.self)
                for i in total.indices { total[i] += g[i] }
                a.zeroGrad()
                b.zeroGrad()
                c.zeroGrad()
            }
            return total
        }
        let alone = (run(seed: 10), run(seed: 20))
        async let first = Task.detached { run(seed: 10) }.value
        async let second = Task.detached { run(seed: 20) }.value
        let together = await (first, second)
        #expect(together.0 == alone.0)
        #expect(together.1 == alone.1)
    }

    @Test("a node stored in its tensor keeps ops of one, two and many inputs differentiable")
    func nodeArities() {
        let x = Tensor([0.5, -1, 2] as [Double], shape: [3], dtype: .float64, requiresGrad: true)
        let y = Tensor([3, 0.25, -2] as [Double], shape: [3], dtype: .float64, requiresGrad: true)
        let parts = Tensor.concatenated([x, y, x * y], axis: 0)  // three inputs: an array
        let loss = (parts.tanh() * 2).sum()
        #expect(loss.gradFunctionName == "sum")
        #expect(parts.gradFunctionName == "concat")
        loss.backward()
        // ∂/∂x of ∑ 2·tanh over [x, y, x·y] is 2·(1 − tanh²x) + 2·(1 − tanh²(xy))·y.
        let xs = [0.5, -1, 2.0]
        let ys = [3, 0.25, -2.0]
        let expected = zip(xs, ys).map { x, y in
            2 * (1 - Foundation.tanh(x) * Foundation.tanh(x)) + 2 * (1 - Foundation.tanh(x * y) * Foundation.tanh(x * y)) * y
        }
        expectClose(x.grad!, expected, rtol: 1e-12)
    }
}
