/// How modules print themselves: PyTorch's layout, so that `print(model)` reads as
/// `print(model)` does in PyTorch.
///
/// ```swift
/// print(Sequential(Linear(30, 1), Sigmoid()))
/// // Sequential(
/// //   (0): Linear(in_features=30, out_features=1, bias=True)
/// //   (1): Sigmoid()
/// // )
/// // 31 trainable parameters
/// ```
extension Module {
    /// The layout found by reflection: the type's name, then each stored sub-module (or array
    /// of modules) on its own indented line as `(name): ...`, as PyTorch prints a module of
    /// your own.
    public var layerDescription: String {
        let children = Mirror(reflecting: self).children.flatMap { child -> [(String, any Module)] in
            let label = child.label ?? "?"
            switch child.value {
            case let module as any Module: return [(label, module)]
            case let modules as [any Module]: return modules.enumerated().map { ("\(label).\($0)", $1) }
            default: return []
            }
        }
        return moduleLayout(name: String(describing: type(of: self)), children: children)
    }

    /// The one-line summary printed under a model: its number of trainable values.
    public var parameterSummary: String {
        let count = parameterCount
        return "\(count) trainable parameter\(count == 1 ? "" : "s")"
    }
}

/// `name(...)` with `children` indented as PyTorch's `nn.Module.__repr__` lays them out:
/// `name()` when there are none.
func moduleLayout(name: String, children: [(label: String, module: any Module)]) -> String {
    guard !children.isEmpty else { return "\(name)()" }
    var lines = ["\(name)("]
    for (label, module) in children {
        let nested = module.layerDescription.split(separator: "\n", omittingEmptySubsequences: false)
        lines.append("  (\(label)): " + nested[0])
        lines += nested.dropFirst().map { "  " + $0 }
    }
    lines.append(")")
    return lines.joined(separator: "\n")
}

extension Sequential: CustomStringConvertible {
    /// The layers, one per line as PyTorch prints an `nn.Sequential`.
    public var layerDescription: String {
        moduleLayout(name: "Sequential", children: layers.enumerated().map { (String($0), $1) })
    }

    /// The layers as PyTorch prints them, then the number of trainable parameters.
    public var description: String { layerDescription + "\n" + parameterSummary }
}

extension Linear: CustomStringConvertible {
    /// `Linear(in_features=…, out_features=…, bias=True|False)`, as PyTorch prints it.
    public var layerDescription: String {
        "Linear(in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias == nil ? "False" : "True"))"
    }

    /// The layer's layout (see ``layerDescription``).
    public var description: String { layerDescription }
}

extension Sigmoid: CustomStringConvertible {
    /// `Sigmoid()`.
    public var description: String { layerDescription }
}

extension ReLU: CustomStringConvertible {
    /// `ReLU()`.
    public var description: String { layerDescription }
}

extension Tanh: CustomStringConvertible {
    /// `Tanh()`.
    public var description: String { layerDescription }
}

extension Softmax: CustomStringConvertible {
    /// `Softmax(dim=…)`, as PyTorch prints it.
    public var layerDescription: String { "Softmax(dim=\(axis))" }
    /// The layer's layout (see ``layerDescription``).
    public var description: String { layerDescription }
}

extension LogSoftmax: CustomStringConvertible {
    /// `LogSoftmax(dim=…)`, as PyTorch prints it.
    public var layerDescription: String { "LogSoftmax(dim=\(axis))" }
    /// The layer's layout (see ``layerDescription``).
    public var description: String { layerDescription }
}

extension Sequential {
    /// The layer at `index` as the type you expect, without a cast: the coefficients of a
    /// logistic regression are `model.layer(0, as: Linear.self).weight`.
    ///
    /// - Parameters:
    ///   - index: The position, from 0.
    ///   - type: The layer's type.
    /// - Returns: The layer.
    /// - Precondition: There is a layer at `index` and it is a `type`.
    public func layer<Layer: Module>(_ index: Int, as type: Layer.Type) -> Layer {
        let found = self[index]
        guard let layer = found as? Layer else {
            fatalError("Sequential.layer(\(index), as: \(Layer.self)): layer \(index) is \(found.layerDescription)")
        }
        return layer
    }

    /// The `Linear` layers, in order: `model.linearLayers[0].weight` for the first.
    public var linearLayers: [Linear] { layers.compactMap { $0 as? Linear } }
}
