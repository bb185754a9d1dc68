/// An op's inputs as its node holds them: one or two inline, so the common ops allocate no
/// array; more (a concatenation, a custom function) in an array.
///
/// The backward pass reads them through the methods below, which use the stored references in
/// place: going through the subscript would retain and release each input on every access.
struct OpInputs: RandomAccessCollection {
    fileprivate var a: Tensor?
    fileprivate var b: Tensor?
    fileprivate var more: [Tensor]?
    private(set) var count: Int

    /// No inputs (a node after the backward pass freed it).
    init() { count = 0 }

    /// The one input of a unary op.
    init(_ x: Tensor) {
        a = x
        count = 1
    }

    /// The two inputs of a binary op.
    init(_ x: Tensor, _ y: Tensor) {
        (a, b) = (x, y)
        count = 2
    }

    /// Any number of inputs.
    init(_ inputs: [Tensor]) {
        switch inputs.count {
        case 0: self.init()
        case 1: self.init(inputs[0])
        case 2: self.init(inputs[0], inputs[1])
        default: self.init(more: inputs)
        }
    }

    private init(more inputs: [Tensor]) {
        more = inputs
        count = inputs.count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(_ i: Int) -> Tensor {
        if let more { return more[i] }
        return i == 0 ? a! : b!
    }

    /// Input `i`, not retained: for the traversal, while the graph holds it.
    @inline(__always)
    func unretained(_ i: Int) -> Unmanaged<Tensor> {
        if let more { return Unmanaged.passUnretained(more[i]) }
        return Unmanaged.passUnretained(i == 0 ? a.unsafelyUnwrapped : b.unsafelyUnwrapped)
    }

    /// Which inputs need a gradient.
    var needs: InputMask {
        if let more { return InputMask(more.map(\.requiresGrad)) }
        return InputMask(first: a?.requiresGrad ?? false, second: b?.requiresGrad ?? false)
    }

    /// The storage version of input `i` now.
    @inline(__always)
    func version(_ i: Int) -> Int {
        if let more { return more[i].storage.version }
        return (i == 0 ? a.unsafelyUnwrapped : b.unsafelyUnwrapped).storage.version
    }

    /// Runs `rule` on these inputs: ∂L/∂input for each, from ∂L/∂output.
    @inline(__always)
    func backward(_ rule: BackwardRule, _ gradient: Tensor, _ output: Tensor) -> InputGradients {
        switch rule {
        case .unary(let rule):
            return InputGradients(rule(gradient, output, a.unsafelyUnwrapped))
        case .binary(let rule):
            let (ga, gb) = rule(gradient, output, a.unsafelyUnwrapped, b.unsafelyUnwrapped, needs)
            return InputGradients(ga, gb)
        case .general(let rule):
            return InputGradients(rule(gradient, output, needs))
        }
    }

    /// Adds each gradient to its input's pending gradient (for inputs that require grad),
    /// stopping with a message naming `op` when a gradient's shape is not its input's.
    @inline(__always)
    func accumulate(_ gradients: consuming InputGradients, op: StaticString) {
        if let more {
            for (input, g) in zip(more, gradients.all) { if let g { Self.accumulate(g, into: input, op) } }
            return
        }
        if let g = gradients.a.take() { Self.accumulate(g, into: a.unsafelyUnwrapped, op) }
        if let g = gradients.b.take() { Self.accumulate(g, into: b.unsafelyUnwrapped, op) }
    }

    private static func accumulate(_ g: consuming Tensor, into input: Tensor, _ op: StaticString) {
        guard input.requiresGrad else { return }
        require(
            g.shape == input.shape,
            "backward: \(op) produced a gradient of shape \(g.shape) for an input of shape \(input.shape)")
        if let previous = input.pendingGradient.take() {
            input.pendingGradient = previous + g
        } else {
            input.pendingGradient = g
        }
    }

    /// Empties the list, appending to `pending` the inputs that nothing else holds and that
    /// have a node of their own: the graph behind them is freed from a loop, not recursively.
    mutating func drainUniquelyHeldNodes(into pending: inout [Tensor]) {
        func take(_ tensor: inout Tensor?) {
            guard var t = tensor else { return }
            tensor = nil
            if t.node.isRecorded && isKnownUniquelyReferenced(&t) { pending.append(t) }
        }
        take(&a)
        take(&b)
        if var list = more {
            more = nil
            while var t = list.popLast() {
                if t.node.isRecorded && isKnownUniquelyReferenced(&t) { pending.append(t) }
            }
        }
        count = 0
    }
}

/// Which of an op's inputs need a gradient, so a backward rule can skip the others.
struct InputMask: Sendable {
    private let first: Bool
    private let second: Bool
    private let all: [Bool]?

    init(first: Bool, second: Bool) {
        (self.first, self.second, all) = (first, second, nil)
    }

    init(_ all: [Bool]) {
        (first, second, self.all) = (false, false, all)
    }

    /// Whether input `i` needs a gradient.
    subscript(_ i: Int) -> Bool {
        if let all { return all[i] }
        return i == 0 ? first : second
    }
}

/// The gradients a backward rule returns, one per input (nil for an input that gets none),
/// held like `OpInputs`: the common one- and two-input ops allocate no array.
struct InputGradients {
    fileprivate var a: Tensor?
    fileprivate var b: Tensor?
    fileprivate var all: [Tensor?]
    let count: Int

    init(_ x: Tensor?) {
        (a, b, all, count) = (x, nil, [], 1)
    }

    init(_ x: Tensor?, _ y: Tensor?) {
        (a, b, all, count) = (x, y, [], 2)
    }

    /// Held as the inputs are: inline up to two, else in the array.
    init(_ all: [Tensor?]) {
        if all.count <= 2 {
            (a, b, self.all) = (all.first ?? nil, all.count == 2 ? all[1] : nil, [])
        } else {
            (a, b, self.all) = (nil, nil, all)
        }
        count = all.count
    }

    subscript(_ i: Int) -> Tensor? {
        if !all.isEmpty { return all[i] }
        return i == 0 ? a : b
    }
}

/// A backward rule: given the gradient of the output (and the output itself, which carries its
/// own history when gradients of gradients are being recorded), the gradients of the inputs.
///
/// The inputs are handed to the rule rather than captured by it, so a rule that reads nothing
/// else is a closure without context: recording it allocates nothing.
enum BackwardRule {
    /// One input x: returns ∂L/∂x.
    case unary((_ gradient: Tensor, _ output: Tensor, _ x: Tensor) -> Tensor)
    /// Two inputs a and b: returns ∂L/∂a and ∂L/∂b, nil for one that `needs` excludes.
    case binary(
        (_ gradient: Tensor, _ output: Tensor, _ a: Tensor, _ b: Tensor, _ needs: InputMask) -> (Tensor?, Tensor?))
    /// Any number of inputs (captured by the rule): one gradient per input, nil where none.
    case general((_ gradient: Tensor, _ output: Tensor, _ needs: InputMask) -> [Tensor?])
}
