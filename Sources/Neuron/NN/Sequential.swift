/// Modules applied one after another; parameters are named by position, as PyTorch's
/// `nn.Sequential` names them (`"0.weight"`, `"0.bias"`, `"2.weight"`, …).
///
/// ```swift
/// let logisticRegression = Sequential(Linear(30, 1), Sigmoid())
/// let mlp = Sequential {
///     Linear(2, 4)
///     Tanh()
///     Linear(4, 1)
///     Sigmoid()
/// }
/// ```
public final class Sequential: Module {
    /// The modules, in the order they are applied.
    public let layers: [any Module]

    /// A sequence of the given modules.
    ///
    /// - Parameter layers: The modules, first applied first.
    public init(_ layers: any Module...) { self.layers = layers }

    /// A sequence of the modules in an array.
    ///
    /// - Parameter layers: The modules, first applied first.
    public init(layers: [any Module]) { self.layers = layers }

    /// A sequence of the modules listed in a builder block.
    ///
    /// - Parameter build: The modules, one per line, with `if` and `for` allowed.
    public init(@ModuleBuilder _ build: () -> [any Module]) { self.layers = build() }

    /// The input passed through every module in turn.
    ///
    /// Without gradient recording (`withNoGrad`), a `Linear` followed by `Sigmoid`, `Tanh` or
    /// `ReLU` runs as one fused op: the same values, fewer buffers.
    ///
    /// - Parameter input: The input of the first module.
    /// - Returns: The output of the last.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        var x = input
        var i = 0
        while i < layers.count {
            let layer = layers[i]
            if !GradMode.isEnabled, let affine = layer as? Linear, i + 1 < layers.count,
                let activation = Self.fusableActivation(layers[i + 1])
            {
                x = AnomalyMode.at("Sequential layers \(i)–\(i + 1) (Linear, fused)") {
                    linear(x, weight: affine.weight, bias: affine.bias, activation: activation)
                }
                i += 2
                continue
            }
            x = AnomalyMode.at("Sequential layer \(i) (\(type(of: layer)))") { layer(x) }
            i += 1
        }
        return x
    }

    /// The kernel of an activation layer that `linear` can apply in place, or nil.
    private static func fusableActivation(_ layer: any Module) -> UnaryKernel? {
        switch layer {
        case is Sigmoid: .sigmoid
        case is Tanh: .tanh
        case is ReLU: .relu
        default: nil
        }
    }

    /// Parameters named by position: `"<index>.<name within the layer>"`; a layer used twice
    /// is listed once, under its first position.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        uniqueParameters(
            layers.enumerated().flatMap { i, layer in
                layer.namedParameters.map { ("\(i).\($0.name)", $0.tensor) }
            })
    }

    /// The module at a position.
    ///
    /// - Parameter index: The position, from 0.
    /// - Precondition: `0 ≤ index < layers.count`.
    public subscript(index: Int) -> any Module {
        require(
            layers.indices.contains(index),
            "Sequential: no layer at index \(index); this Sequential has \(layers.count) (0..<\(layers.count))")
        return layers[index]
    }
}

/// Builds the layer list of a ``Sequential`` from a block of modules.
@resultBuilder
public enum ModuleBuilder {
    /// One module.
    public static func buildExpression(_ module: any Module) -> [any Module] { [module] }
    /// Modules listed one after another.
    public static func buildBlock(_ parts: [any Module]...) -> [any Module] { parts.flatMap { $0 } }
    /// Modules from an `if` without `else`.
    public static func buildOptional(_ part: [any Module]?) -> [any Module] { part ?? [] }
    /// Modules from the first branch of an `if`/`else`.
    public static func buildEither(first part: [any Module]) -> [any Module] { part }
    /// Modules from the second branch of an `if`/`else`.
    public static func buildEither(second part: [any Module]) -> [any Module] { part }
    /// Modules from a `for` loop.
    public static func buildArray(_ parts: [[any Module]]) -> [any Module] { parts.flatMap { $0 } }
}
