import Foundation

extension Tensor: CustomStringConvertible {
    /// The values laid out as PyTorch prints them, followed by shape, dtype and whether the
    /// tensor takes part in autograd. Tensors of more than 1000 elements are abbreviated to
    /// their first and last three entries along each dimension.
    ///
    /// ```
    /// tensor([[1., 2.],
    ///         [3., 4.]], shape: [2, 2], dtype: float32)
    /// ```
    public var description: String {
        let values = asArray(Double.self)
        let summarize = count > 1000
        let shown = Tensor.shownIndices(shape: shape, summarize: summarize)
        let format = Tensor.numberFormat(for: shown.map { values[$0] })
        let width = shown.map { format(values[$0]).count }.max() ?? 0
        let body = Tensor.layout(
            values, shape: shape, strides: Shape.strides(shape), dim: 0, offset: 0, indent: 8,
            summarize: summarize
        ) { value in
            let s = format(value)
            return String(repeating: " ", count: width - s.count) + s
        }
        var extras = ["shape: \(shape)", "dtype: \(dtype)"]
        if let name = gradFunctionName {
            extras.append("gradFunction: \(name)")
        } else if requiresGrad {
            extras.append("requiresGrad: true")
        }
        return "tensor(\(body), \(extras.joined(separator: ", ")))"
    }

    /// The flat indices that appear in the printout.
    private static func shownIndices(shape: [Int], summarize: Bool) -> [Int] {
        var indices = [0]
        let strides = Shape.strides(shape)
        for (d, size) in shape.enumerated() {
            let keep = summarize && size > 6 ? Array(0..<3) + Array((size - 3)..<size) : Array(0..<size)
            indices = indices.flatMap { base in keep.map { base + $0 * strides[d] } }
        }
        return indices
    }

    /// One number style for the whole printout: integers as `3.`, moderate values with four
    /// decimals, very large or very small magnitudes in scientific notation.
    private static func numberFormat(for values: [Double]) -> (Double) -> String {
        let finite = values.filter { $0.isFinite }
        let magnitudes = finite.map { Swift.abs($0) }.filter { $0 > 0 }
        let largest = magnitudes.max() ?? 0
        let smallest = magnitudes.min() ?? 0
        func special(_ v: Double) -> String? {
            v.isNaN ? "nan" : v.isInfinite ? (v > 0 ? "inf" : "-inf") : nil
        }
        if finite.allSatisfy({ $0 == $0.rounded() }) && largest < 1e8 {
            return { v in special(v) ?? String(format: "%.0f.", v) }
        }
        if largest >= 1e8 || (smallest > 0 && smallest < 1e-4) || (smallest > 0 && largest / smallest > 1e3) {
            return { v in special(v) ?? String(format: "%.4e", v) }
        }
        return { v in special(v) ?? String(format: "%.4f", v) }
    }

    /// Nested brackets for dimension `dim` onwards.
    private static func layout(
        _ values: [Double], shape: [Int], strides: [Int], dim: Int, offset: Int, indent: Int,
        summarize: Bool, _ text: (Double) -> String
    ) -> String {
        if shape.isEmpty { return text(values[0]) }
        let size = shape[dim]
        let cut = summarize && size > 6
        let indices = cut ? Array(0..<3) + [-1] + Array((size - 3)..<size) : Array(0..<size)
        let last = dim == shape.count - 1
        let parts: [String] = indices.map { i in
            if i < 0 { return "..." }
            let at = offset + i * strides[dim]
            if last { return text(values[at]) }
            return layout(
                values, shape: shape, strides: strides, dim: dim + 1, offset: at, indent: indent + 1,
                summarize: summarize, text)
        }
        let blankLines = String(repeating: "\n", count: Swift.max(shape.count - dim - 1, 0))
        let separator = last ? ", " : "," + blankLines + String(repeating: " ", count: indent)
        return "[" + parts.joined(separator: separator) + "]"
    }
}
