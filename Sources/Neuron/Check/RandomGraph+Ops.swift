// The operations a random graph is built from: one case per public op form, how to apply it
// with the public Tensor API, how to print it as Swift, and where its kinks are.

/// One step of a random graph: an op applied to earlier steps.
struct GraphStep: Sendable {
    /// What the step computes.
    let op: GraphOp
    /// The earlier steps it reads, in argument order.
    let args: [Int]
    /// The shape of its value.
    let shape: [Int]
}

/// Every op form the fuzzer draws from, with the parameters that fix it.
enum GraphOp: Sendable {
    case input(Int)
    case constant([Double])
    case add, subtract, multiply, divide
    case addScalar(Double), scalarAdd(Double), subtractScalar(Double), scalarSubtract(Double)
    case multiplyScalar(Double), scalarMultiply(Double), divideScalar(Double), scalarDivide(Double)
    case negate, exp, log, log1p, sqrt, abs, squared, sigmoid, tanh, relu, softplus
    case pow(Double)
    case clamped(min: Double?, max: Double?)
    case softmax(axis: Int?), logSoftmax(axis: Int?)
    case sum, mean
    case sumAxis(Int, keepDims: Bool), meanAxis(Int, keepDims: Bool)
    case maxAxis(Int, keepDims: Bool), logSumExp(Int, keepDims: Bool)
    case matmul, matmulFunction, linear
    case reshaped([Int]), transposed, expanded([Int]), summed([Int]), unsqueezed(Int), flattened
    case rows([Int]), scatteredRows([Int], rowCount: Int), sliced(axis: Int, Range<Int>), concatenated(axis: Int)
    case binaryCrossEntropy
    case binaryCrossEntropyWithLogits(weight: [Double]?, weightShape: [Int])
    case crossEntropyLabels([Int], weights: [Double]?, smoothing: Double, reduction: Reduction)
    case crossEntropyProbabilities(weights: [Double]?, smoothing: Double, reduction: Reduction)
    case meanSquaredError(Reduction)

    /// The op's kind, without its parameters.
    var kind: RandomGraph.OpKind {
        switch self {
        case .input: .input
        case .constant: .constant
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .addScalar: .addScalar
        case .scalarAdd: .scalarAdd
        case .subtractScalar: .subtractScalar
        case .scalarSubtract: .scalarSubtract
        case .multiplyScalar: .multiplyScalar
        case .scalarMultiply: .scalarMultiply
        case .divideScalar: .divideScalar
        case .scalarDivide: .scalarDivide
        case .negate: .negate
        case .exp: .exp
        case .log: .log
        case .log1p: .log1p
        case .sqrt: .sqrt
        case .abs: .abs
        case .squared: .squared
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .relu: .relu
        case .softplus: .softplus
        case .pow: .pow
        case .clamped: .clamped
        case .softmax: .softmax
        case .logSoftmax: .logSoftmax
        case .sum: .sum
        case .mean: .mean
        case .sumAxis: .sumAxis
        case .meanAxis: .meanAxis
        case .maxAxis: .maxAxis
        case .logSumExp: .logSumExp
        case .matmul: .matmul
        case .matmulFunction: .matmulFunction
        case .linear: .linear
        case .reshaped: .reshaped
        case .transposed: .transposed
        case .expanded: .expanded
        case .summed: .summed
        case .unsqueezed: .unsqueezed
        case .flattened: .flattened
        case .rows: .rows
        case .scatteredRows: .scatteredRows
        case .sliced: .sliced
        case .concatenated: .concatenated
        case .binaryCrossEntropy: .binaryCrossEntropy
        case .binaryCrossEntropyWithLogits: .binaryCrossEntropyWithLogits
        case .crossEntropyLabels: .crossEntropyLabels
        case .crossEntropyProbabilities: .crossEntropyProbabilities
        case .meanSquaredError: .meanSquaredError
        }
    }

    // MARK: - Applying

    /// The op applied to its arguments' values (not defined for inputs and constants).
    func apply(_ a: [Tensor]) -> Tensor {
        switch self {
        case .input, .constant: preconditionFailure("RandomGraph: leaves are not applied")
        case .add: a[0] + a[1]
        case .subtract: a[0] - a[1]
        case .multiply: a[0] * a[1]
        case .divide: a[0] / a[1]
        case .addScalar(let s): a[0] + s
        case .scalarAdd(let s): s + a[0]
        case .subtractScalar(let s): a[0] - s
        case .scalarSubtract(let s): s - a[0]
        case .multiplyScalar(let s): a[0] * s
        case .scalarMultiply(let s): s * a[0]
        case .divideScalar(let s): a[0] / s
        case .scalarDivide(let s): s / a[0]
        case .negate: -a[0]
        case .exp: Neuron.exp(a[0])
        case .log: Neuron.log(a[0])
        case .log1p: Neuron.log1p(a[0])
        case .sqrt: Neuron.sqrt(a[0])
        case .abs: Neuron.abs(a[0])
        case .squared: a[0].squared()
        case .sigmoid: a[0].sigmoid()
        case .tanh: a[0].tanh()
        case .relu: a[0].relu()
        case .softplus: a[0].softplus()
        case .pow(let e): a[0].pow(e)
        case .clamped(let lo, let hi): a[0].clamped(min: lo ?? -.infinity, max: hi ?? .infinity)
        case .softmax(let axis): axis.map { a[0].softmax(axis: $0) } ?? a[0].softmax()
        case .logSoftmax(let axis): axis.map { a[0].logSoftmax(axis: $0) } ?? a[0].logSoftmax()
        case .sum: a[0].sum()
        case .mean: a[0].mean()
        case .sumAxis(let axis, let keep): a[0].sum(axis: axis, keepDims: keep)
        case .meanAxis(let axis, let keep): a[0].mean(axis: axis, keepDims: keep)
        case .maxAxis(let axis, let keep): a[0].max(axis: axis, keepDims: keep)
        case .logSumExp(let axis, let keep): a[0].logSumExp(axis: axis, keepDims: keep)
        case .matmul: a[0].matmul(a[1])
        case .matmulFunction: Neuron.matmul(a[0], a[1])
        case .linear: Neuron.linear(a[0], weight: a[1], bias: a.count > 2 ? a[2] : nil)
        case .reshaped(let shape): a[0].reshaped(shape)
        case .transposed: a[0].transposed()
        case .expanded(let shape): a[0].expanded(to: shape)
        case .summed(let shape): a[0].summed(toShape: shape)
        case .unsqueezed(let axis): a[0].unsqueezed(axis: axis)
        case .flattened: a[0].flattened()
        case .rows(let indices): a[0].rows(at: indices)
        case .scatteredRows(let indices, let rowCount): a[0].scatteredRows(at: indices, rowCount: rowCount)
        case .sliced(let axis, let range): a[0].sliced(axis: axis, range)
        case .concatenated(let axis): Tensor.concatenated(a, axis: axis)
        case .binaryCrossEntropy: Neuron.binaryCrossEntropy(a[0], a[1])
        case .binaryCrossEntropyWithLogits(let weight, let shape):
            Neuron.binaryCrossEntropyWithLogits(
                a[0], a[1], positiveWeight: weight.map { Tensor($0, shape: shape, dtype: .float64) })
        case .crossEntropyLabels(let labels, let weights, let smoothing, let reduction):
            CrossEntropyLoss(
                classWeights: weights.map { Tensor($0, shape: [$0.count], dtype: .float64) },
                labelSmoothing: smoothing, reduction: reduction)(a[0], labels: labels)
        case .crossEntropyProbabilities(let weights, let smoothing, let reduction):
            CrossEntropyLoss(
                classWeights: weights.map { Tensor($0, shape: [$0.count], dtype: .float64) },
                labelSmoothing: smoothing, reduction: reduction)(a[0], a[1])
        case .meanSquaredError(let reduction): MSELoss(reduction: reduction)(a[0], a[1])
        }
    }

    // MARK: - Kinks

    /// Which side of each kink the op's first argument lies on, or nil for a smooth op: the
    /// sign for abs, x > 0 for relu, below/inside/above for clamp, the argmax for max. A
    /// finite difference is only meaningful while this stays the same.
    func kinkSides(_ x: Tensor) -> [Int]? {
        switch self {
        case .relu: x.asArray(Double.self).map { $0 > 0 ? 1 : 0 }
        case .abs: x.asArray(Double.self).map { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }
        case .clamped(let lo, let hi):
            x.asArray(Double.self).map { v in v < (lo ?? -.infinity) ? 0 : v > (hi ?? .infinity) ? 2 : 1 }
        case .maxAxis(let axis, _): x.argmax(axis: axis)
        default: nil
        }
    }

    // MARK: - Printing

    /// The op as a Swift expression over the names of its arguments.
    func text(_ a: [String]) -> String {
        switch self {
        case .input(let k): "input \(k)"
        case .constant(let values): "constant \(values.count <= 6 ? "\(values)" : "(\(values.count) values)")"
        case .add: "\(a[0]) + \(a[1])"
        case .subtract: "\(a[0]) - \(a[1])"
        case .multiply: "\(a[0]) * \(a[1])"
        case .divide: "\(a[0]) / \(a[1])"
        case .addScalar(let s): "\(a[0]) + \(s)"
        case .scalarAdd(let s): "\(s) + \(a[0])"
        case .subtractScalar(let s): "\(a[0]) - \(s)"
        case .scalarSubtract(let s): "\(s) - \(a[0])"
        case .multiplyScalar(let s): "\(a[0]) * \(s)"
        case .scalarMultiply(let s): "\(s) * \(a[0])"
        case .divideScalar(let s): "\(a[0]) / \(s)"
        case .scalarDivide(let s): "\(s) / \(a[0])"
        case .negate: "-\(a[0])"
        case .exp, .log, .log1p, .sqrt, .abs: "\(kind.rawValue)(\(a[0]))"
        case .squared, .sigmoid, .tanh, .relu, .softplus, .sum, .mean, .transposed, .flattened:
            "\(a[0]).\(kind.rawValue)()"
        case .pow(let e): "\(a[0]).pow(\(e))"
        case .clamped(let lo, let hi):
            "\(a[0]).clamped(\([lo.map { "min: \($0)" }, hi.map { "max: \($0)" }].compactMap { $0 }.joined(separator: ", ")))"
        case .softmax(let axis), .logSoftmax(let axis): "\(a[0]).\(kind.rawValue)(\(axis.map { "axis: \($0)" } ?? ""))"
        case .sumAxis(let axis, let keep), .meanAxis(let axis, let keep), .maxAxis(let axis, let keep),
            .logSumExp(let axis, let keep):
            "\(a[0]).\(kind == .sumAxis ? "sum" : kind == .meanAxis ? "mean" : kind == .maxAxis ? "max" : "logSumExp")"
                + "(axis: \(axis)\(keep ? ", keepDims: true" : ""))"
        case .matmul: "\(a[0]).matmul(\(a[1]))"
        case .matmulFunction: "matmul(\(a[0]), \(a[1]))"
        case .linear: "linear(\(a[0]), weight: \(a[1])\(a.count > 2 ? ", bias: \(a[2])" : ""))"
        case .reshaped(let shape): "\(a[0]).reshaped(\(shape))"
        case .expanded(let shape): "\(a[0]).expanded(to: \(shape))"
        case .summed(let shape): "\(a[0]).summed(toShape: \(shape))"
        case .unsqueezed(let axis): "\(a[0]).unsqueezed(axis: \(axis))"
        case .rows(let indices): "\(a[0]).rows(at: \(indices))"
        case .scatteredRows(let indices, let n): "\(a[0]).scatteredRows(at: \(indices), rowCount: \(n))"
        case .sliced(let axis, let r): "\(a[0]).sliced(axis: \(axis), \(r.lowerBound)..<\(r.upperBound))"
        case .concatenated(let axis): "Tensor.concatenated([\(a.joined(separator: ", "))], axis: \(axis))"
        case .binaryCrossEntropy: "binaryCrossEntropy(\(a[0]), \(a[1]))"
        case .binaryCrossEntropyWithLogits(let w, let shape):
            "binaryCrossEntropyWithLogits(\(a[0]), \(a[1])\(w.map { ", positiveWeight: \($0) shape \(shape)" } ?? ""))"
        case .crossEntropyLabels(let labels, let w, let smoothing, let reduction):
            "\(Self.crossEntropyText(w, smoothing, reduction))(\(a[0]), labels: \(labels))"
        case .crossEntropyProbabilities(let w, let smoothing, let reduction):
            "\(Self.crossEntropyText(w, smoothing, reduction))(\(a[0]), \(a[1]))"
        case .meanSquaredError(let reduction): "MSELoss(reduction: .\(reduction))(\(a[0]), \(a[1]))"
        }
    }

    private static func crossEntropyText(_ weights: [Double]?, _ smoothing: Double, _ reduction: Reduction) -> String {
        "CrossEntropyLoss(classWeights: \(weights.map { "\($0)" } ?? "nil"), labelSmoothing: \(smoothing), "
            + "reduction: .\(reduction))"
    }
}
