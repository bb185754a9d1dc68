import Foundation
import Neuron
import Testing

/// Five steps of `make`'s optimizer on ∑ c·(w − t)², as Tests/Reference/torch_nn_reference.py
/// takes them in PyTorch.
private func fiveSteps(_ make: ([Tensor]) -> any Optimizer) -> [[Double]] {
    let w = Tensor([0.5, -1.0, 2.0, 0.0] as [Double], shape: [4], dtype: .float64, requiresGrad: true)
    let c = Tensor([1.0, 0.5, 2.0, 3.0] as [Double], shape: [4], dtype: .float64)
    let t = Tensor([1.0, 1.0, -1.0, 0.5] as [Double], shape: [4], dtype: .float64)
    let optimizer = make([w])
    return (0..<5).map { _ in
        optimizer.zeroGrad()
        (c * (w - t).squared()).sum().backward()
        optimizer.step()
        return w.asArray(Double.self)
    }
}

private func optimizer(_ name: String) -> (([Tensor]) -> any Optimizer)? {
    switch name {
    case "sgd": { SGD($0, lr: 0.1) }
    case "sgd momentum dampening weight decay": { SGD($0, lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01) }
    case "sgd nesterov": { SGD($0, lr: 0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true) }
    case "adam": { Adam($0, lr: 0.1) }
    case "adam betas weight decay": { Adam($0, lr: 0.05, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.1) }
    case "adamw": { AdamW($0, lr: 0.1, weightDecay: 0.1) }
    default: nil
    }
}

@Suite("Optimizers, schedules and clipping")
struct OptimizerTests {
    @Test("five steps give the weights PyTorch gives", arguments: torchOptimizerReference.keys.sorted())
    func matchesTorch(_ name: String) throws {
        let expected = try #require(torchOptimizerReference[name])
        let make = try #require(optimizer(name))
        for (got, want) in zip(fiveSteps(make), expected) {
            expectClose(got, want, rtol: 1e-12, atol: 1e-15)
        }
    }

    @Test("parameters without a gradient are left alone")
    func skipsMissingGradients() {
        let a = Tensor([1] as [Double], shape: [1], requiresGrad: true)
        let b = Tensor([1] as [Double], shape: [1], requiresGrad: true)
        let opt = Adam([a, b], lr: 0.1)
        (a * 2).sum().backward()
        opt.step()
        #expect(a.item() < 1)
        #expect(b.item() == 1)
    }

    @Test("step decay follows η₀·γ^⌊t/s⌋")
    func stepDecay() {
        let s = StepDecay(stepSize: 3, gamma: 0.5)
        #expect((0..<7).map { s.learningRate(at: $0, base: 0.8) } == [0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2])
    }

    @Test("cosine decay follows η_min + (η₀ − η_min)(1 + cos(πt/T))/2, flat after T")
    func cosineDecay() {
        let s = CosineDecay(period: 10, minimum: 0.01)
        for t in 0...12 {
            let expected = 0.01 + (0.1 - 0.01) * (1 + Foundation.cos(Double.pi * Double(min(t, 10)) / 10)) / 2
            #expect(Swift.abs(s.learningRate(at: t, base: 0.1) - expected) < 1e-15)
        }
        #expect(s.learningRate(at: 0, base: 0.1) == 0.1)
        #expect(Swift.abs(s.learningRate(at: 5, base: 0.1) - 0.055) < 1e-15)
        #expect(Swift.abs(s.learningRate(at: 10, base: 0.1) - 0.01) < 1e-15)
    }

    @Test("clipping by global norm rescales to maxNorm and returns the norm before")
    func clipping() {
        let a = Tensor([0, 0] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        let b = Tensor([0] as [Double], shape: [1], dtype: .float64, requiresGrad: true)
        (a * Tensor([3, 0] as [Double], shape: [2], dtype: .float64)).sum().backward()
        (b * 4).sum().backward()
        let norm = clipGradientNorm([a, b], maxNorm: 1)
        #expect(Swift.abs(norm - 5) < 1e-12)
        expectClose(a.grad!, [3 / (5 + 1e-6), 0])
        expectClose(b.grad!, [4 / (5 + 1e-6)])
        #expect(clipGradientNorm([a, b], maxNorm: 10) < 10)  // below the limit: untouched
        expectClose(b.grad!, [4 / (5 + 1e-6)])
    }
}
