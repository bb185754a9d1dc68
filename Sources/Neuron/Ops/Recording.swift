extension Tensor {
    /// Attaches history to a freshly computed result: the one place graph nodes are created.
    ///
    /// Nothing is recorded when gradient recording is off or no input requires grad, so ops
    /// run inside `withNoGrad` (and inside an ordinary backward pass) cost no graph memory.
    @inline(__always)
    func recorded(_ name: StaticString, _ inputs: [Tensor], _ rule: @escaping BackwardRule) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) else { return self }
        node = Node(name, inputs: inputs, rule: rule)
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

    /// self op other with NumPy broadcasting, as a new tensor without history.
    func combined(_ op: BinaryKernel, _ other: Tensor, name: String) -> Tensor {
        requireSameDType(other, name)
        guard let shape = Shape.broadcast(self.shape, other.shape) else {
            fatalError("\(name): shapes \(self.shape) and \(other.shape) cannot be broadcast together")
        }
        let out = Tensor(uninitialized: shape, dtype: dtype)
        if self.shape == other.shape {
            switch dtype {
            case .float32:
                Kernels.binaryRun(
                    op, storage.pointer(Float.self), 1, other.storage.pointer(Float.self), 1,
                    out.storage.pointer(Float.self), out.count)
            case .float64:
                Kernels.binaryRun(
                    op, storage.pointer(Double.self), 1, other.storage.pointer(Double.self), 1,
                    out.storage.pointer(Double.self), out.count)
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
