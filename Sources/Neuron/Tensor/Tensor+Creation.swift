extension Tensor {
    /// A tensor of zeros.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - dtype: The element type.
    ///   - requiresGrad: Whether the new leaf collects gradients.
    /// - Precondition: No size is negative and the tensor fits in memory.
    public static func zeros(_ shape: [Int], dtype: DType = .float32, requiresGrad: Bool = false) -> Tensor {
        filled(shape, 0, dtype, requiresGrad, op: "zeros")
    }

    /// A tensor of ones.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - dtype: The element type.
    ///   - requiresGrad: Whether the new leaf collects gradients.
    /// - Precondition: No size is negative and the tensor fits in memory.
    public static func ones(_ shape: [Int], dtype: DType = .float32, requiresGrad: Bool = false) -> Tensor {
        filled(shape, 1, dtype, requiresGrad, op: "ones")
    }

    /// A tensor with every element equal to `value`.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - value: The value of every element.
    ///   - dtype: The element type.
    ///   - requiresGrad: Whether the new leaf collects gradients.
    /// - Precondition: No size is negative and the tensor fits in memory.
    public static func full(
        _ shape: [Int], value: Double, dtype: DType = .float32, requiresGrad: Bool = false
    ) -> Tensor {
        filled(shape, value, dtype, requiresGrad, op: "full")
    }

    private static func filled(_ shape: [Int], _ value: Double, _ dtype: DType, _ requiresGrad: Bool, op: String)
        -> Tensor
    {
        let t = Tensor(uninitialized: shape, dtype: dtype, op: op)
        switch dtype {
        case .float32: t.storage.pointer(Float.self).update(repeating: Float(value), count: t.count)
        case .float64: t.storage.pointer(Double.self).update(repeating: value, count: t.count)
        }
        t.requiresGrad = requiresGrad
        return t
    }

    /// Standard normal samples (mean 0, variance 1) from a generator seeded with `seed`.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - seed: The same seed gives the same values on every machine.
    ///   - dtype: The element type.
    ///   - requiresGrad: Whether the new leaf collects gradients.
    /// - Precondition: No size is negative and the tensor fits in memory.
    public static func randn(
        _ shape: [Int], seed: UInt64, dtype: DType = .float32, requiresGrad: Bool = false
    ) -> Tensor {
        var rng = RandomGenerator(seed: seed)
        return randn(shape, generator: &rng, dtype: dtype, requiresGrad: requiresGrad)
    }

    /// Standard normal samples drawn from `generator`.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - generator: The source of randomness, advanced by the draw.
    ///   - dtype: The element type.
    ///   - requiresGrad: Whether the new leaf collects gradients.
    /// - Precondition: No size is negative and the tensor fits in memory.
    public static func randn(
        _ shape: [Int], generator: inout RandomGenerator, dtype: DType = .float32, requiresGrad: Bool = false
    ) -> Tensor {
        let n = Shape.checkedCount(shape, op: "randn")
        Storage.requireFits(count: n, dtype: dtype, op: "randn")
        let values = (0..<n).map { _ in generator.nextNormal() }
        return Tensor(values, shape: shape, dtype: dtype, requiresGrad: requiresGrad)
    }

    /// Samples uniform in [low, high) from a generator seeded with `seed`.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - low: The inclusive lower bound.
    ///   - high: The exclusive upper bound.
    ///   - seed: The same seed gives the same values on every machine.
    ///   - dtype: The element type.
    ///   - requiresGrad: Whether the new leaf collects gradients.
    /// - Precondition: No size is negative and the tensor fits in memory.
    public static func uniform(
        _ shape: [Int], low: Double = 0, high: Double = 1, seed: UInt64, dtype: DType = .float32,
        requiresGrad: Bool = false
    ) -> Tensor {
        var rng = RandomGenerator(seed: seed)
        return uniform(shape, low: low, high: high, generator: &rng, dtype: dtype, requiresGrad: requiresGrad)
    }

    /// Samples uniform in [low, high) drawn from `generator`.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - low: The inclusive lower bound.
    ///   - high: The exclusive upper bound.
    ///   - generator: The source of randomness, advanced by the draw.
    ///   - dtype: The element type.
    ///   - requiresGrad: Whether the new leaf collects gradients.
    /// - Precondition: No size is negative and the tensor fits in memory.
    public static func uniform(
        _ shape: [Int], low: Double = 0, high: Double = 1, generator: inout RandomGenerator,
        dtype: DType = .float32, requiresGrad: Bool = false
    ) -> Tensor {
        let n = Shape.checkedCount(shape, op: "uniform")
        Storage.requireFits(count: n, dtype: dtype, op: "uniform")
        let values = (0..<n).map { _ in low + (high - low) * generator.nextUniform() }
        return Tensor(values, shape: shape, dtype: dtype, requiresGrad: requiresGrad)
    }
}
