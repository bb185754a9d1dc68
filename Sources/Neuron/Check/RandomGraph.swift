/// A random expression graph over Neuron's public op set, fixed by one 64-bit seed: the unit
/// of the gradient fuzzer (`neuron-fuzz --graphs N`, and the fixed-seed sweep in the tests).
///
/// The graph is a list of steps in evaluation order (a DAG: a step may be read by several
/// later ones). It draws a result shape (rank 0–3, sizes 1–4), then builds an expression of
/// that shape top down to a random depth of up to `maxDepth` ops, choosing each op among
/// those that can produce the shape: + − × ÷ with every broadcasting pattern, the scalar
/// forms, negation, the elementwise functions, softmax and the reductions (whole and along
/// an axis, with and without `keepDims`), both matmul forms, `linear`, the shape ops
/// (reshape, transpose, expand, sum to a shape, unsqueeze, flatten, rows, scattered rows,
/// slice, concatenate) and the losses. Leaves are float64 inputs (standard normal, which
/// gradcheck perturbs) while an element budget lasts, then elements of earlier inputs picked
/// by `rows(at:)` and reshaped; some are constants, and some operands reuse earlier steps.
///
/// **Avoiding false alarms.** The generator evaluates the graph as it builds it and uses the
/// values to keep every op in its domain and away from its kinks:
/// - log, log1p, sqrt, fractional and negative powers and every divisor get an argument that
///   is ≥ 0.2 everywhere (the value itself if it already is, otherwise eˣ, x² + ½,
///   softplus(x) + ¼ or σ(x) + ¼ of it, negated at random for divisors);
/// - relu and abs get x − t with t chosen in a gap of the values, ≥ 0.05 from every one (so
///   both sides of the kink are exercised but none is near it); clamp's bounds are chosen the
///   same way; max along an axis whose two largest values are closer than 0.05 (but not
///   equal) becomes logSumExp;
/// - exp and x² get arguments scaled to |x| ≤ 3, matmul and products keep magnitudes small,
///   and any step whose values exceed 30 in magnitude is scaled back to 10;
/// - binary cross-entropy gets p = 0.05 + 0.9·σ(x), so its clamps are never active.
///
/// As the last line of defence ``check(atol:rtol:)`` records, in every evaluation of the
/// graph, which side of each kink every relu, abs, clamp and max input lies on; a finite
/// difference that moves any of them is not a gradient, so that check is reported as
/// skipped, not failed. A failure must also persist at every finite-difference step tried
/// (10⁻⁶, 10⁻⁵, 10⁻⁷, 10⁻⁴), so rounding error in a deep graph is not reported as a bug.
///
/// The same seed gives the same graph with the same build; generation uses values, so a
/// different build (another CPU's kernels) may, rarely, draw a different graph.
///
/// ```swift
/// let graph = RandomGraph(seed: 42)
/// print(graph)                 // the program, one step a line
/// let y = graph(graph.inputs())
/// ```
public struct RandomGraph: Sendable, CustomStringConvertible {
    /// The seed that fixes the whole graph.
    public let seed: UInt64
    /// The number of ops on the graph's longest chain that the generator aimed for.
    public let depth: Int
    /// The shape of each input, in the order `inputs()` returns them.
    public let inputShapes: [[Int]]
    /// The values of each input.
    let inputValues: [[Double]]
    /// The steps in evaluation order; the last is the result.
    let steps: [GraphStep]
    /// Set when generation met a value that is not finite, although every op was kept in its
    /// domain: names the op.
    let nonFiniteValue: String?

    /// Draws the graph fixed by `seed`.
    ///
    /// - Parameters:
    ///   - seed: Any 64-bit value.
    ///   - maxDepth: The largest depth drawn (the depth is uniform in 1 … maxDepth).
    ///   - maxInputElements: A budget for the inputs' total element count; leaves past it are
    ///     constants or reuses (the cost of a gradcheck grows with this count).
    /// - Precondition: maxDepth ≥ 1 and maxInputElements ≥ 24.
    public init(seed: UInt64, maxDepth: Int = 20, maxInputElements: Int = 40) {
        require(maxDepth >= 1, "RandomGraph: maxDepth must be at least 1, got \(maxDepth)")
        require(maxInputElements >= 24, "RandomGraph: maxInputElements must be at least 24, got \(maxInputElements)")
        var builder = GraphBuilder(seed: seed, maxInputElements: maxInputElements)
        let depth = builder.int(1...maxDepth)
        builder.build(shape: builder.randomShape(), depth: depth)
        self.seed = seed
        self.depth = depth
        self.steps = builder.prunedSteps()
        self.inputShapes = builder.inputShapes
        self.inputValues = builder.inputValues
        self.nonFiniteValue = builder.firstNonFinite.map { i in
            let step = builder.steps[i]
            return "\(step.op.kind.rawValue) gave a value that is not finite, shape \(step.shape)"
        }
    }

    /// Fresh float64 leaves holding the graph's input values, each requiring grad.
    public func inputs() -> [Tensor] {
        zip(inputValues, inputShapes).map { Tensor($0, shape: $1, dtype: .float64, requiresGrad: true) }
    }

    /// Evaluates the graph on `inputs`, recording history as any Tensor computation does.
    ///
    /// - Parameter inputs: Tensors of `inputShapes`, typically `inputs()`.
    /// - Returns: The result of the last step.
    /// - Precondition: One tensor per input, of the input's shape.
    public func callAsFunction(_ inputs: [Tensor]) -> Tensor {
        evaluate(inputs, kinks: nil)
    }

    /// The graph evaluated on `inputs`, reporting which side of its kinks each value lies on.
    func evaluate(_ inputs: [Tensor], kinks: KinkWatch?) -> Tensor {
        require(
            inputs.map(\.shape) == inputShapes,
            "RandomGraph: expected inputs of shapes \(inputShapes), got \(inputs.map(\.shape))")
        var values: [Tensor] = []
        values.reserveCapacity(steps.count)
        var sides: [Int] = []
        for step in steps {
            switch step.op {
            case .input(let k): values.append(inputs[k])
            case .constant(let v): values.append(Tensor(v, shape: step.shape, dtype: .float64))
            default:
                let args = step.args.map { values[$0] }
                if kinks != nil, let s = step.op.kinkSides(args[0]) { sides += s }
                values.append(step.op.apply(args))
            }
        }
        kinks?.observe(sides)
        return values[values.count - 1]
    }

    /// The shape of the result.
    public var outputShape: [Int] { steps[steps.count - 1].shape }

    /// The kinds of op the graph uses, inputs and constants included.
    public var opKinds: Set<OpKind> { Set(steps.map(\.op.kind)) }

    /// The number of steps, inputs and constants included.
    public var stepCount: Int { steps.count }

    /// The graph as a program: a header line, then one `name = expression  // shape` line per
    /// step. Inputs are named `x0`, `x1`, … in the order of `inputs()`, constants `cN`, other
    /// steps `vN`; the last step is the result.
    public var description: String {
        let names = steps.indices.map { name(of: $0) }
        var lines = [
            "graph seed \(seed): depth \(depth), \(steps.count) steps, inputs \(inputShapes), output \(outputShape)"
        ]
        for (i, step) in steps.enumerated() {
            lines.append("\(names[i]) = \(step.op.text(step.args.map { names[$0] }))  // \(step.shape)")
        }
        return lines.joined(separator: "\n")
    }

    /// The display name of step `i`.
    private func name(of i: Int) -> String {
        switch steps[i].op {
        case .input(let k): "x\(k)"
        case .constant: "c\(i)"
        default: "v\(i)"
        }
    }
}

/// Collects which side of every kink a graph's evaluations saw, and whether any evaluation saw
/// a different side from the first.
final class KinkWatch {
    private var reference: [Int]?
    /// True once an evaluation put some kink input on a different side than the first one did.
    private(set) var crossed = false

    /// Records one evaluation's sides.
    func observe(_ sides: [Int]) {
        guard let reference else {
            self.reference = sides
            return
        }
        if sides != reference { crossed = true }
    }
}
