import Foundation
import Neuron
import Testing

@Suite("Adam's fused one-pass update equals the separate passes bit for bit")
struct FusedAdamTests {
    /// Adam or AdamW written as the four in-place passes the fused kernel replaces.
    private func composedSteps(
        _ p: Tensor, gradients: [Tensor], lr: Double, weightDecay: Double, decoupled: Bool
    ) {
        let (beta1, beta2, eps) = (0.9, 0.999, 1e-8)
        let m = Tensor.zeros(p.shape, dtype: p.dtype)
        let v = Tensor.zeros(p.shape, dtype: p.dtype)
        withNoGrad {
            for (k, grad) in gradients.enumerated() {
                let t = Double(k + 1)
                if decoupled { p.multiply(by: 1 - lr * weightDecay) }
                let g = decoupled || weightDecay == 0 ? grad : grad + p * weightDecay
                m.multiply(by: beta1)
                m.add(g, scaledBy: 1 - beta1)
                v.scaleAndAddProduct(g, g, beta: beta2, alpha: 1 - beta2)
                p.addQuotient(
                    m, sqrtOf: v, scale: 1 / (1 - pow(beta2, t)).squareRoot(), epsilon: eps,
                    alpha: -lr / (1 - pow(beta1, t)))
            }
        }
    }

    /// 35 elements: whole vectors and a tail in every build.
    @Test("Adam and AdamW, float32 and float64, with and without weight decay, ten steps", arguments: [
        DType.float32, .float64,
    ])
    func agrees(dtype: DType) {
        for (decoupled, weightDecay) in [(false, 0.1), (true, 0.1), (false, 0.0)] {
            let start = Tensor.randn([7, 5], seed: 4, dtype: dtype)
            let gradients = (0..<10).map { Tensor.randn([7, 5], seed: UInt64(10 + $0), dtype: dtype) }
            let fused = start.copied()
            fused.requiresGrad = true
            let optimizer: any Optimizer =
                decoupled
                ? AdamW([fused], lr: 0.01, weightDecay: weightDecay) : Adam([fused], lr: 0.01, weightDecay: weightDecay)
            for g in gradients {
                fused.grad = g
                optimizer.step()
            }
            let reference = start.copied()
            composedSteps(reference, gradients: gradients, lr: 0.01, weightDecay: weightDecay, decoupled: decoupled)
            #expect(fused.asArray(Double.self) == reference.asArray(Double.self))
            #expect(fused.asArray(Double.self) != start.asArray(Double.self))
        }
    }
}
