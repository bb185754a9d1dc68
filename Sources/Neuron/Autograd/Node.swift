import Synchronization

/// Which of an op's inputs need a gradient, so a backward rule can skip the others: a bit
/// each for the first 64, an array (allocated only for wider ops such as a long concatenation)
/// for the rest.
struct InputMask: Sendable {
    let bits: UInt64
    let beyond64: [Bool]?

    init(_ inputs: OpInputs) {
        var b: UInt64 = 0
        for i in 0..<Swift.min(inputs.count, 64) where inputs[i].requiresGrad { b |= 1 << UInt64(i) }
        bits = b
        beyond64 = inputs.count > 64 ? inputs.dropFirst(64).map(\.requiresGrad) : nil
    }

    /// Whether input `i` needs a gradient.
    subscript(_ i: Int) -> Bool { i < 64 ? bits & (1 << UInt64(i)) != 0 : beyond64![i - 64] }
}

/// An op's inputs as its node holds them: one or two inline, so the common ops allocate no
/// array; more (a concatenation, a custom function) in an array.
struct OpInputs: RandomAccessCollection {
    private var a: Tensor?
    private var b: Tensor?
    private var more: [Tensor]?
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

/// The gradients a backward rule returns, one per input (nil for an input that gets none),
/// held like `OpInputs`: the common one- and two-input ops allocate no array.
struct InputGradients {
    private let a: Tensor?
    private let b: Tensor?
    private let more: [Tensor?]?
    let count: Int

    init(_ x: Tensor?) {
        (a, b, more, count) = (x, nil, nil, 1)
    }

    init(_ x: Tensor?, _ y: Tensor?) {
        (a, b, more, count) = (x, y, nil, 2)
    }

    init(_ all: [Tensor?]) {
        (a, b, more, count) = (nil, nil, all, all.count)
    }

    subscript(_ i: Int) -> Tensor? {
        if let more { return more[i] }
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

    /// Runs the rule on `inputs`.
    @inline(__always)
    func callAsFunction(_ gradient: Tensor, _ output: Tensor, _ inputs: OpInputs) -> InputGradients {
        switch self {
        case .unary(let rule):
            return InputGradients(rule(gradient, output, inputs[0]))
        case .binary(let rule):
            let (ga, gb) = rule(gradient, output, inputs[0], inputs[1], InputMask(inputs))
            return InputGradients(ga, gb)
        case .general(let rule):
            return InputGradients(rule(gradient, output, InputMask(inputs)))
        }
    }
}

/// The values a backward rule reads besides the gradient: its inputs, its output, or both.
/// The node records their versions so that an in-place change before `backward()` is caught.
struct SavedValues: OptionSet {
    let rawValue: UInt8
    /// The rule reads the op's inputs.
    static let inputs = SavedValues(rawValue: 1)
    /// The rule reads the op's output.
    static let output = SavedValues(rawValue: 2)
}

/// One recorded step of the graph: the op's inputs and its backward rule, stored inside its
/// output tensor (no allocation of its own). A leaf holds an empty node (`isRecorded` false):
/// an optional would be copied whole, with a retain per field, on every test for nil.
///
/// A node is owned by its output tensor and owns its inputs, never its output, so a graph has
/// no reference cycles. The rule is released after `backward()` unless the graph is retained.
/// `Tensor`'s deinitialiser frees the graph behind a node iteratively.
///
/// The checks that read a node are methods of its tensor (below): a method of a struct held
/// by a class would copy the whole node, a retain per field, on every call.
struct Node {
    /// Whether an op recorded this node; false for a leaf's.
    fileprivate(set) var isRecorded = false
    fileprivate(set) var name: StaticString = "leaf"
    fileprivate(set) var inputs = OpInputs()
    fileprivate(set) var rule: BackwardRule?
    /// What the rule reads, and the storage versions when the op ran: of the output and the
    /// first two inputs inline (no allocation for the common ops); of further inputs, and where
    /// the op was created, in `extras` (rare).
    fileprivate var saved: SavedValues = []
    fileprivate var firstVersions = (0, 0)
    fileprivate var outputVersion = 0
    fileprivate var extras: NodeExtras?

    private static let live = Atomic<Int>(0)

    /// The number of nodes alive in the process.
    static var liveCount: Int { live.load(ordering: .relaxed) }

    /// Counts a node that left the process (its tensor was freed).
    static func didFree() { live.subtract(1, ordering: .relaxed) }

    /// Where the op was created, recorded inside `withAnomalyDetection` only.
    var origin: String? { extras?.origin }

    /// Fills in this (empty) node field by field: assigning a whole new node would copy it.
    mutating func record(
        _ name: StaticString, inputs: OpInputs, saved: SavedValues, output: Tensor, origin: String?,
        rule: BackwardRule
    ) {
        isRecorded = true
        self.name = name
        self.inputs = inputs
        self.rule = rule
        self.saved = saved
        firstVersions = (
            inputs.count > 0 ? inputs[0].storage.version : 0, inputs.count > 1 ? inputs[1].storage.version : 0
        )
        outputVersion = output.storage.version
        let later = saved.contains(.inputs) && inputs.count > 2 ? inputs[2...].map { $0.storage.version } : nil
        if later != nil || origin != nil { extras = NodeExtras(laterVersions: later, origin: origin) }
        Node.live.add(1, ordering: .relaxed)
    }

    /// Whether `backward()` already ran through this node and freed it.
    var isReleased: Bool { rule == nil }

    /// Frees the saved values and the links to the inputs (after a backward pass).
    mutating func release() {
        rule = nil
        inputs = OpInputs()
    }

    /// Frees the graph behind this node (its tensor is being freed) iteratively: releasing it
    /// recursively, tensor by tensor, would overflow the stack on a chain of a million ops.
    mutating func dismantle() {
        rule = nil
        var pending: [Tensor] = []
        inputs.drainUniquelyHeldNodes(into: &pending)
        while let tensor = pending.popLast() {
            // `tensor` is the last reference: its node's inputs are taken here, so freeing it at
            // the end of this iteration recurses no further.
            tensor.node.rule = nil
            tensor.node.inputs.drainUniquelyHeldNodes(into: &pending)
        }
    }
}

/// What only some nodes carry: the versions of inputs beyond the second (when the rule reads
/// them) and where the op was created (inside `withAnomalyDetection`).
final class NodeExtras {
    let laterVersions: [Int]?
    let origin: String?

    init(laterVersions: [Int]?, origin: String?) {
        self.laterVersions = laterVersions
        self.origin = origin
    }
}

extension Tensor {
    /// The first input of this tensor's op, when neither it nor this tensor changed in place
    /// since the op ran (and the graph was not freed): the values the op saw.
    func unchangedFirstInput() -> Tensor? {
        guard node.inputs.count > 0 else { return nil }
        let first = node.inputs[0]
        guard first.storage.version == node.firstVersions.0, storage.version == node.outputVersion else { return nil }
        return first
    }

    /// Stops with PyTorch's diagnosis when a tensor the rule of this tensor's op reads was
    /// changed in place after the op ran: its gradient would silently use the new values.
    func requireSavedValuesUnchanged() {
        let saved = node.saved
        guard !saved.isEmpty else { return }
        if saved.contains(.inputs) {
            let inputs = node.inputs
            for i in 0..<inputs.count {
                let recorded =
                    i == 0 ? node.firstVersions.0 : i == 1 ? node.firstVersions.1 : node.extras!.laterVersions![i - 2]
                requireVersion(inputs[i], recorded, inputs.count == 1 ? "the input" : "input \(i)")
            }
        }
        if saved.contains(.output) { requireVersion(self, node.outputVersion, "the output") }
    }

    private func requireVersion(_ tensor: Tensor, _ recorded: Int, _ role: @autoclosure () -> String) {
        let now = tensor.storage.version
        guard _slowPath(now != recorded) else { return }
        let name = node.name
        fatalError(
            "backward: one of the variables needed for gradient computation has been modified by an inplace "
                + "operation: \(role()) of \(name), of shape \(tensor.shape) (\(tensor.dtype)), is at version \(now); "
                + "\(name) saved it at version \(recorded). Change values in place (fill, assign, add(_:scaledBy:), "
                + "an optimizer step) only after backward(), or compute from a copied() tensor.")
    }
}
