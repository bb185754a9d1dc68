import Foundation
import Neuron
import Testing

@Suite("Reverse-mode autograd")
struct AutogradTests {
    @Test("gradients accumulate on leaves across backward calls until zeroGrad")
    func accumulation() {
        let x = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        (x * 3).sum().backward()
        (x * 3).sum().backward()
        expectClose(x.grad!, [6, 6])
        x.zeroGrad()
        #expect(x.grad == nil)
        (x.squared()).sum().backward()
        expectClose(x.grad!, [2, 4])
    }

    @Test("a tensor used on several paths receives the sum of their gradients")
    func fanOut() {
        let x = Tensor(scalar: 3, dtype: .float64, requiresGrad: true)
        let y = x * x + x.sigmoid() * x  // dy/dx = 2x + σ(x) + x·σ(x)(1 − σ(x))
        y.backward()
        let s = 1 / (1 + Foundation.exp(-3.0))
        expectClose(x.grad!, [6 + s + 3 * s * (1 - s)], rtol: 1e-12)
    }

    @Test("backward(gradient:) computes a vector-Jacobian product")
    func vectorJacobianProduct() {
        let x = Tensor([1, 2, 3] as [Double], shape: [3], dtype: .float64, requiresGrad: true)
        let y = x.squared()
        y.backward(gradient: Tensor([1, 0.5, -1] as [Double], shape: [3], dtype: .float64))
        expectClose(x.grad!, [2, 2, -6])
    }

    @Test("retainGraph allows a second backward through the same graph")
    func retainGraph() {
        let x = Tensor(scalar: 2, dtype: .float64, requiresGrad: true)
        let y = x.pow(3)
        y.backward(retainGraph: true)
        y.backward()
        expectClose(x.grad!, [24])  // 2 · 3x²
    }

    @Test("createGraph gives gradients of gradients: d²/dx² x³ = 6x")
    func secondDerivative() {
        let x = Tensor(scalar: 2, dtype: .float64, requiresGrad: true)
        let y = x.pow(3)
        let dy = Tensor.gradients(of: y, withRespectTo: [x], createGraph: true)[0]
        expectClose(dy, [12])
        #expect(dy.requiresGrad)
        dy.backward()
        expectClose(x.grad!, [12])  // 6x
    }

    @Test("backward with createGraph leaves a differentiable grad on the leaf (Hessian-vector product)")
    func hessianVectorProduct() {
        // f(x) = ∑ xᵢ² xⱼ-free: f = x₀²x₁ ; H = [[2x₁, 2x₀], [2x₀, 0]]
        let x = Tensor([1, 3] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        let f = (x.sliced(axis: 0, 0..<1).squared() * x.sliced(axis: 0, 1..<2)).sum()
        f.backward(createGraph: true)
        let g = x.grad!
        x.zeroGrad()
        let v = Tensor([1, -1] as [Double], shape: [2], dtype: .float64)
        (g * v).sum().backward()
        expectClose(x.grad!, [2 * 3 - 2 * 1, 2 * 1])  // H·v
    }

    @Test("detached() and withNoGrad record nothing")
    func noHistory() {
        let x = Tensor([1, 2] as [Double], shape: [2], requiresGrad: true)
        let d = x.detached()
        #expect(!d.requiresGrad)
        #expect(d.asArray(Double.self) == [1, 2])
        let inside = withNoGrad { (x * 2).sigmoid() }
        #expect(!inside.requiresGrad)
        #expect(inside.isLeaf)
        let outside = (x * 2).sigmoid()
        #expect(outside.requiresGrad)
        #expect(outside.gradFunctionName == "sigmoid")
        let nested = withNoGrad { withGrad { x * 2 } }
        #expect(nested.requiresGrad)
    }

    @Test("gradients(of:withRespectTo:) returns gradients without touching grad, zeros where unused")
    func functionalGradients() {
        let a = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        let b = Tensor([5] as [Double], shape: [1], dtype: .float64, requiresGrad: true)
        let unused = Tensor([7] as [Double], shape: [1], dtype: .float64, requiresGrad: true)
        let y = (a * b).sum()
        let g = Tensor.gradients(of: y, withRespectTo: [a, b, unused])
        expectClose(g[0], [5, 5])
        expectClose(g[1], [3])
        expectClose(g[2], [0])
        #expect(a.grad == nil && b.grad == nil)
    }

    @Test("a stored gradient is never shared between leaves")
    func gradientsNotAliased() {
        let a = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        let b = Tensor([3, 4] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        (a + b).sum().backward()  // add passes one gradient object to both inputs
        #expect(a.grad! !== b.grad!)
        withNoGrad { a.grad!.assign(a.grad! * 10) }
        expectClose(b.grad!, [1, 1])
    }

    @Test("the closing example of Docs/Autograd.md: for BCE(σ(w·x + b)) the gradient is (ŷ − y)·x")
    func logisticGradientIsResidualTimesInput() {
        let x = Tensor([0.5, -1.2, 2.0, 0.3, 1.1, -0.7] as [Double], shape: [2, 3], dtype: .float64)
        let y = Tensor([1, 0] as [Double], shape: [2, 1], dtype: .float64)
        let w = Tensor([0.2, -0.4, 0.1] as [Double], shape: [3, 1], dtype: .float64, requiresGrad: true)
        let b = Tensor([0.05] as [Double], shape: [1], dtype: .float64, requiresGrad: true)
        let p = (x.matmul(w) + b).sigmoid()
        let loss = -(y * log(p) + (1 - y) * log(1 - p)).sum()
        loss.backward()
        let residual = withNoGrad { p - y }  // ŷ − y, shape [2, 1]
        let expected = withNoGrad { x.transposed().matmul(residual) }
        expectClose(w.grad!, expected.asArray(Double.self), rtol: 1e-12)
        expectClose(b.grad!, [residual.sum().item()], rtol: 1e-12)
    }

    @Test("float32 and float64 run the same graph; to(_:) carries gradients across dtypes")
    func dtypeConversion() {
        let x = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        let y = (x.to(.float32) * 3).to(.float64).sum()
        y.backward()
        #expect(x.grad!.dtype == .float64)
        expectClose(x.grad!, [3, 3])
    }
}
