import Synchronization

extension Tensor {
    /// Computes the gradient of this one-element tensor with respect to every leaf that requires
    /// grad, adding it to each leaf's `grad`.
    ///
    /// - Parameters:
    ///   - retainGraph: Keep the graph so that `backward` can run through it again.
    ///   - createGraph: Record the backward pass itself, so the gradients have history and can
    ///     be differentiated again (gradients of gradients). Implies `retainGraph`.
    /// - Precondition: The tensor has one element and requires grad; the graph was not freed
    ///   by an earlier `backward()`.
    public func backward(retainGraph: Bool = false, createGraph: Bool = false) {
        require(
            count == 1,
            "backward: the gradient can be implied only for a one-element tensor, but this one has shape \(shape); "
                + "call backward(gradient:) with a gradient of that shape")
        backward(gradient: Tensor.ones(shape, dtype: dtype), retainGraph: retainGraph, createGraph: createGraph)
    }

    /// Computes the vector-Jacobian product of this tensor with `gradient` for every leaf that
    /// requires grad, adding it to each leaf's `grad`.
    ///
    /// - Parameters:
    ///   - gradient: ∂L/∂self, of the same shape and dtype as this tensor.
    ///   - retainGraph: Keep the graph so that `backward` can run through it again.
    ///   - createGraph: Record the backward pass so the gradients can be differentiated again.
    /// - Precondition: Shapes and dtypes match; the tensor requires grad.
    public func backward(gradient: Tensor, retainGraph: Bool = false, createGraph: Bool = false) {
        _ = Engine.run(
            root: self, seed: gradient, targets: nil,
            retainGraph: retainGraph || createGraph, createGraph: createGraph)
    }

    /// The gradients of `output` with respect to `inputs`, returned rather than accumulated into
    /// `grad` (as `torch.autograd.grad`).
    ///
    /// - Parameters:
    ///   - output: The tensor to differentiate.
    ///   - inputs: The tensors to differentiate with respect to (leaves or intermediate results).
    ///   - gradient: ∂L/∂output; may be omitted for a one-element output.
    ///   - retainGraph: Keep the graph for another backward pass.
    ///   - createGraph: Record the computation so the result can be differentiated again.
    /// - Returns: One gradient per input: zeros for an input that `output` does not depend on.
    public static func gradients(
        of output: Tensor, withRespectTo inputs: [Tensor], gradient: Tensor? = nil,
        retainGraph: Bool = false, createGraph: Bool = false
    ) -> [Tensor] {
        if gradient == nil {
            require(
                output.count == 1,
                "gradients: the gradient can be implied only for a one-element output, but it has shape \(output.shape)"
            )
        }
        let seed = gradient ?? Tensor.ones(output.shape, dtype: output.dtype)
        let found = Engine.run(
            root: output, seed: seed, targets: inputs,
            retainGraph: retainGraph || createGraph, createGraph: createGraph)
        return inputs.map { found[ObjectIdentifier($0)] ?? Tensor.zeros($0.shape, dtype: $0.dtype) }
    }
}

/// The reverse-mode pass: order the graph, then push gradients from the output to the leaves.
///
/// The pass keeps its bookkeeping on the tensors themselves (`visitMark`, `pendingGradient`)
/// rather than in hash tables: a small model's backward pass is dominated by such overhead.
enum Engine {
    /// Distinguishes one pass's visit marks from another's.
    private static let passCounter = Atomic<Int>(0)

    /// Runs the backward pass from `root` seeded with `seed`. With `targets` nil, gradients are
    /// accumulated into the `grad` of leaves; otherwise the gradients of the targets are returned.
    static func run(
        root: Tensor, seed: Tensor, targets: [Tensor]?, retainGraph: Bool, createGraph: Bool
    ) -> [ObjectIdentifier: Tensor] {
        require(
            root.requiresGrad,
            "backward: the tensor does not require grad and has no history (was it computed inside withNoGrad, or from tensors without requiresGrad?)"
        )
        require(
            seed.shape == root.shape && seed.dtype == root.dtype,
            "backward: gradient of shape \(seed.shape) (\(seed.dtype)) given for a tensor of shape \(root.shape) (\(root.dtype))"
        )
        let targetIDs = targets.map { Set($0.map(ObjectIdentifier.init)) }
        var found: [ObjectIdentifier: Tensor] = [:]
        let order = topologicalOrder(from: root)
        root.pendingGradient = seed
        GradMode.$isEnabled.withValue(createGraph) {
            for entry in order {
                // The entry's one reference keeps the tensor alive through its step; the step
                // reads it without further reference counting, and the entry is dropped right
                // after, so memory goes back as the pass proceeds.
                entry._withUnsafeGuaranteedRef { tensor in
                    if targetIDs == nil && tensor.isLeaf {
                        accumulatePending(into: tensor, createGraph: createGraph)
                    } else if let gradient = tensor.pendingGradient.take() {
                        if let targetIDs {
                            let id = ObjectIdentifier(tensor)
                            if targetIDs.contains(id) { found[id] = gradient }
                        }
                        if tensor.node.isRecorded { step(tensor, gradient, retainGraph: retainGraph) }
                    }
                }
                entry.release()
            }
        }
        return found
    }

    /// Runs the rule of `tensor`'s node on its gradient and adds the results to its inputs'
    /// pending gradients.
    @inline(__always)
    private static func step(_ tensor: Tensor, _ gradient: Tensor, retainGraph: Bool) {
        let name = tensor.node.name
        let (rule, inputs) = tensor.node.forBackward(retain: retainGraph)
        guard let rule else {
            fatalError(
                "backward: trying to backward through the graph a second time (\(name) was already freed); "
                    + "pass retainGraph: true to the first backward call")
        }
        tensor.requireSavedValuesUnchanged(inputs)
        let grads: InputGradients
        if AnomalyMode.active != nil {
            // The rule's own ops are not forward ops: check its results as a whole.
            grads = AnomalyMode.$scope.withValue(nil) { inputs.backward(rule, gradient, tensor) }
            AnomalyScope.checkBackward(name, origin: tensor.node.origin, gradient: gradient, results: grads)
        } else {
            grads = inputs.backward(rule, gradient, tensor)
        }
        inputs.accumulate(grads, op: name)
    }

    /// Tensors reachable from `root` through recorded history, each after every tensor that
    /// depends on it, each retained once (the caller releases them). Iterative depth-first
    /// search: deep graphs do not touch the call stack.
    static func topologicalOrder(from root: Tensor) -> [Unmanaged<Tensor>] {
        let mark = passCounter.add(1, ordering: .relaxed).newValue
        var order: [Unmanaged<Tensor>] = []
        // Not retained: every tensor on the stack is reachable from `root`, which the caller
        // holds, and nothing is freed during the search.
        var stack: [Unmanaged<Tensor>] = []
        order.reserveCapacity(16)
        stack.reserveCapacity(16)
        stack.append(Unmanaged.passUnretained(root))
        root.visitMark = mark
        root.visitNext = 0
        while let top = stack.last {
            // Inputs are visited last to first, so that in the reversed order a tensor's first
            // input (in `a * b + c`, the product) runs before its later ones (the leaf c): the
            // gradient they share is then no longer shared when the leaf takes it, and is not
            // copied. Any visiting order gives a valid order.
            let next: Unmanaged<Tensor>? = top._withUnsafeGuaranteedRef { tensor in
                let count = tensor.node.inputs.count
                guard tensor.visitNext < count else { return nil }
                tensor.visitNext += 1
                return tensor.node.inputs.unretained(count - tensor.visitNext)
            }
            guard let next else {
                order.append(stack.removeLast().retain())
                continue
            }
            next._withUnsafeGuaranteedRef { input in
                if input.visitMark != mark && input.requiresGrad {
                    input.visitMark = mark
                    input.visitNext = 0
                    stack.append(next)
                }
            }
        }
        order.reverse()
        return order
    }

    /// Adds `gradient` to a leaf's `grad`. A gradient that nothing else holds is stored as it
    /// is (or added in place); a shared one is copied, so that later in-place changes to one
    /// leaf's gradient never reach another's.
    static func accumulatePending(into leaf: Tensor, createGraph: Bool) {
        guard var gradient = leaf.pendingGradient else { return }
        leaf.pendingGradient = nil
        guard leaf.requiresGrad else { return }
        if createGraph {
            leaf.grad = leaf.grad.map { $0 + gradient } ?? gradient
            return
        }
        if var existing = leaf.grad {
            leaf.grad = nil
            if !existing.node.isRecorded && isKnownUniquelyReferenced(&existing)
                && isKnownUniquelyReferenced(&existing.storage)
            {
                existing.add(gradient)
                leaf.grad = existing
            } else {
                leaf.grad = existing + gradient
            }
        } else if !gradient.node.isRecorded && isKnownUniquelyReferenced(&gradient)
            && isKnownUniquelyReferenced(&gradient.storage)
        {
            leaf.grad = gradient
        } else {
            leaf.grad = gradient.copied()
        }
    }
}
