/// Lines, points, bars, error bars, reference lines and text.
extension Figure {
    /// A line through the points (x[i], y[i]) in order, as matplotlib's `plot`. A point with a
    /// non-finite coordinate breaks the line there.
    ///
    /// - Parameters:
    ///   - x: The x coordinates.
    ///   - y: The y coordinates, as many.
    ///   - label: The legend entry; nil leaves the line out of the legend.
    ///   - color: nil takes the next colour of ``Color/palette``.
    ///   - style: Solid, dashed or dotted.
    ///   - lineWidth: In pixels.
    ///   - marker: A marker drawn at each point as well, or nil.
    /// - Precondition: `x` and `y` have the same count.
    public func line(
        x: [Double], y: [Double], label: String? = nil, color: Color? = nil, style: LineStyle = .solid,
        lineWidth: Double = 2, marker: Marker? = nil
    ) {
        requirePairs(x, y, "line")
        add(
            .line(x: x, y: y, style: style, width: lineWidth, marker: marker), label: label, color: color,
            function: "line")
    }

    /// A marker at each point (x[i], y[i]), as matplotlib's `scatter`; points with a
    /// non-finite coordinate are skipped. One call draws one class in one colour and marker.
    ///
    /// - Parameters:
    ///   - x: The x coordinates.
    ///   - y: The y coordinates, as many.
    ///   - label: The legend entry, such as the class name.
    ///   - color: nil takes the next colour of ``Color/palette``.
    ///   - marker: The shape.
    ///   - size: The marker's diameter in pixels.
    /// - Precondition: `x` and `y` have the same count.
    public func scatter(
        x: [Double], y: [Double], label: String? = nil, color: Color? = nil, marker: Marker = .circle,
        size: Double = 7
    ) {
        requirePairs(x, y, "scatter")
        add(.scatter(x: x, y: y, marker: marker, size: size), label: label, color: color, function: "scatter")
    }

    /// Vertical bars from 0 to each height, centred on x, as matplotlib's `bar`. Bars with a
    /// non-finite position or height are skipped.
    ///
    /// - Parameters:
    ///   - x: The centre of each bar.
    ///   - heights: The height of each bar, as many (negative bars hang down from 0).
    ///   - width: The width of every bar in data units; nil takes 0.8 of the smallest gap
    ///     between neighbouring centres (0.8 when there is one bar).
    ///   - label: The legend entry.
    ///   - color: nil takes the next colour of ``Color/palette``.
    /// - Precondition: `x` and `heights` have the same count, and `width` is positive.
    public func bars(x: [Double], heights: [Double], width: Double? = nil, label: String? = nil, color: Color? = nil) {
        requirePairs(x, heights, "bars")
        let sorted = x.filter(\.isFinite).sorted()
        let gap = zip(sorted, sorted.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }.min() ?? 1
        let w = width ?? 0.8 * gap
        require(w > 0 && w.isFinite, "Figure.bars: width must be positive, given \(w)")
        add(.bars(x: x, heights: heights, width: w), label: label, color: color, function: "bars")
    }

    /// A histogram: the finite values counted in `bins` equal bins over `range`, drawn as
    /// touching bars (matplotlib's `hist`). A value on an inner edge counts in the upper bin;
    /// the last bin includes its upper edge, as NumPy's `histogram`.
    ///
    /// - Parameters:
    ///   - values: The values; non-finite ones and ones outside `range` are not counted.
    ///   - bins: The number of bins.
    ///   - range: The bins' span; nil takes the finite values' minimum and maximum.
    ///   - label: The legend entry.
    ///   - color: nil takes the next colour of ``Color/palette``.
    /// - Returns: The count in each bin.
    /// - Precondition: `bins` ≥ 1, and `range` (when given) is finite.
    @discardableResult
    public func histogram(
        _ values: [Double], bins: Int = 10, range: ClosedRange<Double>? = nil, label: String? = nil,
        color: Color? = nil
    ) -> [Int] {
        require(bins >= 1, "Figure.histogram: bins must be at least 1, given \(bins)")
        let finite = values.filter(\.isFinite)
        let span = range ?? ((finite.min() ?? 0)...(finite.max() ?? 1))
        require(
            span.lowerBound.isFinite && span.upperBound.isFinite,
            "Figure.histogram: range must be finite, given \(span)")
        let (low, high) =
            span.upperBound > span.lowerBound
            ? (span.lowerBound, span.upperBound) : (span.lowerBound - 0.5, span.lowerBound + 0.5)
        let step = (high - low) / Double(bins)
        var counts = Array(repeating: 0, count: bins)
        for v in finite where v >= low && v <= high { counts[Swift.min(Int((v - low) / step), bins - 1)] += 1 }
        let centres = (0..<bins).map { low + (Double($0) + 0.5) * step }
        add(
            .bars(x: centres, heights: counts.map(Double.init), width: step), label: label, color: color,
            function: "histogram")
        return counts
    }

    /// Points with error bars, as matplotlib's `errorbar`: a marker at (x[i], y[i]) and a line
    /// from x − xError to x + xError (and y − yError to y + yError) with end caps. Points with
    /// a non-finite coordinate or error are skipped.
    ///
    /// - Parameters:
    ///   - x: The x coordinates.
    ///   - y: The y coordinates, as many.
    ///   - xError: Half-widths of horizontal bars, as many, or nil.
    ///   - yError: Half-heights of vertical bars, as many, or nil.
    ///   - label: The legend entry.
    ///   - color: nil takes the next colour of ``Color/palette``.
    ///   - marker: The shape at each point.
    /// - Precondition: All given arrays have the same count.
    public func errorBars(
        x: [Double], y: [Double], xError: [Double]? = nil, yError: [Double]? = nil, label: String? = nil,
        color: Color? = nil, marker: Marker = .circle
    ) {
        requirePairs(x, y, "errorBars")
        if let xError { requirePairs(x, xError, "errorBars (xError)") }
        if let yError { requirePairs(x, yError, "errorBars (yError)") }
        add(
            .errorBars(x: x, y: y, xError: xError, yError: yError, marker: marker), label: label, color: color,
            function: "errorBars")
    }

    /// A horizontal line across the whole axes at `y` (matplotlib's `axhline`); it does not
    /// widen the axes' limits.
    ///
    /// - Parameters:
    ///   - y: The height, in data coordinates; a non-finite value draws nothing.
    ///   - label: The legend entry.
    ///   - color: The colour (grey by default).
    ///   - style: Solid, dashed or dotted.
    public func horizontalLine(at y: Double, label: String? = nil, color: Color = .gray, style: LineStyle = .dashed) {
        add(
            .reference(horizontal: true, value: y, style: style), label: label, color: color, function: "horizontalLine"
        )
    }

    /// A vertical line across the whole axes at `x` (matplotlib's `axvline`); it does not
    /// widen the axes' limits.
    ///
    /// - Parameters:
    ///   - x: The position, in data coordinates; a non-finite value draws nothing.
    ///   - label: The legend entry.
    ///   - color: The colour (grey by default).
    ///   - style: Solid, dashed or dotted.
    public func verticalLine(at x: Double, label: String? = nil, color: Color = .gray, style: LineStyle = .dashed) {
        add(.reference(horizontal: false, value: x, style: style), label: label, color: color, function: "verticalLine")
    }

    /// Text centred at (x, y) in data coordinates (matplotlib's `text` with centred alignment);
    /// it does not widen the axes' limits, and a non-finite position draws nothing.
    ///
    /// - Parameters:
    ///   - string: The text; it is XML-escaped.
    ///   - x: The x coordinate of its centre.
    ///   - y: The y coordinate of its centre.
    ///   - color: The colour.
    ///   - size: The font size in pixels.
    ///   - halo: Outlines the letters in white, to keep them legible over a field or a line.
    public func text(
        _ string: String, x: Double, y: Double, color: Color = Color(hex: 0x222222), size: Double = 12,
        halo: Bool = false
    ) {
        add(.text(string, x: x, y: y, size: size, halo: halo), label: nil, color: color, function: "text")
    }
}
