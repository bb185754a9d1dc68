/// The logistic sigmoid as a layer, σ(x) = 1 / (1 + e⁻ˣ). See ``Tensor/sigmoid()``.
public final class Sigmoid: Module {
    /// A sigmoid layer (no parameters).
    public init() {}
    /// σ(input), elementwise.
    public func callAsFunction(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// The rectified linear unit as a layer, max(x, 0). See ``Tensor/relu()``.
public final class ReLU: Module {
    /// A ReLU layer (no parameters).
    public init() {}
    /// max(input, 0), elementwise.
    public func callAsFunction(_ input: Tensor) -> Tensor { input.relu() }
}

/// The hyperbolic tangent as a layer. See ``Tensor/tanh()``.
public final class Tanh: Module {
    /// A tanh layer (no parameters).
    public init() {}
    /// tanh(input), elementwise.
    public func callAsFunction(_ input: Tensor) -> Tensor { input.tanh() }
}

/// Softmax as a layer: exp(xᵢ) / ∑ⱼ exp(xⱼ) along an axis. See ``Tensor/softmax(axis:)``.
public final class Softmax: Module {
    /// The axis that sums to one.
    public let axis: Int
    /// A softmax layer over `axis` (the last by default).
    ///
    /// - Parameter axis: The axis that sums to one; negative values count from the end.
    public init(axis: Int = -1) { self.axis = axis }
    /// softmax(input) along `axis`.
    public func callAsFunction(_ input: Tensor) -> Tensor { input.softmax(axis: axis) }
}

/// Log-softmax as a layer: xᵢ − log ∑ⱼ exp(xⱼ) along an axis. See ``Tensor/logSoftmax(axis:)``.
public final class LogSoftmax: Module {
    /// The axis normalised over.
    public let axis: Int
    /// A log-softmax layer over `axis` (the last by default).
    ///
    /// - Parameter axis: The axis to normalise; negative values count from the end.
    public init(axis: Int = -1) { self.axis = axis }
    /// logSoftmax(input) along `axis`.
    public func callAsFunction(_ input: Tensor) -> Tensor { input.logSoftmax(axis: axis) }
}
