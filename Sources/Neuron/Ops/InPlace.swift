// In-place updates for optimizers and gradient bookkeeping (PyTorch's `add_`, `mul_`,
// `addcmul_`, `addcdiv_`). They change values without recording history, so while recording
// they are refused on any tensor that requires grad, and each one bumps the storage's version
// so that a backward rule that saved the old values refuses to run.

extension Tensor {
    /// self += α·other, in place (PyTorch's `add_(other, alpha=α)`).
    ///
    /// - Parameters:
    ///   - other: A tensor of the same shape and dtype.
    ///   - alpha: The factor α.
    /// - Precondition: Shapes and dtypes match; recording is off or self does not require grad.
    public func add(_ other: Tensor, scaledBy alpha: Double = 1) {
        update(.addScaled(alpha), other, nil, "add(_:scaledBy:)")
    }

    /// self ← β·self + α·(a ⊙ b), in place (PyTorch's `mul_(β).addcmul_(a, b, value=α)`): the
    /// second-moment update of Adam.
    ///
    /// - Parameters:
    ///   - a: A tensor of the same shape and dtype.
    ///   - b: Another.
    ///   - beta: The factor β on the old value.
    ///   - alpha: The factor α on the product.
    /// - Precondition: Shapes and dtypes match; recording is off or self does not require grad.
    public func scaleAndAddProduct(_ a: Tensor, _ b: Tensor, beta: Double = 1, alpha: Double = 1) {
        update(.scaleAddProduct(beta: beta, alpha: alpha), a, b, "scaleAndAddProduct")
    }

    /// self += α·a / (√b·c + ε), in place: Adam's parameter update with a = first moment,
    /// b = second moment, c = 1/√(1 − β₂ᵗ).
    ///
    /// - Parameters:
    ///   - a: The numerator, same shape and dtype.
    ///   - b: The tensor under the root, same shape and dtype.
    ///   - scale: c.
    ///   - epsilon: ε.
    ///   - alpha: α.
    /// - Precondition: Shapes and dtypes match; recording is off or self does not require grad.
    public func addQuotient(_ a: Tensor, sqrtOf b: Tensor, scale: Double = 1, epsilon: Double, alpha: Double) {
        update(.addQuotientOfRoot(alpha: alpha, scale: scale, epsilon: epsilon), a, b, "addQuotient")
    }

    /// self ← s·self, in place.
    ///
    /// - Parameter s: The factor.
    /// - Precondition: Recording is off or self does not require grad.
    public func multiply(by s: Double) {
        update(.scale(s), self, nil, "multiply(by:)")
    }

    /// One Adam update of this parameter and its moment buffers, in one pass (see
    /// `Kernels.adamStep`); every buffer's version moves.
    func adamUpdate(grad: Tensor, m: Tensor, v: Tensor, _ settings: AdamStepSettings) {
        require(
            [grad, m, v].allSatisfy { $0.shape == shape && $0.dtype == dtype },
            "Adam: gradient \(grad.shape), moments \(m.shape) and \(v.shape) do not match the parameter \(shape) (\(dtype))")
        requireInPlaceAllowed("Adam")
        for t in [self, m, v] { t.storage.bumpVersion() }
        switch dtype {
        case .float32:
            Kernels.adamStep(
                storage.pointer(Float.self), grad.storage.pointer(Float.self), m.storage.pointer(Float.self),
                v.storage.pointer(Float.self), count, settings)
        case .float64:
            Kernels.adamStep(
                storage.pointer(Double.self), grad.storage.pointer(Double.self), m.storage.pointer(Double.self),
                v.storage.pointer(Double.self), count, settings)
        }
    }

    /// Stops when an in-place write would corrupt a gradient: while recording, a tensor that
    /// requires grad (a leaf being trained, or a result with history) may not change in place.
    func requireInPlaceAllowed(_ name: String) {
        require(
            !(GradMode.isEnabled && requiresGrad),
            "\(name): cannot change a tensor that requires grad (shape \(shape)) in place while gradients are "
                + "recorded: \(isLeaf ? "a leaf being trained is updated" : "a result with history is changed") "
                + "inside withNoGrad { }, as optimizers do")
    }

    /// Checks the operands, then runs one in-place kernel.
    private func update(_ op: InPlaceKernel, _ a: Tensor, _ b: Tensor?, _ name: String) {
        require(
            a.shape == shape && a.dtype == dtype && (b == nil || (b!.shape == shape && b!.dtype == dtype)),
            "\(name): operands \(a.shape)\(b.map { " and \($0.shape)" } ?? "") do not match \(shape) (\(dtype))")
        requireInPlaceAllowed(name)
        storage.bumpVersion()
        switch dtype {
        case .float32:
            Kernels.inPlace(
                op, storage.pointer(Float.self), a.storage.pointer(Float.self), b?.storage.pointer(Float.self), count)
        case .float64:
            Kernels.inPlace(
                op, storage.pointer(Double.self), a.storage.pointer(Double.self), b?.storage.pointer(Double.self),
                count)
        }
    }
}
