import Neuron
import Testing

/// An in-place write that can reach a tensor a recorded op saved.
enum InPlaceWrite: String, Codable, CaseIterable, Sendable {
    case fill, assign, addScaled, multiply, scaleAndAddProduct, addQuotient, convert, sgdStep, adamStep

    /// Applies the write to `w` (recording off, as an optimizer does).
    func apply(to w: Tensor) {
        let other = Tensor.ones(w.shape, dtype: w.dtype)
        w.grad = other
        withNoGrad {
            switch self {
            case .fill: w.fill(100)
            case .assign: w.assign(other)
            case .addScaled: w.add(other, scaledBy: 2)
            case .multiply: w.multiply(by: 3)
            case .scaleAndAddProduct: w.scaleAndAddProduct(other, other)
            case .addQuotient: w.addQuotient(other, sqrtOf: other, epsilon: 1e-8, alpha: 1)
            case .convert: w.convert(to: .float32)
            case .sgdStep: SGD([w], lr: 0.1).step()
            case .adamStep: Adam([w], lr: 0.1).step()
            }
        }
    }
}

@Suite("Version counters: in-place changes to saved values stop backward, as PyTorch's do")
struct VersionCounterTests {
    @Test("each in-place write bumps the version shared by every alias of the storage")
    func writesBumpTheSharedVersion() {
        for write in InPlaceWrite.allCases {
            let w = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
            let alias = w.detached()
            let view = w.reshaped([1, 2])
            let before = w.version
            write.apply(to: w)
            #expect(w.version > before, "\(write) did not bump the version")
            if write != .convert {
                #expect(alias.version == w.version && view.version == w.version, "\(write): aliases disagree")
            }
        }
    }

    @Test("backward after an in-place write to a saved input stops, naming the op, shape and versions",
          arguments: InPlaceWrite.allCases)
    func savedInputModified(write: InPlaceWrite) async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [write] in
                let w = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
                let y = (w * w).sum()
                write.apply(to: w)
                y.backward()
            },
            mentions: ["modified by an inplace operation", "of mul", "[2]", "saved it at version 0"])
    }

    @Test("the issue's example: fill between forward and backward no longer gives [200, 200]")
    func fillThroughAnAlias() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let w = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
                let y = (w * w).sum()
                w.detached().fill(100)  // an alias that does not require grad: allowed, but counted
                y.backward()
            }, mentions: ["modified by an inplace operation", "input 0 of mul", "is at version 1"])
    }

    @Test("a changed output that the rule reads (sigmoid's σ) stops backward")
    func savedOutputModified() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let x = Tensor([0.5, -1] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
                let s = x.sigmoid()
                let loss = s.sum()
                withNoGrad { s.fill(0) }
                loss.backward()
            }, mentions: ["the output of sigmoid", "[2]", "version 1"])
    }

    @Test("writing in place to a leaf that requires grad while recording is refused")
    func inPlaceOnTrainedLeafWhileRecording() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let w = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
                w.add(Tensor.ones([2], dtype: .float64), scaledBy: 10)
            }, mentions: ["add(_:scaledBy:)", "requires grad", "withNoGrad"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                Tensor.zeros([3], requiresGrad: true).fill(1)
            }, mentions: ["fill", "requires grad", "[3]"])
    }

    @Test("an input that no rule reads may change: add's gradient does not depend on it")
    func unsavedInputMayChange() {
        let w = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        let c = Tensor([5, 5] as [Double], shape: [2], dtype: .float64)
        let y = ((w + c) * 3).sum()
        c.fill(-7)  // c does not require grad: allowed while recording
        y.backward()
        expectClose(w.grad!, [3, 3])
    }

    @Test("the usual loop stays legal: steps between one backward and the next forward")
    func trainingLoopDoesNotTrip() {
        var rng = RandomGenerator(seed: 1)
        let model = Sequential(
            Linear(3, 4, dtype: .float64, generator: &rng), Tanh(), Linear(4, 1, dtype: .float64, generator: &rng),
            Sigmoid())
        let x = Tensor.randn([8, 3], seed: 3, dtype: .float64)
        let y = Tensor([0, 1, 1, 0, 1, 0, 0, 1] as [Double], shape: [8, 1], dtype: .float64)
        for optimizer in [SGD(model.parameters, lr: 0.1, momentum: 0.9), Adam(model.parameters, lr: 0.01)] as [any Optimizer] {
            var losses: [Double] = []
            for _ in 0..<20 {
                optimizer.zeroGrad()
                let loss = BCELoss()(model(x), y)
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            }
            #expect(losses.last! < losses.first!)
        }
    }

    @Test("retained graphs check again: a second backward after a write stops")
    func retainedGraphChecksAgain() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let w = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
                let y = exp(w).sum()
                y.backward(retainGraph: true)
                withNoGrad { exp(w).detached().fill(0) }  // a fresh result: not the saved one
                y.backward(retainGraph: true)  // still fine
                withNoGrad { w.multiply(by: 2) }  // exp saved its output, not w: still fine
                y.backward(retainGraph: true)
                let z = log(w).sum()
                withNoGrad { w.multiply(by: 2) }
                z.backward()
            }, mentions: ["input of log", "version 2", "saved it at version 1"])
    }
}
