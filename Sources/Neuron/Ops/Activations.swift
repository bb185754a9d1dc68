// Activation functions: the nonlinearities between layers, and softmax.

extension Tensor {
    /// The logistic sigmoid, σ(x) = 1 / (1 + e⁻ˣ), computed as eˣ / (1 + eˣ) for x < 0 so
    /// that no input overflows.
    ///
    /// Derivative: σ(x)·(1 − σ(x)).
    public func sigmoid() -> Tensor {
        mapped(.sigmoid).recorded("sigmoid", [self], saving: .output) { g, y, _ in [g.fusedBackward(.sigmoid, y) ?? g * y * (1 - y)] }
    }

    /// The hyperbolic tangent, tanh x.
    ///
    /// Derivative: 1 − tanh²x.
    public func tanh() -> Tensor {
        mapped(.tanh).recorded("tanh", [self], saving: .output) { g, y, _ in [g.fusedBackward(.tanh, y) ?? g * (1 - y.squared())] }
    }

    /// The rectified linear unit, max(x, 0).
    ///
    /// Derivative: 1 where x > 0, else 0 (0 at x = 0, as PyTorch).
    public func relu() -> Tensor {
        mapped(.relu).recorded("relu", [self], saving: .inputs) { g, _, _ in [g.fusedBackward(.relu, self) ?? g * self.mapped(.step)] }
    }

    /// Softmax along an axis: exp(xᵢ) / ∑ⱼ exp(xⱼ), computed as exp(x − logSumExp(x)) so that
    /// large logits do not overflow.
    ///
    /// Derivative: ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ) (obtained from the composition).
    /// - Parameter axis: The dimension that sums to one; negative values count from the end.
    /// - Precondition: The axis is in range.
    public func softmax(axis: Int = -1) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "softmax", shape: shape)
        return exp(logSoftmax(axis: a))
    }

    /// Log-softmax along an axis: xᵢ − log ∑ⱼ exp(xⱼ), computed as (x − m) − log ∑ exp(x − m)
    /// with m the detached maximum, stable for any logits and accurate in float32.
    ///
    /// Derivative: ∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ (obtained from the composition).
    /// - Parameter axis: The dimension to normalise; negative values count from the end.
    /// - Precondition: The axis is in range.
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "logSoftmax", shape: shape)
        let shifted = self - maxShift(axis: a)
        return shifted - log(exp(shifted).sum(axis: a, keepDims: true))
    }
}
