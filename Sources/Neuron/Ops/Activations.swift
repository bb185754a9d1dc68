// Activation functions: the nonlinearities between layers, and softmax.

extension Tensor {
    /// The logistic sigmoid, σ(x) = 1 / (1 + e⁻ˣ), computed as eˣ / (1 + eˣ) for x < 0 so
    /// that no input overflows.
    ///
    /// Derivative: σ(x)·(1 − σ(x)).
    public func sigmoid() -> Tensor {
        mapped(.sigmoid).recorded("sigmoid", self, saving: .output) { g, y, _ in g.fusedBackward(.sigmoid, y) ?? g * y * (1 - y) }
    }

    /// The logit z when this tensor is σ(z) from a recorded `sigmoid()` whose input and output
    /// are unchanged: what `binaryCrossEntropy` uses to be exact at any logit.
    var recordedSigmoidLogit: Tensor? {
        guard node.isRecorded, "\(node.name)" == "sigmoid" else { return nil }
        return unchangedFirstInput()
    }

    /// The hyperbolic tangent, tanh x.
    ///
    /// Derivative: 1 − tanh²x.
    public func tanh() -> Tensor {
        mapped(.tanh).recorded("tanh", self, saving: .output) { g, y, _ in g.fusedBackward(.tanh, y) ?? g * (1 - y.squared()) }
    }

    /// The rectified linear unit, max(x, 0); NaN stays NaN, so a diverging model shows it.
    ///
    /// Derivative: 0 where x ≤ 0, else 1 (0 at x = 0 and 1 at NaN, as PyTorch).
    public func relu() -> Tensor {
        mapped(.relu).recorded("relu", self, saving: .inputs) { g, _, x in g.fusedBackward(.relu, x) ?? g * x.mapped(.step) }
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
    /// with m the maximum and the sum in double precision: stable for any logits, accurate in
    /// float32, and exact in the limit when a logit is +∞ (0 there, −∞ elsewhere, so that a
    /// cross-entropy with +∞ at the label is 0 with a zero gradient).
    ///
    /// Derivative: ∂L/∂x = g − softmax(x)·∑ⱼ gⱼ, with softmax(x) = exp(y).
    /// - Parameter axis: The dimension to normalise; negative values count from the end.
    /// - Precondition: The axis is in range.
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "logSoftmax", shape: shape)
        let (outer, n, inner) = Shape.split(shape, axis: a)
        let out = Tensor(uninitialized: shape, dtype: dtype)
        switch dtype {
        case .float32:
            Kernels.logSoftmax(
                storage.pointer(Float.self), outer: outer, n: n, inner: inner, out.storage.pointer(Float.self))
        case .float64:
            Kernels.logSoftmax(
                storage.pointer(Double.self), outer: outer, n: n, inner: inner, out.storage.pointer(Double.self))
        }
        return out.recorded("log_softmax", self, saving: .output) { g, y, _ in
            g - exp(y) * g.sum(axis: a, keepDims: true)
        }
    }
}
