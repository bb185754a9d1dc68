import Synchronization

/// Which of an op's inputs need a gradient, so a backward rule can skip the others: a bit
/// each for the first 64, an array (allocated only for wider ops such as a long concatenation)
/// for the rest.
struct InputMask: Sendable {
    let bits: UInt64
    let beyond64: [Bool]?

    init(_ inputs: [Tensor]) {
        var b: UInt64 = 0
        for (i, t) in inputs.prefix(64).enumerated() where t.requiresGrad { b |= 1 << UInt64(i) }
        bits = b
        beyond64 = inputs.count > 64 ? inputs.dropFirst(64).map(\.requiresGrad) : nil
    }

    /// Whether input `i` needs a gradient.
    subscript(_ i: Int) -> Bool { i < 64 ? bits & (1 << UInt64(i)) != 0 : beyond64![i - 64] }
}

/// A backward rule: given the gradient of the output (and the output itself, which carries its
/// own history when gradients of gradients are being recorded), the gradients of the inputs in
/// order (nil for an input that gets none).
typealias BackwardRule = (_ gradient: Tensor, _ output: Tensor, _ needs: InputMask) -> [Tensor?]

/// The values a backward rule reads besides the gradient: its inputs, its output, or both.
/// The node records their versions so that an in-place change before `backward()` is caught.
struct SavedValues: OptionSet {
    let rawValue: UInt8
    /// The rule reads the op's inputs.
    static let inputs = SavedValues(rawValue: 1)
    /// The rule reads the op's output.
    static let output = SavedValues(rawValue: 2)
}

/// One recorded step of the graph: the op's inputs and its backward rule.
///
/// A node is owned by its output tensor and owns its inputs, never its output, so a graph has
/// no reference cycles. The rule is released after `backward()` unless the graph is retained.
final class Node {
    let name: StaticString
    // Read on every step of the backward pass, without the dynamic exclusivity check.
    @exclusivity(unchecked) private(set) var inputs: [Tensor]
    @exclusivity(unchecked) private(set) var rule: BackwardRule?
    /// What the rule reads, and the storage versions when the op ran: of the output and the
    /// first two inputs inline (no allocation for the common ops), and of further inputs in
    /// `laterVersions` when the rule reads them.
    private let saved: SavedValues
    private let firstVersions: (Int, Int)
    private let outputVersion: Int
    private let laterVersions: [Int]?
    /// Where the op was created, recorded inside `withAnomalyDetection` only.
    let origin: String?

    private static let live = Atomic<Int>(0)

    /// The number of nodes alive in the process.
    static var liveCount: Int { live.load(ordering: .relaxed) }

    init(
        _ name: StaticString, inputs: [Tensor], saved: SavedValues, output: Tensor, origin: String?,
        rule: @escaping BackwardRule
    ) {
        self.name = name
        self.origin = origin
        self.inputs = inputs
        self.rule = rule
        self.saved = saved
        firstVersions = (
            inputs.count > 0 ? inputs[0].storage.version : 0, inputs.count > 1 ? inputs[1].storage.version : 0
        )
        laterVersions = saved.contains(.inputs) && inputs.count > 2 ? inputs[2...].map { $0.storage.version } : nil
        outputVersion = output.storage.version
        Node.live.add(1, ordering: .relaxed)
    }

    /// The first input, when neither it nor `output` changed in place since the op ran (and
    /// the graph was not freed): the values the op saw.
    func unchangedFirstInput(output: Tensor) -> Tensor? {
        guard let first = inputs.first, first.storage.version == firstVersions.0,
            output.storage.version == outputVersion
        else { return nil }
        return first
    }

    /// Stops with PyTorch's diagnosis when a tensor the rule reads was changed in place after
    /// the op ran: its gradient would silently use the new values.
    func requireSavedValuesUnchanged(output: Tensor) {
        guard !saved.isEmpty else { return }
        if saved.contains(.inputs) {
            for (i, input) in inputs.enumerated() {
                let recorded = i == 0 ? firstVersions.0 : i == 1 ? firstVersions.1 : laterVersions![i - 2]
                requireVersion(input, recorded, inputs.count == 1 ? "the input" : "input \(i)")
            }
        }
        if saved.contains(.output) { requireVersion(output, outputVersion, "the output") }
    }

    private func requireVersion(_ tensor: Tensor, _ recorded: Int, _ role: @autoclosure () -> String) {
        let now = tensor.storage.version
        require(
            now == recorded,
            "backward: one of the variables needed for gradient computation has been modified by an inplace "
                + "operation: \(role()) of \(name), of shape \(tensor.shape) (\(tensor.dtype)), is at version \(now); "
                + "\(name) saved it at version \(recorded). Change values in place (fill, assign, add(_:scaledBy:), "
                + "an optimizer step) only after backward(), or compute from a copied() tensor.")
    }

    /// Whether `backward()` already ran through this node and freed it.
    var isReleased: Bool { rule == nil }

    /// Frees the saved values and the links to the inputs (after a backward pass).
    func release() {
        rule = nil
        inputs = []
    }

    /// Dismantles the graph behind this node iteratively: the default recursive release would
    /// overflow the stack on a chain of a million ops.
    deinit {
        rule = nil
        var pending: [Node] = []
        Node.detachUnshared(&inputs, into: &pending)
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                node.rule = nil
                Node.detachUnshared(&node.inputs, into: &pending)
            }
        }
        Node.live.subtract(1, ordering: .relaxed)
    }

    /// Takes the nodes of the tensors in `inputs` that nothing else holds, leaving them to be
    /// freed one by one instead of recursively.
    private static func detachUnshared(_ inputs: inout [Tensor], into pending: inout [Node]) {
        var list = inputs
        inputs = []
        while var tensor = list.popLast() {
            if isKnownUniquelyReferenced(&tensor), let node = tensor.node {
                tensor.node = nil
                pending.append(node)
            }
        }
    }
}
