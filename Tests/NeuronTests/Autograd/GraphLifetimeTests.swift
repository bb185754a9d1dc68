import Foundation
import Neuron
import Testing

@Suite("Graph memory: freed after backward, no cycles, no recursion")
struct GraphLifetimeTests {
    @Test("10,000 forward/backward iterations leave no graph node alive")
    func noNodesLeak() async {
        // In a child process, so that no other test's graphs disturb the process-wide count.
        await #expect(processExitsWith: .success) {
            let w = Tensor.randn([8, 4], seed: 1, requiresGrad: true)
            let x = Tensor.randn([16, 8], seed: 2)
            var peak = 0
            for _ in 0..<10_000 {
                let loss = x.matmul(w).tanh().logSoftmax(axis: 1).mean()
                peak = max(peak, Tensor.liveGraphNodeCount)
                loss.backward()
                w.zeroGrad()
            }
            guard peak > 0, Tensor.liveGraphNodeCount == 0 else { exit(1) }
        }
    }

    @Test("backward frees the graph it ran through; the nodes die with their tensors")
    func backwardReleasesGraph() async {
        await #expect(processExitsWith: .success) {
            let x = Tensor.randn([3], seed: 1, requiresGrad: true)
            let loss = (x.sigmoid() * 2).sum()
            guard Tensor.liveGraphNodeCount == 3 else { exit(1) }
            loss.backward()
            // Only the root's own (now empty) node remains, held by `loss`.
            guard Tensor.liveGraphNodeCount == 1 else { exit(2) }
            _ = loss
        }
    }

    @Test("a second backward through a freed graph stops with a message")
    func secondBackwardStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor.randn([3], seed: 1, requiresGrad: true)
            let loss = x.sigmoid().sum()
            loss.backward()
            loss.backward()
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("second time"))
        #expect(message.contains("retainGraph"))
    }

    @Test("no reference cycle between a tensor and its backward rule")
    func noRetainCycle() {
        weak var weakOutput: Tensor?
        weak var weakIntermediate: Tensor?
        let x = Tensor.randn([4], seed: 3, requiresGrad: true)
        do {
            let h = x.sigmoid()
            let y = (h * x).sum()
            weakOutput = y
            weakIntermediate = h
            #expect(weakOutput != nil)
        }
        #expect(weakOutput == nil)
        #expect(weakIntermediate == nil)
    }

    @Test("backward through a chain of 1,000,000 ops completes, and so does freeing it")
    func millionOpChain() {
        let x = Tensor(scalar: 1, dtype: .float64, requiresGrad: true)
        var y = x
        for _ in 0..<1_000_000 { y = y * 1.0000001 }
        y.backward()
        expectClose(x.grad!, [Foundation.pow(1.0000001, 1_000_000)], rtol: 1e-9)
    }

    @Test("dropping an unused chain of 1,000,000 ops does not overflow the stack")
    func millionOpChainDropped() {
        let x = Tensor(scalar: 1, requiresGrad: true)
        var y = x + 1
        for _ in 0..<1_000_000 { y = y + 1 }
        #expect(y.item() > 0)
        y = x
        #expect(y === x)
    }
}
