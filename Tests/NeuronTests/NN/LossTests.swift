import Foundation
import Neuron
import Testing

/// The inputs of Tests/Reference/torch_nn_reference.py.
private enum LossInputs {
    static func t(_ v: [Double], _ shape: [Int], grad: Bool = false) -> Tensor {
        Tensor(v, shape: shape, dtype: .float64, requiresGrad: grad)
    }
    static var p: Tensor { t([0.0, 0.3, 0.9, 1.0, 0.5, 1e-8], [3, 2], grad: true) }
    static var y: Tensor { t([0.0, 1.0, 1.0, 1.0, 0.25, 0.0], [3, 2]) }
    static var z: Tensor { t([2.0, -1.5, 0.3, 40.0, -25.0, 0.0], [3, 2], grad: true) }
    static var logits: Tensor {
        t([1.0, -0.5, 2.0, 0.3, 0.1, -1.2, -2.0, 3.0, 0.5, 0.0, 0.0, 0.0], [4, 3], grad: true)
    }
    static let labels = [2, 0, 1, 1]
    static var q: Tensor { t([0.2, 0.3, 0.5, 1.0, 0.0, 0.0, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4], [4, 3]) }
    static var classWeights: Tensor { t([0.5, 2.0, 1.0], [3]) }
    static var a: Tensor { t([0.5, -1.0, 2.0, 0.25, 1.5, -0.5], [3, 2], grad: true) }
}

/// Each reference case computed with Neuron: the input that gets a gradient, and the loss.
private func lossCase(_ name: String) -> (Tensor, (Tensor) -> Tensor)? {
    typealias I = LossInputs
    switch name {
    case "bce mean": return (I.p, { BCELoss()($0, I.y) })
    case "bce sum": return (I.p, { BCELoss(reduction: .sum)($0, I.y) })
    case "bce none": return (I.p, { BCELoss(reduction: .none)($0, I.y) })
    case "bce logits mean": return (I.z, { BCEWithLogitsLoss()($0, I.y) })
    case "bce logits pos weight":
        return (I.z, { BCEWithLogitsLoss(positiveWeight: I.t([3, 0.5], [2]))($0, I.y) })
    case "cross entropy labels": return (I.logits, { CrossEntropyLoss()($0, labels: I.labels) })
    case "cross entropy labels sum": return (I.logits, { CrossEntropyLoss(reduction: .sum)($0, labels: I.labels) })
    case "cross entropy weighted smoothed":
        return (I.logits, { CrossEntropyLoss(classWeights: I.classWeights, labelSmoothing: 0.1)($0, labels: I.labels) })
    case "cross entropy smoothed none":
        return (I.logits, { CrossEntropyLoss(labelSmoothing: 0.2, reduction: .none)($0, labels: I.labels) })
    case "cross entropy probabilities": return (I.logits, { CrossEntropyLoss()($0, I.q) })
    case "cross entropy probabilities weighted smoothed":
        return (I.logits, { CrossEntropyLoss(classWeights: I.classWeights, labelSmoothing: 0.1)($0, I.q) })
    case "mse mean": return (I.a, { MSELoss()($0, I.y) })
    case "mse sum": return (I.a, { MSELoss(reduction: .sum)($0, I.y) })
    default: return nil
    }
}

@Suite("Losses")
struct LossTests {
    @Test("values and gradients agree with PyTorch float64", arguments: torchLossReference.keys.sorted())
    func agreesWithTorch(_ name: String) throws {
        let reference = try #require(torchLossReference[name])
        let (x, loss) = try #require(lossCase(name))
        let value = loss(x)
        expectClose(value, reference.value, rtol: 1e-12, atol: 1e-15)
        value.sum().backward()
        expectClose(x.grad!, reference.gradient, rtol: 1e-10, atol: 1e-15)
    }

    @Test(
        "gradients agree with finite differences",
        arguments: [
            "bce mean", "bce logits pos weight", "cross entropy weighted smoothed",
            "cross entropy probabilities weighted smoothed", "mse mean",
        ])
    func gradcheckLosses(_ name: String) throws {
        // Probabilities away from 0 and 1, where the clamp would make the function flat.
        let (x, loss) = try #require(lossCase(name))
        let input = name.hasPrefix("bce mean") ? leaf([3, 2], seed: 5, .positive) / 2.5 : x
        let leafInput = input.detached()
        leafInput.requiresGrad = true
        #expect(gradcheck({ loss($0[0]) }, inputs: [leafInput]).passed)
        #expect(gradgradcheck({ loss($0[0]) }, inputs: [leafInput]).passed)
    }

    @Test("BCE on probabilities of exactly 0 and 1 gives a finite loss and gradient (log clamped at -100)")
    func bceAtEdges() {
        let p = Tensor([0, 1, 0, 1] as [Double], shape: [4], requiresGrad: true)
        let y = Tensor([1, 0, 0, 1] as [Double], shape: [4])
        let loss = BCELoss(reduction: .none)(p, y)
        #expect(loss.asArray(Double.self) == [100, 100, 0, 0])
        loss.sum().backward()
        #expect(p.grad!.asArray(Double.self).allSatisfy { $0.isFinite })
    }

    @Test("BCE with logits is exact at ±1e4 and ±∞, where PyTorch gives NaN", arguments: [DType.float32, .float64])
    func bceWithLogitsExtremes(_ dtype: DType) {
        let x = Tensor(
            [1e4, -1e4, .infinity, -.infinity, 1e4, -1e4] as [Double], shape: [6], dtype: dtype, requiresGrad: true)
        let y = Tensor([1, 0, 1, 0, 0, 1] as [Double], shape: [6], dtype: dtype)
        let loss = BCEWithLogitsLoss(reduction: .none)(x, y)
        #expect(loss.asArray(Double.self) == [0, 0, 0, 0, 1e4, 1e4])
        loss.sum().backward()
        #expect(x.grad!.asArray(Double.self) == [0, 0, 0, 0, 1, -1])  // σ(x) − y
    }

    @Test("BCE with logits equals BCE after a sigmoid where both are accurate")
    func logitsMatchProbabilities() {
        let z = leaf([5, 2], seed: 9)
        let y = Tensor([1, 0, 0, 1, 1, 1, 0, 0, 1, 0] as [Double], shape: [5, 2], dtype: .float64)
        let a = BCEWithLogitsLoss()(z, y).item()
        let b = BCELoss()(z.sigmoid(), y).item()
        #expect(Swift.abs(a - b) < 1e-14)
    }

    @Test("cross-entropy of huge logits stays finite and exact")
    func crossEntropyHugeLogits() {
        let x = Tensor([1e4, 0, -1e4, 0, 1e4, 0] as [Double], shape: [2, 3], dtype: .float64, requiresGrad: true)
        let loss = CrossEntropyLoss(reduction: .none)(x, labels: [0, 2])
        expectClose(loss, [0, 1e4])
        loss.sum().backward()
        #expect(x.grad!.asArray(Double.self).allSatisfy { $0.isFinite })
    }

    @Test("a label out of range stops with a message")
    func labelOutOfRange() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = CrossEntropyLoss()(Tensor.zeros([2, 3]), labels: [0, 3])
            }, mentions: ["CrossEntropyLoss", "label 3", "3 classes"])
    }
}
