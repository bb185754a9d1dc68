extension RandomGraph {
    /// The op forms a random graph is built from; the raw value is the op's Swift name where
    /// the description prints one.
    public enum OpKind: String, CaseIterable, Hashable, Sendable {
        /// An input leaf (a tensor that gradcheck perturbs).
        case input
        /// A constant leaf, without grad.
        case constant
        /// `a + b`, broadcasting.
        case add
        /// `a - b`, broadcasting.
        case subtract
        /// `a * b`, broadcasting.
        case multiply
        /// `a / b`, broadcasting.
        case divide
        /// `x + s`.
        case addScalar
        /// `s + x`.
        case scalarAdd
        /// `x - s`.
        case subtractScalar
        /// `s - x`.
        case scalarSubtract
        /// `x * s`.
        case multiplyScalar
        /// `s * x`.
        case scalarMultiply
        /// `x / s`.
        case divideScalar
        /// `s / x`.
        case scalarDivide
        /// `-x`.
        case negate
        /// `exp(x)`.
        case exp
        /// `log(x)`.
        case log
        /// `log1p(x)`.
        case log1p
        /// `sqrt(x)`.
        case sqrt
        /// `abs(x)`.
        case abs
        /// `x.squared()`.
        case squared
        /// `x.sigmoid()`.
        case sigmoid
        /// `x.tanh()`.
        case tanh
        /// `x.relu()`.
        case relu
        /// `x.softplus()`.
        case softplus
        /// `x.pow(p)`.
        case pow
        /// `x.clamped(min:max:)`, with one or both bounds.
        case clamped
        /// `x.softmax(axis:)`.
        case softmax
        /// `x.logSoftmax(axis:)`.
        case logSoftmax
        /// `x.sum()`.
        case sum
        /// `x.mean()`.
        case mean
        /// `x.sum(axis:keepDims:)`.
        case sumAxis
        /// `x.mean(axis:keepDims:)`.
        case meanAxis
        /// `x.max(axis:keepDims:)`.
        case maxAxis
        /// `x.logSumExp(axis:keepDims:)`.
        case logSumExp
        /// `a.matmul(b)`, matrix and vector forms.
        case matmul
        /// `matmul(a, b)`, matrix and vector forms.
        case matmulFunction
        /// `linear(x, weight:bias:)`, with and without bias.
        case linear
        /// `x.reshaped(_:)`, sometimes with an inferred size.
        case reshaped
        /// `x.transposed()`.
        case transposed
        /// `x.expanded(to:)`.
        case expanded
        /// `x.summed(toShape:)`.
        case summed
        /// `x.unsqueezed(axis:)`.
        case unsqueezed
        /// `x.flattened()`.
        case flattened
        /// `x.rows(at:)`, with repeats.
        case rows
        /// `x.scatteredRows(at:rowCount:)`.
        case scatteredRows
        /// `x.sliced(axis:_:)`.
        case sliced
        /// `Tensor.concatenated(_:axis:)` of one to four parts.
        case concatenated
        /// `binaryCrossEntropy(p, y)`.
        case binaryCrossEntropy
        /// `binaryCrossEntropyWithLogits(x, y, positiveWeight:)`.
        case binaryCrossEntropyWithLogits
        /// `CrossEntropyLoss(...)(logits, labels:)`.
        case crossEntropyLabels
        /// `CrossEntropyLoss(...)(logits, probabilities)`.
        case crossEntropyProbabilities
        /// `MSELoss(...)(a, b)`.
        case meanSquaredError
    }
}
