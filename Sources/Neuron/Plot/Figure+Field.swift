/// Values on a grid: a colour field with contours, class regions, and a heat map of cells.
extension Figure {
    /// A filled field of values on a regular grid, coloured by `colorMap` and smoothed between
    /// grid points (as matplotlib's `imshow` with bilinear interpolation), with an optional
    /// contour line. For a probability field use the diverging ``ColorMap/redBlue`` and
    /// contour 0.5: red where class 0 is likelier, blue where class 1 is.
    ///
    /// values[i][j] is the value at (x.lowerBound + j·Δx, y.lowerBound + i·Δy): row i = 0 is
    /// the bottom of the grid. Non-finite values are left transparent.
    ///
    /// - Parameters:
    ///   - values: The grid, `rows` arrays of `columns` values.
    ///   - x: The x coordinates of the first and last column.
    ///   - y: The y coordinates of the first and last row.
    ///   - colorMap: The colour of each value.
    ///   - range: The values mapped to the ends of the colour map.
    ///   - contour: The level of a contour line (marching squares), or nil for none.
    ///   - contourLabel: The contour line's legend entry.
    ///   - colorBarLabel: Draws a colour bar beside the axes with this label, or none if nil.
    ///   - opacity: How strongly the colours cover the white background (matplotlib's alpha),
    ///     in [0, 1]; below 1 the points drawn on top stay visible on the darkest colours.
    /// - Precondition: At least 2 × 2 values in equal rows; the ranges are finite and of
    ///   non-zero width.
    public func field(
        _ values: [[Double]], x: ClosedRange<Double>, y: ClosedRange<Double>, colorMap: ColorMap = .redBlue,
        range: ClosedRange<Double> = 0...1, contour: Double? = nil, contourLabel: String? = nil,
        colorBarLabel: String? = nil, opacity: Double = 0.7
    ) {
        let (rows, columns) = requireGrid(values.map(\.count), x: x, y: y, function: "field")
        require(range.upperBound > range.lowerBound, "Figure.field: range must have positive width, given \(range)")
        let span = range.upperBound - range.lowerBound
        let pixels = (0..<rows).reversed().flatMap { i in
            values[i].map { v -> PNG.Pixel in
                guard v.isFinite else { return (0, 0, 0, 0) }
                let c = colorMap.color(at: (v - range.lowerBound) / span).mixed(with: .white, 1 - opacity)
                return (c.red, c.green, c.blue, 255)
            }
        }
        addRaster(pixels, rows: rows, columns: columns, x: x, y: y, function: "field")
        if let colorBarLabel {
            colorBar = ColorBar(colorMap: colorMap, range: range, label: colorBarLabel, opacity: opacity)
        }
        if let contour {
            self.contour(values, x: x, y: y, level: contour, label: contourLabel, color: .black)
        }
    }

    /// The contour line of a grid of values at one level, by marching squares, as matplotlib's
    /// `contour` with one level. The grid is laid out as for ``field(_:x:y:colorMap:range:contour:contourLabel:colorBarLabel:opacity:)``.
    ///
    /// - Parameters:
    ///   - values: The grid, `rows` arrays of `columns` values.
    ///   - x: The x coordinates of the first and last column.
    ///   - y: The y coordinates of the first and last row.
    ///   - level: Where the line runs: it separates values ≥ level from values below.
    ///   - label: The legend entry (left out when the values never cross the level).
    ///   - color: The line's colour.
    /// - Precondition: As for the field.
    public func contour(
        _ values: [[Double]], x: ClosedRange<Double>, y: ClosedRange<Double>, level: Double, label: String? = nil,
        color: Color = .black
    ) {
        let (rows, columns) = requireGrid(values.map(\.count), x: x, y: y, function: "contour")
        let lines = MarchingSquares.contours(values, level: level)
        addGridLines(lines, rows: rows, columns: columns, x: x, y: y, label: label, color: color)
    }

    /// Decision regions of a classifier on a grid: each point coloured by its most probable
    /// class, paler where that class is less sure, with black boundary lines where the most
    /// probable class changes (contours of pₖ − maxⱼ≠ₖ pⱼ at 0).
    ///
    /// - Parameters:
    ///   - probabilities: probabilities[i][j] holds the K class probabilities at grid point
    ///     (i, j), laid out as for ``field(_:x:y:colorMap:range:contour:contourLabel:colorBarLabel:opacity:)``.
    ///   - x: The x coordinates of the first and last column.
    ///   - y: The y coordinates of the first and last row.
    ///   - colors: The colour of each class; nil takes ``Color/palette``.
    ///   - boundaryLabel: The boundary lines' legend entry.
    /// - Precondition: At least 2 × 2 grid points in equal rows, every point with the same
    ///   K ≥ 2 probabilities, and enough colours.
    public func regions(
        _ probabilities: [[[Double]]], x: ClosedRange<Double>, y: ClosedRange<Double>, colors: [Color]? = nil,
        boundaryLabel: String? = nil
    ) {
        let (rows, columns) = requireGrid(probabilities.map(\.count), x: x, y: y, function: "regions")
        let k = probabilities[0][0].count
        require(k >= 2, "Figure.regions: needs at least 2 classes per grid point, given \(k)")
        require(
            probabilities.allSatisfy { $0.allSatisfy { $0.count == k } },
            "Figure.regions: every grid point needs \(k) class probabilities")
        let palette = colors ?? Color.palette
        require(palette.count >= k, "Figure.regions: \(k) classes but \(palette.count) colours")
        let pixels = (0..<rows).reversed().flatMap { i in
            probabilities[i].map { p -> PNG.Pixel in
                guard p.allSatisfy(\.isFinite), let top = p.indices.max(by: { p[$0] < p[$1] }) else {
                    return (0, 0, 0, 0)
                }
                let sureness = (p[top] - 1 / Double(k)) / (1 - 1 / Double(k))
                let c = Color.white.mixed(with: palette[top], 0.15 + 0.4 * Swift.min(Swift.max(sureness, 0), 1))
                return (c.red, c.green, c.blue, 255)
            }
        }
        addRaster(pixels, rows: rows, columns: columns, x: x, y: y, function: "regions")
        var lines: [[MarchingSquares.Point]] = []
        for c in 0..<(k - 1) {
            let margin = probabilities.map { row in
                row.map { p in p[c] - (p.indices.filter { $0 != c }.map { p[$0] }.max() ?? 0) }
            }
            lines += MarchingSquares.contours(margin, level: 0)
        }
        addGridLines(lines, rows: rows, columns: columns, x: x, y: y, label: boundaryLabel, color: .black)
    }

    /// A heat map of a matrix, as matplotlib's `imshow` of a small matrix: cell (i, j) is a
    /// square centred at x = j, y = i, row 0 at the top, with optional text in each cell
    /// (written in white on dark cells). Sets `yInverted` and turns the grid off.
    ///
    /// - Parameters:
    ///   - values: The matrix, rows of equal length.
    ///   - colorMap: The colour of each value.
    ///   - range: The values mapped to the ends of the colour map; nil takes 0 ... the largest
    ///     finite value (1 when there is none above 0).
    ///   - annotations: Text for each cell, the same shape as `values`, or nil.
    ///   - colorBarLabel: Draws a colour bar beside the axes with this label, or none if nil.
    /// - Precondition: At least one row, rows of equal non-zero length, annotations (when
    ///   given) of the same shape.
    public func heatmap(
        _ values: [[Double]], colorMap: ColorMap = .blues, range: ClosedRange<Double>? = nil,
        annotations: [[String]]? = nil, colorBarLabel: String? = nil
    ) {
        let columns = values.first?.count ?? 0
        require(
            !values.isEmpty && columns > 0 && values.allSatisfy { $0.count == columns },
            "Figure.heatmap: needs a non-empty matrix with rows of equal length, given row lengths \(values.map(\.count))"
        )
        if let annotations {
            require(
                annotations.map(\.count) == values.map(\.count),
                "Figure.heatmap: annotations have row lengths \(annotations.map(\.count)), values \(values.map(\.count))"
            )
        }
        let largest = values.joined().filter(\.isFinite).max() ?? 1
        let chosen = range ?? 0...(largest > 0 ? largest : 1)
        require(
            chosen.upperBound > chosen.lowerBound, "Figure.heatmap: range must have positive width, given \(chosen)")
        add(
            .cells(values: values, colorMap: colorMap, range: chosen, annotations: annotations), label: nil,
            color: .black, function: "heatmap")
        if let colorBarLabel {
            colorBar = ColorBar(colorMap: colorMap, range: chosen, label: colorBarLabel, opacity: 1)
        }
        yInverted = true
        showsGrid = false
    }

    // MARK: - Grid plumbing

    /// Checks a grid's row lengths and extent; returns its rows and columns.
    private func requireGrid(
        _ rowLengths: [Int], x: ClosedRange<Double>, y: ClosedRange<Double>, function: String
    ) -> (rows: Int, columns: Int) {
        let columns = rowLengths.first ?? 0
        require(
            rowLengths.count >= 2 && columns >= 2 && rowLengths.allSatisfy { $0 == columns },
            "Figure.\(function): needs a grid of at least 2 × 2 values in rows of equal length, given \(rowLengths.count) rows of lengths \(Set(rowLengths).sorted())"
        )
        for (name, r) in [("x", x), ("y", y)] {
            require(
                r.lowerBound.isFinite && r.upperBound.isFinite && r.upperBound > r.lowerBound,
                "Figure.\(function): the \(name) range must be finite and of positive width, given \(r)")
        }
        return (rowLengths.count, columns)
    }

    /// Adds the image of a grid whose pixel centres are the grid points.
    private func addRaster(
        _ pixels: [PNG.Pixel], rows: Int, columns: Int, x: ClosedRange<Double>, y: ClosedRange<Double>,
        function: String
    ) {
        let dx = (x.upperBound - x.lowerBound) / Double(columns - 1) / 2
        let dy = (y.upperBound - y.lowerBound) / Double(rows - 1) / 2
        let raster = Raster(
            columns: columns, rows: rows, pixels: pixels, x: (x.lowerBound - dx)...(x.upperBound + dx),
            y: (y.lowerBound - dy)...(y.upperBound + dy))
        add(.raster(raster), label: nil, color: .black, function: function)
    }

    /// Adds contour polylines given in grid coordinates, mapped to data coordinates; adds
    /// nothing when there are none (a field that never crosses the level).
    private func addGridLines(
        _ lines: [[MarchingSquares.Point]], rows: Int, columns: Int, x: ClosedRange<Double>,
        y: ClosedRange<Double>, label: String?, color: Color
    ) {
        let sx = (x.upperBound - x.lowerBound) / Double(columns - 1)
        let sy = (y.upperBound - y.lowerBound) / Double(rows - 1)
        let mapped = lines.map { $0.map { (x: x.lowerBound + $0.x * sx, y: y.lowerBound + $0.y * sy) } }
        guard !mapped.isEmpty else { return }  // no line, so no legend entry claiming one
        add(.polylines(mapped, width: 2, style: .solid), label: label, color: color, function: "contour")
    }
}
