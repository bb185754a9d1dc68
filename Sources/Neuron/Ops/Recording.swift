extension Tensor {
    /// Attaches history to a freshly computed result of one input: the backward rule maps
    /// (∂L/∂output, output, x) to ∂L/∂x.
    ///
    /// Nothing is recorded when gradient recording is off or no input requires grad, so ops
    /// run inside `withNoGrad` (and inside an ordinary backward pass) cost no graph memory.
    /// `saving` says which values the rule reads (its inputs, its output): their versions are
    /// recorded so that `backward()` refuses to run after they were changed in place. A rule
    /// that reads only its arguments captures nothing, and recording it allocates nothing.
    @inline(__always)
    func recorded(
        _ name: StaticString, _ x: Tensor, saving saved: SavedValues = [],
        _ rule: @escaping (_ gradient: Tensor, _ output: Tensor, _ x: Tensor) -> Tensor
    ) -> Tensor {
        record(name, OpInputs(x), saved, .unary(rule))
    }

    /// Attaches history to a freshly computed result of two inputs: the backward rule maps
    /// (∂L/∂output, output, a, b, which inputs need a gradient) to (∂L/∂a, ∂L/∂b).
    @inline(__always)
    func recorded(
        _ name: StaticString, _ a: Tensor, _ b: Tensor, saving saved: SavedValues = [],
        _ rule: @escaping (_ gradient: Tensor, _ output: Tensor, _ a: Tensor, _ b: Tensor, _ needs: InputMask) -> (
            Tensor?, Tensor?
        )
    ) -> Tensor {
        record(name, OpInputs(a, b), saved, .binary(rule))
    }

    /// Attaches history to a freshly computed result of any number of inputs, which the rule
    /// captures: it returns one gradient per input, nil where `needs` says none is wanted.
    func recorded(
        _ name: StaticString, _ inputs: [Tensor], saving saved: SavedValues = [],
        _ rule: @escaping (_ gradient: Tensor, _ output: Tensor, _ needs: InputMask) -> [Tensor?]
    ) -> Tensor {
        record(name, OpInputs(inputs), saved, .general(rule))
    }

    /// The one place graph nodes are created.
    @inline(__always)
    private func record(_ name: StaticString, _ inputs: OpInputs, _ saved: SavedValues, _ rule: BackwardRule) -> Tensor {
        let anomaly = AnomalyMode.active
        anomaly?.checkForward(name, inputs: inputs, output: self)
        guard inputs.contains(where: { $0.requiresGrad }), GradMode.isEnabled else { return self }
        node.record(name, inputs: inputs, saved: saved, output: self, origin: anomaly?.origin(of: name), rule: rule)
        return self
    }

    /// Stops with a message naming `op` when two tensors' dtypes differ.
    func requireSameDType(_ other: Tensor, _ op: String) {
        require(
            dtype == other.dtype,
            "\(op): dtypes differ: \(dtype) \(shape) and \(other.dtype) \(other.shape); convert one with to(_:)")
    }
}

// MARK: - Applying kernels (no history)

/// How one operand of a simple broadcast is read: `step` between elements of a run (1, or 0 for
/// a repeated scalar) and `rowStep` between runs (0 for a row repeated down the matrix).
struct RunLayout {
    let step: Int
    let rowStep: Int
}

extension Tensor {
    /// op(self) element by element, as a new tensor without history.
    func mapped(_ op: UnaryKernel) -> Tensor {
        let out = Tensor(uninitialized: shape, dtype: dtype)
        switch dtype {
        case .float32: Kernels.unary(op, storage.pointer(Float.self), out.storage.pointer(Float.self), count)
        case .float64: Kernels.unary(op, storage.pointer(Double.self), out.storage.pointer(Double.self), count)
        }
        return out
    }

    /// The fused vector-Jacobian product `op` of this gradient with saved values, as a new tensor
    /// without history, or nil when the backward pass is being recorded (`createGraph`), in
    /// which case the caller uses its composed, differentiable rule.
    func fusedBackward(_ op: BackwardKernel, _ a: Tensor, _ b: Tensor? = nil) -> Tensor? {
        guard !GradMode.isEnabled, shape == a.shape, b == nil || b!.shape == shape else { return nil }
        let out = Tensor(uninitialized: shape, dtype: dtype)
        switch dtype {
        case .float32:
            Kernels.backward(
                op, storage.pointer(Float.self), a.storage.pointer(Float.self), b?.storage.pointer(Float.self),
                out.storage.pointer(Float.self), count)
        case .float64:
            Kernels.backward(
                op, storage.pointer(Double.self), a.storage.pointer(Double.self), b?.storage.pointer(Double.self),
                out.storage.pointer(Double.self), count)
        }
        return out
    }

    /// The layouts of the broadcasts that need no stride bookkeeping: equal shapes, either side
    /// a single element, or either side the trailing dimensions of the other (a bias row).
    static func simpleBroadcast(_ a: Tensor, _ b: Tensor, _ shape: [Int]) -> (RunLayout, RunLayout, Int, Int)? {
        let n = Shape.count(shape)
        let whole = RunLayout(step: 1, rowStep: n)
        if a.shape == b.shape { return (whole, whole, 1, n) }
        if b.count == 1 && a.count == n { return (whole, RunLayout(step: 0, rowStep: 0), 1, n) }
        if a.count == 1 && b.count == n { return (RunLayout(step: 0, rowStep: 0), whole, 1, n) }
        func isSuffix(_ small: [Int], _ big: [Int]) -> Bool {
            small.count < big.count && small.first != 1 && Array(big.suffix(small.count)) == small
        }
        if a.shape == shape && isSuffix(b.shape, shape) && b.count > 0 {
            let length = b.count
            return (RunLayout(step: 1, rowStep: length), RunLayout(step: 1, rowStep: 0), n / length, length)
        }
        if b.shape == shape && isSuffix(a.shape, shape) && a.count > 0 {
            let length = a.count
            return (RunLayout(step: 1, rowStep: 0), RunLayout(step: 1, rowStep: length), n / length, length)
        }
        return nil
    }

    /// self op other with NumPy broadcasting, as a new tensor without history.
    func combined(_ op: BinaryKernel, _ other: Tensor, name: String) -> Tensor {
        requireSameDType(other, name)
        guard let shape = Shape.broadcast(self.shape, other.shape) else {
            fatalError("\(name): shapes \(self.shape) and \(other.shape) cannot be broadcast together")
        }
        let out = Tensor(uninitialized: shape, dtype: dtype, op: name)
        if let (sa, sb, rows, length) = Tensor.simpleBroadcast(self, other, shape) {
            // Same shape, a scalar, or a row repeated down a matrix: a few contiguous runs.
            for r in 0..<rows {
                switch dtype {
                case .float32:
                    Kernels.binaryRun(
                        op, storage.pointer(Float.self) + r * sa.rowStep, sa.step,
                        other.storage.pointer(Float.self) + r * sb.rowStep,
                        sb.step, out.storage.pointer(Float.self) + r * length, length)
                case .float64:
                    Kernels.binaryRun(
                        op, storage.pointer(Double.self) + r * sa.rowStep, sa.step,
                        other.storage.pointer(Double.self) + r * sb.rowStep, sb.step,
                        out.storage.pointer(Double.self) + r * length, length)
                }
            }
            return out
        }
        let sa = Shape.broadcastStrides(self.shape, to: shape)
        let sb = Shape.broadcastStrides(other.shape, to: shape)
        switch dtype {
        case .float32:
            Kernels.binary(
                op, storage.pointer(Float.self), sa, other.storage.pointer(Float.self), sb,
                out.storage.pointer(Float.self), shape: shape)
        case .float64:
            Kernels.binary(
                op, storage.pointer(Double.self), sa, other.storage.pointer(Double.self), sb,
                out.storage.pointer(Double.self), shape: shape)
        }
        return out
    }
}
