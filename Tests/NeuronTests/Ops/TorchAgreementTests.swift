import Neuron
import Testing

/// The inputs of Tests/Reference/torch_reference.py, in float64.
private enum Inputs {
    static func t(_ v: [Double], _ shape: [Int]) -> Tensor {
        Tensor(v, shape: shape, dtype: .float64, requiresGrad: true)
    }
    static var x: Tensor { t([0.5, -1.25, 2.0, 0.125, -0.75, 1.5, -0.3, 3.0, 1.1, 0.2, -2.2, -0.9], [3, 4]) }
    static var p: Tensor { t([0.6, 1.7, 0.9, 1.3, 1.05, 0.45, 2.5, 0.8, 1.9, 0.7, 1.15, 0.55], [3, 4]) }
    static var r: Tensor { t([0.3, -0.6, 1.2, 0.4], [4]) }
    static var c: Tensor { t([0.25, -1.5, 0.8], [3, 1]) }
    static var w: Tensor { t([0.2, -0.1, 0.4, 0.3, -0.5, 0.6, 0.05, -0.7], [4, 2]) }
    static var v: Tensor { t([-1.0, 0.5, 2.0, 1.5], [4]) }
}

/// The same cases as the reference script, by name.
private func neuronCase(_ name: String) -> ([Tensor], ([Tensor]) -> Tensor)? {
    switch name {
    case "add row": ([Inputs.x, Inputs.r], { $0[0] + $0[1] })
    case "sub column": ([Inputs.x, Inputs.c], { $0[0] - $0[1] })
    case "mul row": ([Inputs.x, Inputs.r], { $0[0] * $0[1] })
    case "div": ([Inputs.x, Inputs.p], { $0[0] / $0[1] })
    case "scalar div": ([Inputs.p], { 3 / $0[0] })
    case "neg": ([Inputs.x], { -$0[0] })
    case "exp": ([Inputs.x], { exp($0[0]) })
    case "log": ([Inputs.p], { log($0[0]) })
    case "sqrt": ([Inputs.p], { sqrt($0[0]) })
    case "abs": ([Inputs.x], { abs($0[0]) })
    case "squared": ([Inputs.x], { $0[0].squared() })
    case "pow 2.5": ([Inputs.p], { $0[0].pow(2.5) })
    case "sigmoid": ([Inputs.x], { $0[0].sigmoid() })
    case "tanh": ([Inputs.x], { $0[0].tanh() })
    case "relu": ([Inputs.x], { $0[0].relu() })
    case "clamped": ([Inputs.x], { $0[0].clamped(min: -1, max: 1.2) })
    case "softmax 1": ([Inputs.x], { $0[0].softmax(axis: 1) })
    case "logSoftmax 0": ([Inputs.x], { $0[0].logSoftmax(axis: 0) })
    case "logSumExp 1": ([Inputs.x], { $0[0].logSumExp(axis: 1) })
    case "sum 0": ([Inputs.x], { $0[0].sum(axis: 0) })
    case "mean": ([Inputs.x], { $0[0].mean() })
    case "max 1": ([Inputs.x], { $0[0].max(axis: 1) })
    case "matmul": ([Inputs.x, Inputs.w], { $0[0].matmul($0[1]) })
    case "matmul vector": ([Inputs.x, Inputs.v], { $0[0].matmul($0[1]) })
    case "transposed": ([Inputs.x], { $0[0].transposed() })
    case "rows": ([Inputs.x], { $0[0].rows(at: [2, 0, 2]) })
    case "concatenated": ([Inputs.x, Inputs.c], { Tensor.concatenated($0, axis: 1) })
    default: nil
    }
}

@Suite("Values and gradients agree with PyTorch float64")
struct TorchAgreementTests {
    @Test("to 1e-10 relative", arguments: torchReference.keys.sorted())
    func agrees(_ name: String) throws {
        let reference = try #require(torchReference[name])
        let (inputs, f) = try #require(neuronCase(name))
        let y = f(inputs)
        expectClose(y, reference.output, rtol: 1e-10, atol: 1e-14)
        let seed = (0..<y.count).map { Double($0 % 5 + 1) }
        (y * Tensor(seed, shape: y.shape, dtype: .float64)).sum().backward()
        for (x, expected) in zip(inputs, reference.gradients) {
            expectClose(x.grad!, expected, rtol: 1e-10, atol: 1e-14)
        }
    }
}
