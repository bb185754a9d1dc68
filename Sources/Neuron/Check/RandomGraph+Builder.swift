// The random graph generator: randomness, steps with their values, leaves, and the helpers
// that keep each op's argument inside its domain and away from its kinks (see RandomGraph).

/// Builds a random graph step by step, evaluating each step as it goes so that later choices
/// can depend on the values.
struct GraphBuilder {
    /// The largest element count of any step.
    static let maxCount = 36
    /// How far every relu, abs and clamp input stays from the kink, and max's near-tie gap.
    static let kinkMargin = 0.05

    var rng: RandomGenerator
    let maxInputElements: Int
    private(set) var steps: [GraphStep] = []
    /// Each step's value, computed without history.
    private(set) var values: [Tensor] = []
    private(set) var inputShapes: [[Int]] = []
    private(set) var inputValues: [[Double]] = []
    /// The first step whose value is not finite: a forward bug, since domains are respected.
    private(set) var firstNonFinite: Int?
    private var inputElements = 0

    init(seed: UInt64, maxInputElements: Int) {
        rng = RandomGenerator(seed: seed)
        self.maxInputElements = maxInputElements
    }

    /// Builds an expression of `shape` of the given depth; its step is the graph's result.
    mutating func build(shape: [Int], depth: Int) {
        _ = node(shape, depth: depth)
    }

    /// The steps that the result depends on (inputs always kept), renumbered.
    func prunedSteps() -> [GraphStep] {
        var needed = [Bool](repeating: false, count: steps.count)
        needed[steps.count - 1] = true
        for i in steps.indices.reversed() {
            if case .input = steps[i].op { needed[i] = true }
            if needed[i] { for a in steps[i].args { needed[a] = true } }
        }
        var newIndex = [Int](repeating: -1, count: steps.count)
        var kept: [GraphStep] = []
        for i in steps.indices where needed[i] {
            newIndex[i] = kept.count
            kept.append(GraphStep(op: steps[i].op, args: steps[i].args.map { newIndex[$0] }, shape: steps[i].shape))
        }
        return kept
    }

    // MARK: - Randomness

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.count))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { rng.nextUniform() < p }

    /// A uniform element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A dimension size, 1 … 4, favouring 2 and 3.
    mutating func size() -> Int { pick([1, 2, 2, 3, 3, 4]) }

    /// A shape of rank 0 … 3 with at most 24 elements.
    mutating func randomShape() -> [Int] {
        var shape = (0..<pick([0, 1, 1, 2, 2, 2, 3])).map { _ in size() }
        while shape.reduce(1, *) > 24 { shape[int(0...(shape.count - 1))] = 1 }
        return shape
    }

    /// A nice scalar for the scalar forms of the arithmetic ops.
    mutating func scalar() -> Double { pick([0.5, 2, -1.5, 3, -0.25, 1.25, -4]) }

    /// `axis` of a tensor of rank `rank`, written negative half of the time.
    mutating func spelled(axis: Int, rank: Int) -> Int { chance(0.5) ? axis - rank : axis }

    // MARK: - Steps

    /// Appends an op applied to earlier steps; a result larger than 30 in magnitude is scaled
    /// back to 10 by a further step, which is returned instead.
    mutating func emit(_ op: GraphOp, _ args: [Int]) -> Int {
        let value = op.apply(args.map { values[$0] })
        let i = push(op, args, value)
        let largest = value.asArray(Double.self).reduce(0) { Swift.max($0, Swift.abs($1)) }
        guard largest > 30, largest.isFinite else { return i }
        return chance(0.5) ? emit(.multiplyScalar(10 / largest), [i]) : emit(.divideScalar(largest / 10), [i])
    }

    /// Appends a step whose value is known.
    private mutating func push(_ op: GraphOp, _ args: [Int], _ value: Tensor) -> Int {
        steps.append(GraphStep(op: op, args: args, shape: value.shape))
        values.append(value)
        if firstNonFinite == nil && !value.asArray(Double.self).allSatisfy(\.isFinite) {
            firstNonFinite = steps.count - 1
        }
        return steps.count - 1
    }

    /// The values of step `i`.
    func scalars(_ i: Int) -> [Double] { values[i].asArray(Double.self) }

    /// The largest magnitude in step `i`.
    func largest(_ i: Int) -> Double { scalars(i).reduce(0) { Swift.max($0, Swift.abs($1)) } }

    // MARK: - Leaves and operands

    /// A leaf of `shape`: a new input while the budget lasts, a reused input, or a constant.
    mutating func leaf(_ shape: [Int]) -> Int {
        let n = shape.reduce(1, *)
        let reusable = steps.indices.filter {
            if case .input = steps[$0].op { return steps[$0].shape == shape } else { return false }
        }
        if !reusable.isEmpty && chance(0.3) { return pick(reusable) }
        if inputShapes.isEmpty || (inputElements + n <= maxInputElements && inputShapes.count < 6 && chance(0.7)) {
            let v = (0..<n).map { _ in rng.nextNormal() }
            inputShapes.append(shape)
            inputValues.append(v)
            inputElements += n
            return push(.input(inputShapes.count - 1), [], Tensor(v, shape: shape, dtype: .float64))
        }
        if chance(0.2) {
            let v = (0..<n).map { _ in rng.nextNormal() }
            return push(.constant(v), [], Tensor(v, shape: shape, dtype: .float64))
        }
        // Past the budget: elements of an earlier input, picked by rows(at:) and reshaped.
        let inputs = steps.indices.filter { if case .input = steps[$0].op { true } else { false } }
        let x = pick(inputs)
        let m = steps[x].shape.reduce(1, *)
        let flat = steps[x].shape.count == 1 ? x : emit(.flattened, [x])
        let picked = emit(.rows((0..<n).map { _ in int(0...(m - 1)) }), [flat])
        return shape == [n] ? picked : emit(.reshaped(shape), [picked])
    }

    /// The second operand of an op: usually a shallow new expression, sometimes an earlier
    /// step of the same shape (so that one value feeds several ops).
    mutating func operand(_ shape: [Int], depth: Int) -> Int {
        if chance(0.12) {
            let same = steps.indices.filter { steps[$0].shape == shape }
            if !same.isEmpty { return pick(same) }
        }
        return node(shape, depth: int(0...Swift.min(depth - 1, 3)))
    }

    // MARK: - Domains

    /// Step `i` scaled so that no value exceeds `limit` in magnitude.
    mutating func bounded(_ i: Int, _ limit: Double) -> Int {
        let m = largest(i)
        guard m > limit else { return i }
        return chance(0.5) ? emit(.multiplyScalar(limit / m), [i]) : emit(.scalarMultiply(limit / m), [i])
    }

    /// Step `i`, or a function of it, that is ≥ 0.2 everywhere.
    mutating func positive(_ i: Int) -> Int {
        let v = scalars(i)
        if v.allSatisfy({ $0 >= 0.2 }) && chance(0.6) { return i }
        switch int(0...3) {
        case 0 where v.allSatisfy({ $0 >= -1.5 && $0 <= 3 }): return emit(.exp, [i])
        case 0, 1: return emit(.addScalar(0.5), [emit(.squared, [bounded(i, 3)])])
        case 2: return emit(.addScalar(0.25), [emit(.softplus, [i])])
        default: return emit(.scalarAdd(0.25), [emit(.sigmoid, [i])])
        }
    }

    /// Step `i`, or a function of it, whose magnitude is ≥ 0.2 everywhere (a divisor).
    mutating func nonZero(_ i: Int) -> Int {
        let p = positive(i)
        return chance(0.5) ? p : chance(0.5) ? emit(.negate, [p]) : emit(.scalarMultiply(-1.5), [p])
    }

    /// Step `i` shifted so that every value is at least `kinkMargin` from zero.
    mutating func awayFromZero(_ i: Int) -> Int {
        let t = splitPoint(scalars(i))
        if t == 0 { return i }
        return chance(0.5) ? emit(.subtractScalar(t), [i]) : emit(.addScalar(-t), [i])
    }

    /// A point at least `kinkMargin` from every value: zero when it qualifies (half of the
    /// time), else the middle of a gap between two values, else just outside their range.
    mutating func splitPoint(_ v: [Double]) -> Double {
        let margin = Self.kinkMargin
        if v.allSatisfy({ Swift.abs($0) >= margin }) && chance(0.5) { return 0 }
        let sorted = v.sorted()
        let gaps = zip(sorted, sorted.dropFirst()).filter { $1 - $0 >= 2 * margin }.map { ($0 + $1) / 2 }
        if gaps.isEmpty || chance(0.15) { return chance(0.5) ? sorted[0] - 0.5 : sorted[sorted.count - 1] + 0.5 }
        return pick(gaps)
    }

    /// Whether, along `axis`, some slice's two largest values differ by less than
    /// `kinkMargin` without being equal (so a finite difference could change the argmax).
    func hasNearTie(_ i: Int, axis: Int) -> Bool {
        let shape = steps[i].shape
        let v = scalars(i)
        let n = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        let outer = shape[..<axis].reduce(1, *)
        for o in 0..<outer {
            for j in 0..<inner {
                let slice = (0..<n).map { v[(o * n + $0) * inner + j] }.sorted(by: >)
                if n > 1 && slice[0] != slice[1] && slice[0] - slice[1] < Self.kinkMargin { return true }
            }
        }
        return false
    }
}
