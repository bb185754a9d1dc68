import Neuron
import Testing

/// Expects the standard error of a child process that stopped to contain every string in
/// `fragments`.
func expectMessage(
    _ result: ExitTest.Result?, mentions fragments: [String], sourceLocation: SourceLocation = #_sourceLocation
) {
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    for fragment in fragments {
        #expect(message.contains(fragment), "stderr lacks \"\(fragment)\": \(message)", sourceLocation: sourceLocation)
    }
}

@Suite("Bad input stops with a message naming the op and the shapes")
struct BadInputTests {
    @Test("adding shapes that do not broadcast")
    func broadcastMismatch() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([3, 4]) + Tensor.zeros([5])
            }, mentions: ["add", "[3, 4]", "[5]"])
    }

    @Test("matmul with mismatched inner sizes")
    func matmulMismatch() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([3, 4]).matmul(Tensor.zeros([5, 2]))
            }, mentions: ["matmul", "inner dimensions", "[3, 4]", "[5, 2]"])
    }

    @Test("reshaping to a different element count")
    func reshapeCount() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([3, 4]).reshaped([5, 2])
            }, mentions: ["reshaped", "[3, 4]", "[5, 2]"])
    }

    @Test("an axis out of range")
    func axisOutOfRange() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([3, 4]).sum(axis: 2)
            }, mentions: ["sum", "axis 2", "[3, 4]"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([3, 4]).softmax(axis: -3)
            }, mentions: ["softmax", "axis -3", "[3, 4]"])
    }

    @Test("backward() on a tensor of more than one element without a gradient")
    func backwardNeedsGradient() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                Tensor.zeros([2, 3], requiresGrad: true).sigmoid().backward()
            }, mentions: ["backward", "[2, 3]", "backward(gradient:)"])
    }

    @Test("mixing float32 and float64")
    func dtypeMismatch() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([2]) * Tensor.zeros([2], dtype: .float64)
            }, mentions: ["mul", "float32", "float64"])
    }

    @Test("values that do not fill the shape")
    func valuesDoNotFillShape() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor([1, 2, 3, 4, 5] as [Double], shape: [2, 3])
            }, mentions: ["Tensor", "5 values", "[2, 3]"])
    }

    @Test("row indices out of range")
    func rowIndexOutOfRange() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.zeros([3, 2]).rows(at: [0, 7])
            }, mentions: ["rows(at:)", "index 7", "[3, 2]"])
    }

    @Test("concatenating shapes that differ off the axis")
    func concatenationMismatch() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.concatenated([Tensor.zeros([2, 3]), Tensor.zeros([2, 4])], axis: 0)
            }, mentions: ["concatenated", "[2, 3]", "[2, 4]"])
    }

    @Test("backward on a tensor that does not require grad")
    func backwardWithoutHistory() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                Tensor.ones([1]).sum().backward()
            }, mentions: ["backward", "does not require grad"])
    }
}
