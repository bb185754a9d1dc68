/// A layer or model: a function of one tensor with trainable parameters.
///
/// Parameters are found automatically: every stored `Tensor` property that requires grad is a
/// parameter named after the property, and every stored `Module` property (or array of
/// modules) contributes its own parameters under a dotted prefix, so names match PyTorch's
/// (`"0.weight"`, `"encoder.bias"`). The order is the declaration order, so it is the same
/// on every run.
///
/// ```swift
/// final class TwoLayer: Module {
///     let hidden = Linear(4, 8)
///     let output = Linear(8, 1)
///     func callAsFunction(_ x: Tensor) -> Tensor { output(hidden(x).relu()) }
/// }
/// TwoLayer().namedParameters.map(\.name)   // ["hidden.weight", "hidden.bias", "output.weight", "output.bias"]
/// ```
public protocol Module: AnyObject {
    /// Applies the module to an input.
    ///
    /// - Parameter input: The input tensor.
    /// - Returns: The output tensor.
    func callAsFunction(_ input: Tensor) -> Tensor

    /// The trainable tensors with their dotted names, in a deterministic order.
    var namedParameters: [(name: String, tensor: Tensor)] { get }

    /// The module in PyTorch's `repr` layout: built-in layers give their settings
    /// (`Linear(in_features=30, out_features=1, bias=True)`, `Sigmoid()`); by default a module
    /// lists its stored sub-modules, one per indented line as `(name): ...`.
    var layerDescription: String { get }
}

extension Module {
    /// The parameters found by reflection over stored properties (see ``Module``).
    /// A tensor reachable twice (a layer used twice, a tied weight) is listed once, under its
    /// first name, as PyTorch does, so an optimizer steps it once.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        uniqueParameters(
            Mirror(reflecting: self).children.flatMap { child in
                parameters(of: child.value, prefix: child.label ?? "")
            })
    }

    /// The trainable tensors, in the order of `namedParameters`.
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }

    /// The total number of trainable values.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Clears the gradient of every parameter.
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }

    /// Converts every parameter to `dtype` in place (float64 for gradient checking or
    /// statistics, float32 for speed), keeping their identities.
    ///
    /// - Parameter dtype: The new element type.
    public func convertParameters(to dtype: DType) {
        for p in parameters { p.convert(to: dtype) }
    }

    /// `named` without the repeats of a tensor already listed under an earlier name.
    func uniqueParameters(_ named: [(name: String, tensor: Tensor)]) -> [(name: String, tensor: Tensor)] {
        var seen = Set<ObjectIdentifier>()
        return named.filter { seen.insert(ObjectIdentifier($0.tensor)).inserted }
    }

    /// The parameters inside one stored property's value, named under `prefix`.
    private func parameters(of value: Any, prefix: String) -> [(name: String, tensor: Tensor)] {
        switch value {
        case let tensor as Tensor:
            return tensor.requiresGrad ? [(prefix, tensor)] : []
        case let module as any Module:
            return module.namedParameters.map { ("\(prefix).\($0.name)", $0.tensor) }
        case let modules as [any Module]:
            return modules.enumerated().flatMap { i, module in
                module.namedParameters.map { ("\(prefix).\(i).\($0.name)", $0.tensor) }
            }
        default:
            // An Optional<Tensor> or Optional<Module> property: look inside when present.
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional, let wrapped = mirror.children.first {
                return parameters(of: wrapped.value, prefix: prefix)
            }
            return []
        }
    }
}
