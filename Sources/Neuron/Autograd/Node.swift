import Synchronization

/// Which of an op's inputs need a gradient, so a backward rule can skip the others.
struct InputMask: Sendable {
    let bits: UInt64

    init(_ inputs: [Tensor]) {
        var b: UInt64 = 0
        for (i, t) in inputs.enumerated() where i < 64 && t.requiresGrad { b |= 1 << UInt64(i) }
        bits = b
    }

    /// Whether input `i` needs a gradient.
    subscript(_ i: Int) -> Bool { bits & (1 << UInt64(i)) != 0 }
}

/// A backward rule: given the gradient of the output (and the output itself, which carries its
/// own history when gradients of gradients are being recorded), the gradients of the inputs in
/// order (nil for an input that gets none).
typealias BackwardRule = (_ gradient: Tensor, _ output: Tensor, _ needs: InputMask) -> [Tensor?]

/// One recorded step of the graph: the op's inputs and its backward rule.
///
/// A node is owned by its output tensor and owns its inputs, never its output, so a graph has
/// no reference cycles. The rule is released after `backward()` unless the graph is retained.
final class Node {
    let name: StaticString
    private(set) var inputs: [Tensor]
    private(set) var rule: BackwardRule?

    private static let live = Atomic<Int>(0)

    /// The number of nodes alive in the process.
    static var liveCount: Int { live.load(ordering: .relaxed) }

    init(_ name: StaticString, inputs: [Tensor], rule: @escaping BackwardRule) {
        self.name = name
        self.inputs = inputs
        self.rule = rule
        Node.live.add(1, ordering: .relaxed)
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
