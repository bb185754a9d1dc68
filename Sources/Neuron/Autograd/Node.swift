import Synchronization

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
        firstVersions = (inputs.count > 0 ? inputs.version(0) : 0, inputs.count > 1 ? inputs.version(1) : 0)
        outputVersion = output.storage.version
        let later = saved.contains(.inputs) && inputs.count > 2 ? inputs[2...].map { $0.storage.version } : nil
        if later != nil || origin != nil { extras = NodeExtras(laterVersions: later, origin: origin) }
        Node.live.add(1, ordering: .relaxed)
    }

    /// Whether `backward()` already ran through this node and freed it.
    var isReleased: Bool { rule == nil }

    /// The rule and the inputs, for a backward pass: moved out of the node when it is not
    /// retained (which frees them as the pass goes on), copied when it is.
    mutating func forBackward(retain: Bool) -> (BackwardRule?, OpInputs) {
        if retain { return (rule, inputs) }
        let taken = (rule.take(), inputs)
        inputs = OpInputs()
        return taken
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

    /// Stops with PyTorch's diagnosis when a tensor the rule of this tensor's op reads (one of
    /// `inputs`, the op's, or this tensor) was changed in place after the op ran: its gradient
    /// would silently use the new values.
    func requireSavedValuesUnchanged(_ inputs: borrowing OpInputs) {
        let saved = node.saved
        guard !saved.isEmpty else { return }
        if saved.contains(.inputs) {
            for i in 0..<inputs.count {
                let recorded =
                    i == 0 ? node.firstVersions.0 : i == 1 ? node.firstVersions.1 : node.extras!.laterVersions![i - 2]
                if _slowPath(inputs.version(i) != recorded) {
                    versionMismatch(inputs[i], recorded, inputs.count == 1 ? "the input" : "input \(i)")
                }
            }
        }
        if _slowPath(saved.contains(.output) && storage.version != node.outputVersion) {
            versionMismatch(self, node.outputVersion, "the output")
        }
    }

    private func versionMismatch(_ tensor: Tensor, _ recorded: Int, _ role: String) -> Never {
        let now = tensor.storage.version
        let name = node.name
        fatalError(
            "backward: one of the variables needed for gradient computation has been modified by an inplace "
                + "operation: \(role) of \(name), of shape \(tensor.shape) (\(tensor.dtype)), is at version \(now); "
                + "\(name) saved it at version \(recorded). Change values in place (fill, assign, add(_:scaledBy:), "
                + "an optimizer step) only after backward(), or compute from a copied() tensor.")
    }
}
