// The op families of the random graph generator. Each builds an expression of a requested
// shape: it decides the shapes of its arguments first (returning nil, before building
// anything, when it cannot produce the shape), then builds the arguments and applies the op.

extension GraphBuilder {
    /// An expression of `shape` whose longest chain has `depth` ops (a leaf at depth 0).
    mutating func node(_ shape: [Int], depth: Int) -> Int {
        if depth <= 0 { return leaf(shape) }
        let rank = shape.count
        for _ in 0..<8 {
            let built: Int? =
                switch int(0...99) {
                case 0..<26: unary(shape, depth)
                case 26..<50: binary(shape, depth)
                case 50..<62: reduction(shape, depth)
                case 62..<66 where rank >= 1: softmax(shape, depth)
                case 66..<73 where rank <= 2: matmul(shape, depth)
                case 73..<76 where rank == 1 || rank == 2: linear(shape, depth)
                case 76..<93: shapeOp(shape, depth)
                case 93..<100: loss(shape, depth)
                default: nil
                }
            if let built { return built }
        }
        return unary(shape, depth)
    }

    // MARK: - Elementwise

    /// An elementwise function, scalar form or negation of an expression of the same shape.
    mutating func unary(_ shape: [Int], _ depth: Int) -> Int {
        let x = node(shape, depth: depth - 1)
        switch int(0...20) {
        case 0: return emit(.exp, [bounded(x, 3)])
        case 1: return emit(.log, [positive(x)])
        case 2: return emit(.log1p, [chance(0.5) ? positive(x) : emit(.subtractScalar(0.6), [positive(x)])])
        case 3: return emit(.sqrt, [positive(x)])
        case 4: return emit(.abs, [awayFromZero(x)])
        case 5: return emit(.relu, [awayFromZero(x)])
        case 6: return emit(.squared, [bounded(x, 3)])
        case 7:
            let e = pick([2, 3, 0, 1, 0.5, 1.5, -1, -0.5, -1.5, 2.5])
            return emit(.pow(e), [e >= 0 && e == e.rounded() ? bounded(x, 3) : positive(x)])
        case 8:
            let v = scalars(x)
            let (a, b) = (splitPoint(v), splitPoint(v))
            let (lo, hi) = (Swift.min(a, b), Swift.max(a, b))
            return emit(
                pick([.clamped(min: lo, max: hi), .clamped(min: lo, max: nil), .clamped(min: nil, max: hi)]), [x])
        case 9: return emit(.sigmoid, [x])
        case 10: return emit(.tanh, [x])
        case 11: return emit(.softplus, [x])
        case 12: return emit(.negate, [x])
        case 13: return emit(.addScalar(scalar()), [x])
        case 14: return emit(.scalarAdd(scalar()), [x])
        case 15: return emit(.subtractScalar(scalar()), [x])
        case 16: return emit(.scalarSubtract(scalar()), [x])
        case 17: return emit(.multiplyScalar(scalar()), [x])
        case 18: return emit(.scalarMultiply(scalar()), [x])
        case 19: return emit(.divideScalar(scalar()), [x])
        default: return emit(.scalarDivide(scalar()), [nonZero(x)])
        }
    }

    /// + − × ÷ of two expressions whose shapes broadcast to `shape`.
    mutating func binary(_ shape: [Int], _ depth: Int) -> Int? {
        let (ls, rs) = broadcastPair(shape)
        let op: GraphOp = pick([.add, .subtract, .multiply, .divide])
        let mainOnLeft = chance(0.5)
        var l = mainOnLeft ? node(ls, depth: depth - 1) : operand(ls, depth: depth)
        var r = mainOnLeft ? operand(rs, depth: depth) : node(rs, depth: depth - 1)
        if case .multiply = op { (l, r) = (bounded(l, 5), bounded(r, 5)) }
        if case .divide = op { r = nonZero(r) }
        return emit(op, [l, r])
    }

    // MARK: - Reductions and softmax

    /// A whole reduction (for a scalar) or a reduction along an axis of a larger expression.
    mutating func reduction(_ shape: [Int], _ depth: Int) -> Int? {
        if shape.isEmpty && chance(0.4) {
            let x = node(randomShape(), depth: depth - 1)
            return emit(chance(0.5) ? .sum : .mean, [x])
        }
        let keep = chance(0.4) && shape.contains(1)
        let axis = keep ? pick(shape.indices.filter { shape[$0] == 1 }) : int(0...shape.count)
        var inner = shape
        if keep { inner[axis] = int(2...4) } else { inner.insert(size(), at: axis) }
        guard inner.count <= 4, inner.reduce(1, *) <= Self.maxCount else { return nil }
        let x = node(inner, depth: depth - 1)
        let a = spelled(axis: axis, rank: inner.count)
        switch int(0...3) {
        case 0: return emit(.sumAxis(a, keepDims: keep), [x])
        case 1: return emit(.meanAxis(a, keepDims: keep), [x])
        case 2 where !hasNearTie(x, axis: axis): return emit(.maxAxis(a, keepDims: keep), [x])
        default: return emit(.logSumExp(a, keepDims: keep), [x])
        }
    }

    /// softmax or logSoftmax along an axis (sometimes the default, the last).
    mutating func softmax(_ shape: [Int], _ depth: Int) -> Int? {
        let x = node(shape, depth: depth - 1)
        let axis = int(0...(shape.count - 1))
        let a: Int? = axis == shape.count - 1 && chance(0.3) ? nil : spelled(axis: axis, rank: shape.count)
        return emit(chance(0.5) ? .softmax(axis: a) : .logSoftmax(axis: a), [x])
    }

    // MARK: - Linear algebra

    /// A matrix or vector product (method or free function) giving `shape`, of rank ≤ 2.
    mutating func matmul(_ shape: [Int], _ depth: Int) -> Int? {
        let k = size()
        let (ls, rs): ([Int], [Int]) =
            switch shape.count {
            case 0: ([k], [k])
            case 1: chance(0.5) ? ([k], [k, shape[0]]) : ([shape[0], k], [k])
            default: ([shape[0], k], [k, shape[1]])
            }
        let mainOnLeft = chance(0.5)
        let l = bounded(mainOnLeft ? node(ls, depth: depth - 1) : operand(ls, depth: depth), 3)
        let r = bounded(mainOnLeft ? operand(rs, depth: depth) : node(rs, depth: depth - 1), 3)
        return emit(chance(0.5) ? .matmul : .matmulFunction, [l, r])
    }

    /// `linear(x, weight:, bias:)` giving [N, out] or [out].
    mutating func linear(_ shape: [Int], _ depth: Int) -> Int? {
        let inputs = size()
        let out = shape[shape.count - 1]
        let x = bounded(node(shape.count == 2 ? [shape[0], inputs] : [inputs], depth: depth - 1), 3)
        let w = bounded(operand([out, inputs], depth: depth), 3)
        return emit(.linear, chance(0.7) ? [x, w, operand([out], depth: depth)] : [x, w])
    }

    // MARK: - Losses

    /// A loss giving `shape`: binary cross-entropy (on probabilities or logits) and MSE
    /// elementwise or reduced, cross-entropy per sample or reduced.
    mutating func loss(_ shape: [Int], _ depth: Int) -> Int? {
        switch int(0...3) {
        case 0:
            let p = emit(
                .addScalar(0.05), [emit(.multiplyScalar(0.9), [emit(.sigmoid, [node(shape, depth: depth - 1)])])])
            return emit(.binaryCrossEntropy, [p, target(shape, depth)])
        case 1:
            let x = node(shape, depth: depth - 1)
            let weightShape = chance(0.5) ? shape : broadcastPair(shape).1
            let weight = chance(0.4) ? (0..<weightShape.reduce(1, *)).map { _ in 0.5 + 2.5 * rng.nextUniform() } : nil
            return emit(
                .binaryCrossEntropyWithLogits(weight: weight, weightShape: weightShape), [x, target(shape, depth)])
        case 2:
            let inner = shape.isEmpty ? randomShape() : shape
            let reduction: Reduction = shape.isEmpty ? pick([.mean, .sum]) : .none
            let a = node(inner, depth: depth - 1)
            return emit(.meanSquaredError(reduction), [a, operand(inner, depth: depth)])
        default:
            guard shape.count <= 1 else { return nil }
            let (n, c) = (shape.first ?? size(), int(2...4))
            let logits = node([n, c], depth: depth - 1)
            let weights = chance(0.4) ? (0..<c).map { _ in 0.5 + 1.5 * rng.nextUniform() } : nil
            let smoothing = pick([0, 0, 0.1, 0.3])
            let reduction: Reduction = shape.isEmpty ? pick([.mean, .sum]) : .none
            if chance(0.5) {
                let labels = (0..<n).map { _ in int(0...(c - 1)) }
                return emit(
                    .crossEntropyLabels(labels, weights: weights, smoothing: smoothing, reduction: reduction), [logits])
            }
            let q = emit(.softmax(axis: 1), [operand([n, c], depth: depth)])
            return emit(
                .crossEntropyProbabilities(weights: weights, smoothing: smoothing, reduction: reduction), [logits, q])
        }
    }

    /// Targets in (0, 1) for binary cross-entropy: σ of an expression.
    private mutating func target(_ shape: [Int], _ depth: Int) -> Int {
        emit(.sigmoid, [operand(shape, depth: depth)])
    }
}
