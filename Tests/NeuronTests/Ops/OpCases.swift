import Neuron

/// One op applied to inputs of given shapes: the unit the gradient checks sweep over.
struct OpCase: Sendable, CustomStringConvertible {
    let name: String
    let shapes: [[Int]]
    let domains: [Domain]
    let body: @Sendable ([Tensor]) -> Tensor

    init(_ name: String, _ shapes: [[Int]], _ domains: [Domain] = [], _ body: @escaping @Sendable ([Tensor]) -> Tensor)
    {
        self.name = name
        self.shapes = shapes
        self.domains = domains
        self.body = body
    }

    var description: String { "\(name) \(shapes.map { "\($0)" }.joined(separator: " "))" }

    /// Fresh float64 leaves for this case, seeded by position.
    func inputs() -> [Tensor] {
        shapes.enumerated().map { i, shape in
            leaf(shape, seed: UInt64(100 + i), i < domains.count ? domains[i] : .any)
        }
    }
}

/// Every broadcasting pattern a binary op must handle.
let broadcastPatterns: [([Int], [Int])] = [
    ([3, 4], [3, 4]), ([3, 4], [4]), ([3, 4], [3, 1]), ([3, 4], []), ([], [3, 4]),
    ([3, 1], [1, 4]), ([2, 3, 4], [3, 1]), ([1], [3, 4]), ([2, 1, 4], [3, 1]),
]

let binaryCases: [OpCase] = broadcastPatterns.flatMap { a, b in
    [
        OpCase("add", [a, b]) { $0[0] + $0[1] },
        OpCase("sub", [a, b]) { $0[0] - $0[1] },
        OpCase("mul", [a, b]) { $0[0] * $0[1] },
        OpCase("div", [a, b], [.any, .positive]) { $0[0] / $0[1] },
    ]
}

let scalarCases: [OpCase] = [
    OpCase("tensor + scalar", [[3, 4]]) { $0[0] + 2 },
    OpCase("scalar + tensor", [[3, 4]]) { 2 + $0[0] },
    OpCase("tensor - scalar", [[3, 4]]) { $0[0] - 2 },
    OpCase("scalar - tensor", [[3, 4]]) { 2 - $0[0] },
    OpCase("tensor * scalar", [[3, 4]]) { $0[0] * 3 },
    OpCase("scalar * tensor", [[3, 4]]) { 3 * $0[0] },
    OpCase("tensor / scalar", [[3, 4]]) { $0[0] / 4 },
    OpCase("scalar / tensor", [[3, 4]], [.awayFromZero]) { 4 / $0[0] },
    OpCase("negation", [[3, 4]]) { -$0[0] },
]

let unaryCases: [OpCase] = [
    OpCase("exp", [[3, 4]]) { exp($0[0]) },
    OpCase("log", [[3, 4]], [.positive]) { log($0[0]) },
    OpCase("log1p", [[3, 4]], [.positive]) { log1p($0[0]) },
    OpCase("sqrt", [[3, 4]], [.positive]) { sqrt($0[0]) },
    OpCase("abs", [[3, 4]], [.awayFromZero]) { abs($0[0]) },
    OpCase("squared", [[3, 4]]) { $0[0].squared() },
    OpCase("pow 3", [[3, 4]]) { $0[0].pow(3) },
    OpCase("pow 0.5", [[3, 4]], [.positive]) { $0[0].pow(0.5) },
    OpCase("pow -1.5", [[3, 4]], [.positive]) { $0[0].pow(-1.5) },
    OpCase("sigmoid", [[3, 4]]) { $0[0].sigmoid() },
    OpCase("tanh", [[3, 4]]) { $0[0].tanh() },
    OpCase("relu", [[3, 4]], [.awayFromZero]) { $0[0].relu() },
    OpCase("clamped", [[3, 4]], [.awayFromZero]) { $0[0].clamped(min: -0.8, max: 0.9) },
    OpCase("clamped min only", [[3, 4]], [.awayFromZero]) { $0[0].clamped(min: 0) },
]

let reductionCases: [OpCase] = [
    OpCase("sum", [[3, 4]]) { $0[0].sum() },
    OpCase("sum axis 0", [[3, 4]]) { $0[0].sum(axis: 0) },
    OpCase("sum axis 1 keepDims", [[3, 4]]) { $0[0].sum(axis: 1, keepDims: true) },
    OpCase("sum axis -1 rank 3", [[2, 3, 4]]) { $0[0].sum(axis: -1) },
    OpCase("sum axis 1 rank 3", [[2, 3, 4]]) { $0[0].sum(axis: 1) },
    OpCase("mean", [[3, 4]]) { $0[0].mean() },
    OpCase("mean axis 0 keepDims", [[3, 4]]) { $0[0].mean(axis: 0, keepDims: true) },
    OpCase("mean axis -2 rank 3", [[2, 3, 4]]) { $0[0].mean(axis: -2) },
    OpCase("max axis 1", [[3, 4]]) { $0[0].max(axis: 1) },
    OpCase("max axis 0 keepDims", [[3, 4]]) { $0[0].max(axis: 0, keepDims: true) },
    OpCase("max axis 1 rank 3", [[2, 3, 4]]) { $0[0].max(axis: 1) },
    OpCase("logSumExp axis 1", [[3, 4]]) { $0[0].logSumExp(axis: 1) },
    OpCase("logSumExp axis 0 keepDims", [[3, 4]]) { $0[0].logSumExp(axis: 0, keepDims: true) },
    OpCase("softmax axis -1", [[3, 4]]) { $0[0].softmax(axis: -1) },
    OpCase("softmax axis 0", [[3, 4]]) { $0[0].softmax(axis: 0) },
    OpCase("softmax rank 3 axis 1", [[2, 3, 4]]) { $0[0].softmax(axis: 1) },
    OpCase("logSoftmax axis -1", [[3, 4]]) { $0[0].logSoftmax(axis: -1) },
    OpCase("logSoftmax axis 0", [[3, 4]]) { $0[0].logSoftmax(axis: 0) },
]

let structureCases: [OpCase] = [
    OpCase("matmul 2-D · 2-D", [[3, 4], [4, 2]]) { $0[0].matmul($0[1]) },
    OpCase("matmul 1-D · 2-D", [[4], [4, 3]]) { matmul($0[0], $0[1]) },
    OpCase("matmul 2-D · 1-D", [[3, 4], [4]]) { $0[0].matmul($0[1]) },
    OpCase("matmul 1-D · 1-D", [[5], [5]]) { $0[0].matmul($0[1]) },
    OpCase("matmul of transposes", [[4, 3], [2, 4]]) { $0[0].transposed().matmul($0[1].transposed()) },
    OpCase("transposed", [[3, 4]]) { $0[0].transposed() },
    OpCase("reshaped", [[3, 4]]) { $0[0].reshaped([2, 6]) },
    OpCase("reshaped inferred", [[3, 4]]) { $0[0].reshaped([-1, 3]) },
    OpCase("expanded row", [[4]]) { $0[0].expanded(to: [3, 4]) },
    OpCase("expanded column", [[3, 1]]) { $0[0].expanded(to: [2, 3, 4]) },
    OpCase("summed to shape", [[2, 3, 4]]) { $0[0].summed(toShape: [3, 1]) },
    OpCase("unsqueezed", [[3, 4]]) { $0[0].unsqueezed(axis: 1) },
    OpCase("rows at, with repeats", [[5, 3]]) { $0[0].rows(at: [4, 0, 4, 2]) },
    OpCase("scattered rows", [[4, 2]]) { $0[0].scatteredRows(at: [1, 0, 1, 3], rowCount: 5) },
    OpCase("sliced axis 1", [[3, 5]]) { $0[0].sliced(axis: 1, 1..<4) },
    OpCase("sliced axis 0", [[4, 3]]) { $0[0].sliced(axis: 0, 2..<3) },
    OpCase("concatenated axis 0", [[2, 3], [1, 3], [3, 3]]) { Tensor.concatenated($0, axis: 0) },
    OpCase("concatenated axis -1", [[3, 2], [3, 4]]) { Tensor.concatenated($0, axis: -1) },
]

let layerCases: [OpCase] = [
    OpCase("softplus", [[3, 4]]) { $0[0].softplus() },
    OpCase("linear with bias", [[5, 3], [4, 3], [4]]) { linear($0[0], weight: $0[1], bias: $0[2]) },
    OpCase("linear without bias", [[5, 3], [4, 3]]) { linear($0[0], weight: $0[1]) },
    OpCase("linear of a vector", [[3], [4, 3], [4]]) { linear($0[0], weight: $0[1], bias: $0[2]) },
    OpCase("binary cross-entropy", [[3, 4], [3, 4]], [.positive, .positive]) {
        binaryCrossEntropy($0[0] / 2.5, $0[1] / 2.5)
    },
    OpCase("binary cross-entropy with logits", [[3, 4], [3, 4]], [.any, .positive]) {
        binaryCrossEntropyWithLogits($0[0], $0[1] / 2.5)
    },
    OpCase("binary cross-entropy with logits, positive weight", [[3, 4], [3, 4]], [.any, .positive]) {
        binaryCrossEntropyWithLogits(
            $0[0], $0[1] / 2.5, positiveWeight: Tensor([2, 0.5, 1, 3] as [Double], shape: [4], dtype: .float64))
    },
]

let compositeCases: [OpCase] = [
    OpCase("logistic regression loss", [[5, 3], [3, 1], [1]]) { xs in
        let p = (xs[0].matmul(xs[1]) + xs[2]).sigmoid()
        let y = Tensor([1, 0, 1, 1, 0] as [Double], shape: [5, 1], dtype: .float64)
        return -(y * log(p) + (1 - y) * log(1 - p)).mean()
    },
    OpCase("two-layer tanh net", [[4, 3], [3, 5], [5], [5, 2]]) { xs in
        (xs[0].matmul(xs[1]) + xs[2]).tanh().matmul(xs[3]).logSoftmax(axis: 1).sum()
    },
    OpCase("input used twice", [[3, 4]]) { xs in (xs[0] * xs[0].sigmoid()).sum(axis: 0) },
]

let allOpCases = binaryCases + scalarCases + unaryCases + reductionCases + structureCases + layerCases + compositeCases
