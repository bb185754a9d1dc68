import Foundation
import Neuron
import Testing

/// Rows and targets of the small logistic problem in Tests/Reference/torch_lbfgs.py.
private let lbfgsX: [Double] = [
    0.5, -1.2, 0.3, 1.5, 0.2, -0.7, -0.3, 0.8, 1.1, 0.9, -0.4, -1.3, -1.1, 1.6, 0.2, 0.2, 0.1, 0.4,
    1.8, -0.9, 0.6, -0.6, -1.4, -0.2, 0.7, 1.2, -1.0, -1.7, 0.3, 0.9, 0.1, -0.5, 1.7, 1.2, 1.0, 0.0,
]
private let lbfgsY: [Double] = [1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1]

@Suite("L-BFGS follows torch.optim.LBFGS")
struct LBFGSTests {
    @Test("trajectories match PyTorch's in float64, step by step", arguments: TorchLBFGSReference.cases.map(\.name))
    func matchesPyTorch(_ name: String) {
        let reference = TorchLBFGSReference.cases.first { $0.name == name }!
        let params: [Tensor]
        let lossOf: () -> Tensor
        if reference.problem == "rosenbrock" {
            let p = Tensor([-1.5, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
            params = [p]
            lossOf = {
                let x = p.sliced(axis: 0, 0..<1)
                let y = p.sliced(axis: 0, 1..<2)
                return ((1 - x).squared() + 100 * (y - x.squared()).squared()).sum()
            }
        } else {
            let w = Tensor.zeros([3], dtype: .float64, requiresGrad: true)
            let b = Tensor.zeros([1], dtype: .float64, requiresGrad: true)
            params = [w, b]
            let x = Tensor(lbfgsX, shape: [12, 3], dtype: .float64)
            let y = Tensor(lbfgsY, shape: [12], dtype: .float64)
            lossOf = { BCEWithLogitsLoss()(x.matmul(w) + b, y) }
        }
        let lbfgs = LBFGS(
            params, lr: reference.lr, maxIterations: reference.maxIterations, historySize: reference.historySize,
            lineSearch: reference.strongWolfe ? .strongWolfe : .none)
        for (k, expected) in reference.steps.enumerated() {
            let first = lbfgs.step {
                lbfgs.zeroGrad()
                let loss = lossOf()
                loss.backward()
                return loss
            }
            // The same iterations and evaluations, and the same points to 1e-9; on Rosenbrock with a
            // 3-pair history, last-bit differences (PyTorch fuses some multiply-adds) grow to
            // ~2e-8 by the fourth step, so that case gets 1e-7.
            let rtol = name == "rosenbrock short history" ? 1e-7 : 1e-9
            expectClose([first.item()], [expected.firstLoss], rtol: rtol, atol: 1e-14)
            expectClose(params.flatMap { $0.asArray(Double.self) }, expected.parameters, rtol: rtol, atol: 1e-12)
            #expect(lbfgs.iterationCount == expected.iterations, "step \(k)")
            #expect(lbfgs.evaluationCount == expected.evaluations, "step \(k)")
        }
    }

    @Test("a non-finite loss restores the last finite point and throws, naming the evaluation")
    func nonFiniteLossDoesNotPoisonTheWeights() {
        let w = Tensor([2] as [Double], shape: [1], dtype: .float64, requiresGrad: true)
        let lbfgs = LBFGS([w], lr: 1, maxIterations: 5)
        var calls = 0
        #expect(throws: LBFGSError.self) {
            try lbfgs.checkedStep {
                lbfgs.zeroGrad()
                calls += 1
                // Finite at the start, NaN at every later point.
                let loss = calls == 1 ? w.squared().sum() : (w.squared() * Double.nan).sum()
                loss.backward()
                return loss
            }
        }
        #expect(w.item() == 2)
        do {
            _ = try lbfgs.checkedStep { lbfgs.zeroGrad(); let l = (w * Double.infinity).sum(); l.backward(); return l }
        } catch {
            #expect(error == .nonFinite(evaluation: 1, loss: .infinity))
            #expect(error.description.contains("restored"))
        }
        #expect(w.item() == 2)
    }

    @Test("step() without a closure, and a bad lr, stop with a message")
    func misuse() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                LBFGS([Tensor.ones([1], requiresGrad: true)]).step()
            }, mentions: ["LBFGS", "closure"])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = LBFGS([Tensor.ones([1], requiresGrad: true)], lr: .nan)
            }, mentions: ["LBFGS", "lr", "nan"])
    }
}

@Suite("Functional autograd: Jacobians, Hessians and Hessian-vector products")
struct FunctionalAutogradTests {
    @Test("the Hessian of a cubic and of a quadratic form are the known matrices")
    func knownHessians() {
        let w = Tensor([1, 2, -3] as [Double], shape: [3], dtype: .float64)
        expectClose(hessian(of: { $0.pow(3).sum() }, at: w), [6, 0, 0, 0, 12, 0, 0, 0, -18])
        // f(x) = ½ xᵀAx with A symmetric: H = A.
        let a: [Double] = [4, 1, -2, 1, 3, 0.5, -2, 0.5, 5]
        let matrix = Tensor(a, shape: [3, 3], dtype: .float64)
        expectClose(hessian(of: { x in x.matmul(matrix.matmul(x)) * 0.5 }, at: w), a, rtol: 1e-14)
        // Any shape is flattened: a [2, 2] point gives a [4, 4] Hessian.
        let m = Tensor([1, 2, 3, 4] as [Double], shape: [2, 2], dtype: .float64)
        let h = hessian(of: { $0.squared().sum() }, at: m)
        #expect(h.shape == [4, 4])
        expectClose(h, [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2])
    }

    @Test("the logistic log-likelihood's Hessian is Xᵀ diag(p(1 − p)) X, and agrees with finite differences")
    func logisticHessian() {
        let x = Tensor(lbfgsX, shape: [12, 3], dtype: .float64)
        let y = Tensor(lbfgsY, shape: [12], dtype: .float64)
        let w0 = Tensor([0.3, -0.2, 0.5] as [Double], shape: [3], dtype: .float64)
        let objective: (Tensor) -> Tensor = { w in BCELoss(reduction: .sum)(x.matmul(w).sigmoid(), y) }
        let h = hessian(of: objective, at: w0).asArray(Double.self)
        let p = x.matmul(w0).sigmoid().asArray(Double.self)
        var expected = [Double](repeating: 0, count: 9)
        for r in 0..<12 {
            for i in 0..<3 {
                for j in 0..<3 { expected[i * 3 + j] += lbfgsX[r * 3 + i] * lbfgsX[r * 3 + j] * p[r] * (1 - p[r]) }
            }
        }
        expectClose(h, expected, rtol: 1e-12)
        // Central differences of the autograd gradient.
        let step = 1e-6
        for j in 0..<3 {
            var plus = w0.asArray(Double.self)
            var minus = plus
            plus[j] += step
            minus[j] -= step
            let gPlus = jacobian(of: objective, at: Tensor(plus, shape: [3], dtype: .float64)).asArray(Double.self)
            let gMinus = jacobian(of: objective, at: Tensor(minus, shape: [3], dtype: .float64)).asArray(Double.self)
            for i in 0..<3 { expectClose([(gPlus[i] - gMinus[i]) / (2 * step)], [h[i * 3 + j]], rtol: 1e-7, atol: 1e-9) }
        }
    }

    @Test("Hessian-vector products equal H·v without forming H")
    func hessianVectorProducts() {
        let w = Tensor([0.5, -1, 2] as [Double], shape: [3], dtype: .float64)
        let f: (Tensor) -> Tensor = { x in (x.squared() * x.sum()).sum() + exp(x).sum() }
        let h = hessian(of: f, at: w).asArray(Double.self)
        let v: [Double] = [1, -2, 0.5]
        let hv = hessianVectorProduct(of: f, at: w, vector: Tensor(v, shape: [3], dtype: .float64))
        let expected = (0..<3).map { i in (0..<3).reduce(0.0) { $0 + h[i * 3 + $1] * v[$1] } }
        expectClose(hv, expected, rtol: 1e-13)
    }

    @Test("the Jacobian of an elementwise map and of a matrix product; the point is left alone")
    func jacobians() {
        let x = Tensor([1, 2] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        expectClose(jacobian(of: { $0.squared() }, at: x), [2, 0, 0, 4])
        let a = Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [3, 2], dtype: .float64, requiresGrad: true)
        expectClose(jacobian(of: { a.matmul($0) }, at: x), [1, 2, 3, 4, 5, 6])
        #expect(x.grad == nil && a.grad == nil && x.isLeaf)
        // A function that ignores its argument has a zero Jacobian.
        expectClose(jacobian(of: { _ in a.sum().reshaped([1]) }, at: x), [0, 0])
    }
}
