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
    if let bias { y = y + bias }
    return x.rank == 1 ? y.reshaped([weight.shape[0]]) : y
}

extension Tensor {
    /// softplus(x) = ln(1 + eˣ), computed as max(x, 0) + ln(1 + e^−|x|) so that no input
    /// overflows: softplus(1e4) = 1e4, softplus(−∞) = 0.
    ///
    /// Derivative: σ(x).
    public func softplus() -> Tensor {
        mapped(.softplus).recorded("softplus", [self], saving: .inputs) { g, _, _ in [g * self.sigmoid()] }
    }
}
