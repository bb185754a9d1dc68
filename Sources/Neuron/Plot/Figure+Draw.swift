/// Drawing each mark inside the axes. Only finite data is mapped to pixels, so no coordinate
/// is ever NaN or infinite.
extension Figure {
    /// Appends one mark; `edged` gives markers a dark outline (over a field or heat map).
    func renderMark(_ mark: Mark, into out: inout String, _ layout: Layout, edged: Bool) {
        let color = mark.color.css
        let inverted = yInverted
        func point(_ x: Double, _ y: Double) -> (Double, Double)? {
            x.isFinite && y.isFinite ? (layout.px(x), layout.py(y, inverted: inverted)) : nil
        }
        switch mark.kind {
        case .line(let x, let y, let style, let width, let marker):
            let runs = finiteRuns(zip(x, y).map { point($0, $1) })
            out += path(runs, stroke: color, width: width, style: style, className: "line")
            if let marker {
                for run in runs {
                    for p in run { out += Figure.marker(marker, at: p, size: 6, fill: color, edged: edged) }
                }
            }
        case .scatter(let x, let y, let marker, let size):
            out += "<g class=\"scatter\">\n"
            for (a, b) in zip(x, y) {
                if let p = point(a, b) { out += Figure.marker(marker, at: p, size: size, fill: color, edged: edged) }
            }
            out += "</g>\n"
        case .bars(let x, let heights, let w):
            out += "<g class=\"bars\">\n"
            for (a, h) in zip(x, heights) {
                guard let p0 = point(a - w / 2, 0), let p1 = point(a + w / 2, h) else { continue }
                out += SVG.rect(
                    x: Swift.min(p0.0, p1.0), y: Swift.min(p0.1, p1.1), width: Swift.abs(p1.0 - p0.0),
                    height: Swift.abs(p1.1 - p0.1), fill: color, extra: "stroke=\"#ffffff\" stroke-width=\"0.8\"")
            }
            out += "</g>\n"
        case .errorBars(let x, let y, let xError, let yError, let marker):
            out += "<g class=\"error-bars\">\n"
            for i in x.indices {
                let (ex, ey) = (xError?[i] ?? 0, yError?[i] ?? 0)
                guard ex.isFinite, ey.isFinite, let c = point(x[i], y[i]) else { continue }
                if ex != 0, let l = point(x[i] - ex, y[i]), let r = point(x[i] + ex, y[i]) {
                    out += SVG.line(l.0, l.1, r.0, r.1, stroke: color, width: 1.6)
                    for e in [l, r] { out += SVG.line(e.0, e.1 - 4, e.0, e.1 + 4, stroke: color, width: 1.6) }
                }
                if ey != 0, let b = point(x[i], y[i] - ey), let t = point(x[i], y[i] + ey) {
                    out += SVG.line(b.0, b.1, t.0, t.1, stroke: color, width: 1.6)
                    for e in [b, t] { out += SVG.line(e.0 - 4, e.1, e.0 + 4, e.1, stroke: color, width: 1.6) }
                }
                out += Figure.marker(marker, at: c, size: 7, fill: color, edged: edged)
            }
            out += "</g>\n"
        case .reference(let horizontal, let value, let style):
            guard value.isFinite else { return }
            let (x, y) = (layout.px(value), layout.py(value, inverted: inverted))
            let ends = horizontal ? [(layout.left, y), (layout.right, y)] : [(x, layout.top), (x, layout.bottom)]
            out += path([ends], stroke: color, width: 1.5, style: style, className: "reference")
        case .raster(let r):
            renderRaster(r, into: &out, layout)
        case .polylines(let lines, let width, let style):
            let runs = lines.map { $0.compactMap { point($0.x, $0.y) } }.filter { $0.count >= 2 }
            out += path(runs, stroke: color, width: width, style: style, className: "contour")
        case .cells(let values, let colorMap, let range, let annotations):
            renderCells(values, colorMap: colorMap, range: range, annotations: annotations, into: &out, layout)
        case .text(let string, let x, let y, let size, let halo):
            guard let p = point(x, y) else { return }
            let outline =
                halo ? " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" : ""
            out += SVG.text(
                string, x: p.0, y: p.1 + size * 0.35, size: size, color: color, extra: "class=\"annotation\"" + outline)
        }
    }

    /// The maximal runs of consecutive non-nil points.
    private func finiteRuns(_ points: [(Double, Double)?]) -> [[(Double, Double)]] {
        var runs: [[(Double, Double)]] = [[]]
        for p in points {
            if let p { runs[runs.count - 1].append(p) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        return runs.filter { !$0.isEmpty }
    }

    /// One `<path>` through every run (a run of one point draws nothing but its marker).
    private func path(
        _ runs: [[(Double, Double)]], stroke: String, width: Double, style: LineStyle, className: String
    ) -> String {
        let d = runs.filter { $0.count >= 2 }.map { run in
            run.enumerated().map { i, p in (i == 0 ? "M" : "L") + SVG.number(p.0) + " " + SVG.number(p.1) }
                .joined(separator: " ")
        }.joined(separator: " ")
        guard !d.isEmpty else { return "" }
        return
            "<path class=\"\(className)\" d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.number(width))\""
            + " stroke-linejoin=\"round\" stroke-linecap=\"round\"\(Figure.dashes(style, width: width))/>\n"
    }

    /// The `stroke-dasharray` attribute of a style (empty for solid).
    static func dashes(_ style: LineStyle, width: Double) -> String {
        switch style {
        case .solid: return ""
        case .dashed: return " stroke-dasharray=\"\(SVG.number(3.7 * width)) \(SVG.number(1.6 * width + 2))\""
        case .dotted: return " stroke-dasharray=\"\(SVG.number(0.1)) \(SVG.number(1.6 * width + 1.5))\""
        }
    }

    /// A marker of diameter `size` centred at `p`: a white outline on a plain background, a
    /// dark one over a field, so that markers stay visible where they overlap.
    static func marker(_ marker: Marker, at p: (Double, Double), size: Double, fill: String, edged: Bool) -> String {
        let n = SVG.number
        let edge = edged ? "stroke=\"#1a1a1a\" stroke-width=\"0.9\"" : "stroke=\"#ffffff\" stroke-width=\"0.6\""
        let r = size / 2
        func polygon(_ points: [(Double, Double)]) -> String {
            let list = points.map { n(p.0 + $0.0 * r) + "," + n(p.1 + $0.1 * r) }.joined(separator: " ")
            return "<polygon points=\"\(list)\" fill=\"\(fill)\" \(edge)/>\n"
        }
        switch marker {
        case .circle:
            return "<circle cx=\"\(n(p.0))\" cy=\"\(n(p.1))\" r=\"\(n(r))\" fill=\"\(fill)\" \(edge)/>\n"
        case .square:
            let s = 0.88 * r
            return SVG.rect(x: p.0 - s, y: p.1 - s, width: 2 * s, height: 2 * s, fill: fill, extra: edge)
        case .triangle: return polygon([(0, -1.2), (1.1, 0.75), (-1.1, 0.75)])
        case .triangleDown: return polygon([(0, 1.2), (1.1, -0.75), (-1.1, -0.75)])
        case .diamond: return polygon([(0, -1.25), (1, 0), (0, 1.25), (-1, 0)])
        case .cross:
            let a = 0.9 * r
            return "<path d=\"M\(n(p.0 - a)) \(n(p.1 - a)) L\(n(p.0 + a)) \(n(p.1 + a)) M\(n(p.0 - a)) \(n(p.1 + a))"
                + " L\(n(p.0 + a)) \(n(p.1 - a))\" stroke=\"\(fill)\" stroke-width=\"2\" fill=\"none\"/>\n"
        }
    }

    /// A raster as an embedded PNG, stretched over its extent and smoothed by the viewer.
    private func renderRaster(_ r: Raster, into out: inout String, _ layout: Layout) {
        let (x0, x1) = (layout.px(r.x.lowerBound), layout.px(r.x.upperBound))
        let (y0, y1) = (layout.py(r.y.upperBound, inverted: yInverted), layout.py(r.y.lowerBound, inverted: yInverted))
        // Rows are stored top row first for an upward y axis; flip them for a downward one.
        let pixels =
            yInverted
            ? (0..<r.rows).reversed().flatMap { r.pixels[($0 * r.columns)..<(($0 + 1) * r.columns)] } : r.pixels
        let uri = PNG.dataURI(width: r.columns, height: r.rows, pixels: pixels)
        out += "<image class=\"field\" x=\"\(SVG.number(x0))\" y=\"\(SVG.number(Swift.min(y0, y1)))\""
        out += " width=\"\(SVG.number(x1 - x0))\" height=\"\(SVG.number(Swift.abs(y1 - y0)))\""
        out += " preserveAspectRatio=\"none\" xlink:href=\"\(uri)\"/>\n"
    }

    /// The cells of a heat map, each with its text.
    private func renderCells(
        _ values: [[Double]], colorMap: ColorMap, range: ClosedRange<Double>, annotations: [[String]]?,
        into out: inout String, _ layout: Layout
    ) {
        out += "<g class=\"cells\">\n"
        let span = range.upperBound - range.lowerBound
        for (i, row) in values.enumerated() {
            for (j, v) in row.enumerated() {
                let (a, b) = (layout.px(Double(j) - 0.5), layout.px(Double(j) + 0.5))
                let (c, d) = (
                    layout.py(Double(i) - 0.5, inverted: yInverted), layout.py(Double(i) + 0.5, inverted: yInverted)
                )
                let fill = v.isFinite ? colorMap.color(at: (v - range.lowerBound) / span) : Color(hex: 0xdddddd)
                out += SVG.rect(x: a, y: Swift.min(c, d), width: b - a, height: Swift.abs(d - c), fill: fill.css)
                if let text = annotations?[i][j], !text.isEmpty {
                    let ink = fill.luminance < 0.5 ? "#ffffff" : "#1a1a1a"
                    let size = Swift.min(14, Swift.max(8, 0.32 * (b - a)))
                    out += SVG.text(
                        text, x: (a + b) / 2, y: (c + d) / 2 + size * 0.35, size: size, color: ink,
                        extra: "class=\"cell-text\"")
                }
            }
        }
        out += "</g>\n"
    }
}
