import Foundation

extension Plot {
    /// What a classifier of two inputs predicts over the plane, with the data on top.
    ///
    /// The model is evaluated under `withNoGrad` on a `resolution` × `resolution` grid that
    /// covers the points with a margin of 15 % of their range on each side, through its
    /// public call only. Its output decides the picture:
    /// - one column (a probability of class 1, as `Sigmoid` gives; values outside [0, 1] are
    ///   taken for logits and passed through σ): a red–blue probability field with a colour
    ///   bar and the 0.5 contour as the decision boundary (none when the outputs vary by less
    ///   than 10⁻⁶ over the grid: such a model has no boundary);
    /// - K ≥ 2 columns (probabilities, or logits that are put through a softmax unless every row
    ///   already sums to 1): regions coloured by the most probable class, paler where it is
    ///   less sure, with black lines where the predicted class changes.
    ///
    /// The points of each class are drawn in their own colour and marker: class 0 red
    /// circles and class 1 blue squares for a binary model, the palette for more classes.
    ///
    /// - Parameters:
    ///   - model: Any module mapping [m, 2] to [m], [m, 1] or [m, K]; its parameters' dtype is
    ///     used for the grid.
    ///   - x: The points, [n, 2].
    ///   - labels: The class of each point, from 0.
    ///   - classNames: A name per class for the legend; nil writes "class 0", "class 1", ….
    ///   - title: The figure's title.
    ///   - xLabel: The first input's name.
    ///   - yLabel: The second input's name.
    ///   - resolution: Grid points per side (at least 2).
    /// - Returns: The figure.
    /// - Precondition: `x` is [n, 2] with n ≥ 1 and finite values; one label per row, none
    ///   negative; enough class names; at most 10 classes; the model's output has one row per
    ///   grid point.
    public static func decisionBoundary(
        _ model: any Module, x: Tensor, labels: [Int], classNames: [String]? = nil,
        title: String = "Decision boundary", xLabel: String = "x₁", yLabel: String = "x₂", resolution: Int = 100
    ) -> Figure {
        let f = "Plot.decisionBoundary"
        require(x.rank == 2 && x.shape[1] == 2, "\(f): x must have shape [n, 2], given \(x.shape)")
        let n = x.shape[0]
        require(n > 0, "\(f): no points to plot")
        require(labels.count == n, "\(f): \(labels.count) labels for \(n) points")
        require(resolution >= 2, "\(f): resolution must be at least 2, given \(resolution)")
        require(labels.allSatisfy { $0 >= 0 }, "\(f): labels must be classes from 0, given \(labels.min()!)")
        let values = x.asArray(Double.self)
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            fatalError("\(f): x[\(i / 2), \(i % 2)] = \(values[i]) is not finite")
        }
        let xs = stride(from: 0, to: values.count, by: 2).map { values[$0] }
        let ys = stride(from: 1, to: values.count, by: 2).map { values[$0] }
        let (xRange, yRange) = (covering(xs), covering(ys))

        // The grid, row i = y, column j = x, as Figure.field lays it out.
        let step = (
            x: (xRange.upperBound - xRange.lowerBound) / Double(resolution - 1),
            y: (yRange.upperBound - yRange.lowerBound) / Double(resolution - 1)
        )
        var grid: [Double] = []
        grid.reserveCapacity(2 * resolution * resolution)
        for i in 0..<resolution {
            for j in 0..<resolution {
                grid += [xRange.lowerBound + Double(j) * step.x, yRange.lowerBound + Double(i) * step.y]
            }
        }
        let dtype = model.parameters.first?.dtype ?? x.dtype
        let output = withNoGrad { model(Tensor(grid, shape: [resolution * resolution, 2], dtype: dtype)) }
        let m = resolution * resolution
        require(
            output.shape.first == m && (output.rank == 1 || output.rank == 2),
            "\(f): the model gave shape \(output.shape) for \(m) grid points; expected [\(m)], [\(m), 1] or [\(m), K]")
        let columns = output.rank == 1 ? 1 : output.shape[1]
        let outputs = output.asArray(Double.self)

        let classCount = Swift.max(labels.max()! + 1, columns == 1 ? 2 : columns)
        require(classCount <= 10, "\(f): at most 10 classes can be told apart by colour, given \(classCount)")
        let names = classNames ?? (0..<classCount).map { "class \($0)" }
        require(names.count >= classCount, "\(f): \(names.count) class names for \(classCount) classes")
        let figure = Figure(title: title, xLabel: xLabel, yLabel: yLabel, width: 600, height: 500)
        figure.xLimits = xRange
        figure.yLimits = yRange
        let colors: [Figure.Color]
        if columns == 1 {
            // Probabilities, or logits when any value leaves [0, 1].
            let isLogit = outputs.contains { $0.isFinite && ($0 < 0 || $0 > 1) }
            let p = isLogit ? outputs.map { 1 / (1 + Foundation.exp(-$0)) } : outputs
            let rows = (0..<resolution).map { Array(p[($0 * resolution)..<(($0 + 1) * resolution)]) }
            // A model that is flat to rounding (weights near 0) has no boundary: the 0.5 contour
            // would only trace its rounding errors.
            let finite = p.filter(\.isFinite)
            let flat = (finite.max() ?? 0) - (finite.min() ?? 0) < 1e-6
            figure.field(
                rows, x: xRange, y: yRange, colorMap: .redBlue, contour: flat ? nil : 0.5, contourLabel: "p = 0.5",
                colorBarLabel: "P(\(names[1]))")
            colors = [Figure.Color(hex: 0xd62728), Figure.Color(hex: 0x1f77b4)] + Figure.Color.palette.dropFirst(2)
        } else {
            let rows = (0..<resolution).map { i in
                (0..<resolution).map { j in
                    probabilities(
                        Array(outputs[((i * resolution + j) * columns)..<((i * resolution + j + 1) * columns)]))
                }
            }
            colors = Figure.Color.palette
            figure.regions(rows, x: xRange, y: yRange, colors: Array(colors.prefix(columns)), boundaryLabel: "boundary")
        }
        for c in 0..<classCount {
            let members = labels.indices.filter { labels[$0] == c }
            guard !members.isEmpty else { continue }
            figure.scatter(
                x: members.map { xs[$0] }, y: members.map { ys[$0] }, label: names[c], color: colors[c],
                marker: Figure.Marker.allCases[c % Figure.Marker.allCases.count], size: n > 200 ? 6 : 8)
        }
        return figure
    }

    /// The range of `values` widened by 15 % of its span on each side (½ around a single value).
    private static func covering(_ values: [Double]) -> ClosedRange<Double> {
        let (low, high) = (values.min()!, values.max()!)
        let pad = high > low ? 0.15 * (high - low) : 0.5
        return (low - pad)...(high + pad)
    }

    /// A row of K outputs as probabilities: as they are when they are non-negative and sum to
    /// 1 (within 10⁻⁴), else their softmax (computed stably, from the largest).
    private static func probabilities(_ row: [Double]) -> [Double] {
        if row.allSatisfy({ $0 >= 0 }) && Swift.abs(row.reduce(0, +) - 1) < 1e-4 { return row }
        let top = row.max() ?? 0
        let e = row.map { Foundation.exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }
}
