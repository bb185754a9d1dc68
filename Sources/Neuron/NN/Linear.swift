/// A fully connected layer, y = x·Wᵀ + b, with PyTorch's layout (weight [out, in], bias
/// [out]) and PyTorch's default initialisation: W and b uniform in ±1/√in.
///
/// ```swift
/// let layer = Linear(30, 1)
/// let y = layer(Tensor.zeros([8, 30]))   // [8, 1]
/// ```
public final class Linear: Module {
    /// The weight matrix W, [outFeatures, inFeatures].
    public let weight: Tensor
    /// The bias vector b, [outFeatures], or nil for a layer without bias.
    public let bias: Tensor?

    /// A layer initialised from the process-wide generator (see ``manualSeed(_:)``).
    ///
    /// - Parameters:
    ///   - inFeatures: The input size.
    ///   - outFeatures: The output size.
    ///   - bias: Whether the layer adds a bias.
    ///   - dtype: The parameters' element type.
    public convenience init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32) {
        var rng = RandomGenerator.withGlobal { global in RandomGenerator(seed: global.next()) }
        self.init(inFeatures, outFeatures, bias: bias, dtype: dtype, generator: &rng)
    }

    /// A layer initialised from `generator`.
    ///
    /// - Parameters:
    ///   - inFeatures: The input size.
    ///   - outFeatures: The output size.
    ///   - bias: Whether the layer adds a bias.
    ///   - dtype: The parameters' element type.
    ///   - generator: The source of the initial values, advanced by the draw.
    /// - Precondition: Both sizes are positive.
    public init(
        _ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32,
        generator: inout RandomGenerator
    ) {
        require(
            inFeatures > 0 && outFeatures > 0, "Linear: sizes must be positive, got \(inFeatures) → \(outFeatures)")
        let bound = 1 / Double(inFeatures).squareRoot()
        weight = Tensor.uniform(
            [outFeatures, inFeatures], low: -bound, high: bound, generator: &generator, dtype: dtype,
            requiresGrad: true)
        self.bias =
            bias
            ? Tensor.uniform(
                [outFeatures], low: -bound, high: bound, generator: &generator, dtype: dtype, requiresGrad: true)
            : nil
    }

    /// The number of input features.
    public var inFeatures: Int { weight.shape[1] }
    /// The number of output features.
    public var outFeatures: Int { weight.shape[0] }

    /// x·Wᵀ + b for x of shape [in] or [N, in].
    ///
    /// - Parameter input: The input.
    /// - Returns: [out] or [N, out].
    public func callAsFunction(_ input: Tensor) -> Tensor {
        linear(input, weight: weight, bias: bias)
    }
}
