/// The affine map of a linear layer, y = x·Wᵀ + b (PyTorch's `F.linear`), for x of shape
/// [in] or [N, in], W of shape [out, in] and b of shape [out]. W is used transposed in place,
/// never copied.
///
/// Derivative: ∂/∂x = G·W, ∂/∂W = Gᵀ·x, ∂/∂b = ∑ₙ G.
/// - Parameters:
///   - x: The input, a vector or a batch of row vectors.
///   - weight: The weight matrix, [out, in].
///   - bias: The bias vector, [out], or nil.
/// - Precondition: x's last size equals W's second; the bias has W's first size.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    linear(x, weight: weight, bias: bias, activation: nil)
}

/// The affine map followed by `activation`, fused when gradients are not recorded: the bias
/// and the activation are applied in place to the product's fresh buffer (one buffer instead
/// of three, one pass instead of two), with the same kernels and so the same values as the
/// composed ops. While recording, the composed ops run and are recorded as usual.
func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, activation: UnaryKernel?) -> Tensor {
    require(
        weight.rank == 2 && (1...2).contains(x.rank) && x.shape.last == weight.shape[1],
        "linear: input \(x.shape) does not match weight \(weight.shape) (expected [N, \(weight.rank == 2 ? weight.shape[1] : -1)])"
    )
    if let bias {
        require(
            bias.shape == [weight.shape[0]],
            "linear: bias \(bias.shape) does not match weight \(weight.shape) (expected [\(weight.shape[0])])")
    }
    let batch = x.rank == 1 ? x.reshaped([1, x.shape[0]]) : x
    var y = Tensor.product(batch, weight, transposeB: true)
    if !GradMode.isEnabled && x.dtype == weight.dtype && (bias == nil || bias!.dtype == x.dtype) {
        y.applyBiasAndActivationInPlace(bias, activation)
    } else {
        if let bias { y = y + bias }
        switch activation {
        case .sigmoid?: y = y.sigmoid()
        case .tanh?: y = y.tanh()
        case .relu?: y = y.relu()
        case nil: break
        case let other?: preconditionFailure("linear: no fused activation \(other)")
        }
    }
    return x.rank == 1 ? y.reshaped([weight.shape[0]]) : y
}

extension Tensor {
    /// self[r, c] ← f(self[r, c] + bias[c]) in place, for a fresh [rows, out] buffer that
    /// nothing else reads yet (the output of a product, before it is returned).
    fileprivate func applyBiasAndActivationInPlace(_ bias: Tensor?, _ activation: UnaryKernel?) {
        let columns = shape[1]
        switch dtype {
        case .float32:
            let y = storage.pointer(Float.self)
            if let bias { Kernels.addRow(bias.storage.pointer(Float.self), to: y, rows: shape[0], columns: columns) }
            if let activation { Kernels.unary(activation, y, y, count) }
        case .float64:
            let y = storage.pointer(Double.self)
            if let bias { Kernels.addRow(bias.storage.pointer(Double.self), to: y, rows: shape[0], columns: columns) }
            if let activation { Kernels.unary(activation, y, y, count) }
        }
    }
}

extension Tensor {
    /// softplus(x) = ln(1 + eˣ), computed as max(x, 0) + ln(1 + e^−|x|) so that no input
    /// overflows: softplus(1e4) = 1e4, softplus(−∞) = 0.
    ///
    /// Derivative: σ(x).
    public func softplus() -> Tensor {
        mapped(.softplus).recorded("softplus", self, saving: .inputs) { g, _, x in g * x.sigmoid() }
    }
}
