import Neuron
import Testing

@Suite("Empty and huge shapes: empty axes give empty results, impossible sizes stop with a message")
struct EdgeShapeTests {
    @Test("sums over an empty axis are zeros, and read nothing past the buffer")
    func emptyAxisSums() {
        let wide = Tensor.zeros([0, 100_000])
        let down = wide.sum(axis: 0)
        #expect(down.shape == [100_000])
        #expect(down.asArray(Double.self).allSatisfy { $0 == 0 })
        #expect(wide.sum(axis: 1).shape == [0])
        #expect(Tensor.zeros([3, 0, 2], dtype: .float64).sum(axis: 1).asArray(Double.self) == [0, 0, 0, 0, 0, 0])
        #expect(Tensor.zeros([0]).sum().item() == 0)
        #expect(Tensor.zeros([2, 0]).mean(axis: 1).asArray(Double.self).allSatisfy { $0.isNaN })  // 0/0, as PyTorch
    }

    @Test("a header-only batch through a model and a loss: summed(toShape:) and the bias gradient")
    func emptyBatchTrainingStep() {
        let model = Sequential(Linear(30, 1), Sigmoid())
        let x = Tensor.zeros([0, 30])
        let y = Tensor.zeros([0, 1])
        let loss = BCELoss(reduction: .sum)(model(x), y)
        loss.backward()
        #expect(loss.item() == 0)
        for p in model.parameters { #expect(p.grad!.asArray(Double.self).allSatisfy { $0 == 0 }) }
    }

    @Test("softmax, logSoftmax and logSumExp over an empty axis: empty results and −∞, as PyTorch")
    func emptyAxisSoftmax() {
        let x = Tensor.zeros([3, 0], dtype: .float64, requiresGrad: true)
        #expect(x.softmax(axis: 1).shape == [3, 0])
        #expect(x.logSoftmax(axis: 1).shape == [3, 0])
        let lse = x.logSumExp(axis: 1)
        #expect(lse.asArray(Double.self) == [-.infinity, -.infinity, -.infinity])
        x.softmax(axis: 1).sum().backward()
        #expect(x.grad!.shape == [3, 0])
        // Empty along the other axis: one distribution per (no) row.
        #expect(Tensor.zeros([0, 4]).softmax(axis: 1).shape == [0, 4])
        #expect(Tensor.zeros([0, 4]).argmax(axis: 1) == [])
    }

    @Test("products with an empty inner size are zeros")
    func emptyMatmul() {
        let a = Tensor.zeros([3, 0], dtype: .float64, requiresGrad: true)
        let b = Tensor.zeros([0, 2], dtype: .float64, requiresGrad: true)
        let c = a.matmul(b)
        #expect(c.asArray(Double.self) == [0, 0, 0, 0, 0, 0])
        c.sum().backward()
        #expect(a.grad!.shape == [3, 0] && b.grad!.shape == [0, 2])
        #expect(Tensor.zeros([0, 5]).matmul(Tensor.zeros([5, 4])).shape == [0, 4])
    }

    @Test("argmax and max over an empty axis name their own op")
    func emptyAxisMaximum() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([3, 0]).argmax(axis: 1)
            }, mentions: ["argmax", "[3, 0]", "empty"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([3, 0]).max(axis: 1)
            }, mentions: ["max:", "[3, 0]", "empty"])
    }

    @Test("a shape whose product overflows Int stops, naming the function and the shape")
    func overflowingShape() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([1 << 40, 1 << 40])
            }, mentions: ["zeros", "[1099511627776, 1099511627776]", "more elements than an Int"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([4]).reshaped([-1, 1 << 62, 8])
            }, mentions: ["reshaped", "more elements than an Int"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([1 << 40, 0]).matmul(Tensor.zeros([0, 1 << 40]))
            }, mentions: ["matmul", "more elements than an Int"])
    }

    @Test("a tensor larger than the machine's memory stops before allocating")
    func tooLargeToAllocate() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.ones([1 << 20, 1 << 20], dtype: .float64)
            }, mentions: ["ones", "1099511627776 elements of float64", "more than this machine's memory"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.ones([1]).expanded(to: [1 << 20, 1 << 20])
            }, mentions: ["expanded", "more than this machine's memory"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([1 << 20, 1]) * Tensor.zeros([1, 1 << 20])  // 4 MiB each, 4 TiB together
            }, mentions: ["mul", "1099511627776 elements", "more than this machine's memory"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.randn([1 << 40], seed: 1)
            }, mentions: ["randn", "more than this machine's memory"])
    }

    @Test("negative sizes in randn and uniform name the function")
    func negativeSizes() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.randn([3, -2], seed: 1)
            }, mentions: ["randn", "negative size", "[3, -2]"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.uniform([-1], seed: 1)
            }, mentions: ["uniform", "negative size", "[-1]"])
    }

    @Test("an out-of-range Sequential subscript names the index and the layer count")
    func sequentialSubscript() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Sequential(Linear(2, 1), Sigmoid())[2]
            }, mentions: ["Sequential", "index 2", "has 2"])
    }
}
