/// The legend: one entry per labelled mark, in a box placed where it hides the least data.
extension Figure {
    /// The labelled marks, in drawing order.
    private var legendEntries: [Mark] {
        marks.filter { !($0.label ?? "").isEmpty }
    }

    /// The legend box's size, or nil when there is no legend.
    func legendSize() -> (width: Double, height: Double)? {
        let entries = legendEntries
        guard legendPosition != .hidden, !entries.isEmpty else { return nil }
        let widest = entries.map { SVG.textWidth($0.label!, size: Style.legendFont) }.max()!
        return (10 + 30 + 8 + widest + 10, 8 + Double(entries.count) * Legend.rowHeight)
    }

    /// Sizes of the legend's parts.
    private enum Legend {
        static let rowHeight = 20.0
        static let inset = 10.0
    }

    /// Draws the legend in its place.
    func renderLegend(into out: inout String, _ layout: Layout) {
        guard let size = legendSize() else { return }
        let origin = legendOrigin(size, layout)
        out += "<g class=\"legend\">\n"
        out += SVG.rect(
            x: origin.x, y: origin.y, width: size.width, height: size.height, fill: "#ffffff",
            extra: "fill-opacity=\"0.88\" stroke=\"#c8c8c8\" stroke-width=\"1\" rx=\"3\"")
        for (k, mark) in legendEntries.enumerated() {
            let y = origin.y + 4 + (Double(k) + 0.5) * Legend.rowHeight
            let (x0, x1) = (origin.x + 10, origin.x + 40)
            out += swatch(mark, from: x0, to: x1, y: y)
            out += SVG.text(
                mark.label!, x: x1 + 8, y: y + Style.legendFont * 0.35, size: Style.legendFont, anchor: "start",
                extra: "class=\"legend-entry\"")
        }
        out += "</g>\n"
    }

    /// What a legend entry shows of its mark: a short line, a marker, or a filled box.
    private func swatch(_ mark: Mark, from x0: Double, to x1: Double, y: Double) -> String {
        let color = mark.color.css
        let edged = false
        func stroke(_ width: Double, _ style: LineStyle) -> String {
            SVG.line(
                x0, y, x1, y, stroke: color, width: width, extra: String(Figure.dashes(style, width: width).dropFirst())
            )
        }
        switch mark.kind {
        case .line(_, _, let style, let width, let marker):
            return stroke(width, style)
                + (marker.map { Figure.marker($0, at: ((x0 + x1) / 2, y), size: 6, fill: color, edged: edged) } ?? "")
        case .scatter(_, _, let marker, let size):
            return Figure.marker(marker, at: ((x0 + x1) / 2, y), size: Swift.max(size, 7), fill: color, edged: edged)
        case .errorBars(_, _, _, _, let marker):
            return stroke(1.6, .solid)
                + Figure.marker(marker, at: ((x0 + x1) / 2, y), size: 7, fill: color, edged: edged)
        case .bars:
            return SVG.rect(x: x0 + 4, y: y - 6, width: x1 - x0 - 8, height: 12, fill: color)
        case .reference(_, _, let style):
            return stroke(1.5, style)
        case .polylines(_, let width, let style):
            return stroke(width, style)
        case .raster, .cells, .text:
            return ""
        }
    }

    /// The top-left corner of the legend: the requested corner, outside right of the axes
    /// (past the colour bar), or for `.best` the first of matplotlib's candidate places that
    /// hides the fewest data points.
    private func legendOrigin(_ size: (width: Double, height: Double), _ layout: Layout) -> (x: Double, y: Double) {
        let inset = Legend.inset
        let (l, r) = (layout.left + inset, layout.right - inset - size.width)
        let (t, b) = (layout.top + inset, layout.bottom - inset - size.height)
        let (cx, cy) = (
            layout.left + (layout.plotWidth - size.width) / 2, layout.top + (layout.plotHeight - size.height) / 2
        )
        switch legendPosition {
        case .upperRight: return (r, t)
        case .upperLeft: return (l, t)
        case .lowerLeft: return (l, b)
        case .lowerRight: return (r, b)
        case .outside:
            return (width - size.width - 10, layout.top)
        case .best, .hidden:
            // matplotlib's order: upper right, upper left, lower left, lower right, right,
            // centre left, centre right, lower centre, upper centre.
            let candidates = [(r, t), (l, t), (l, b), (r, b), (r, cy), (l, cy), (r, cy), (cx, b), (cx, t)]
            let points = obstacles(layout)
            var best = candidates[0]
            var least = Double.infinity
            for c in candidates {
                let hidden = points.filter { p in
                    p.x >= c.0 - 3 && p.x <= c.0 + size.width + 3 && p.y >= c.1 - 3 && p.y <= c.1 + size.height + 3
                }.reduce(0) { $0 + $1.weight }
                if hidden < least { (best, least) = (c, hidden) }
            }
            return best
        }
    }

    /// Pixel points the legend should not hide, weighted: a marker or a text counts 50, a
    /// point along a line or contour (one every 5 pixels) or of a grid over a bar counts 1.
    private func obstacles(_ layout: Layout) -> [(x: Double, y: Double, weight: Double)] {
        var points: [(x: Double, y: Double, weight: Double)] = []
        func pixel(_ x: Double, _ y: Double) -> (Double, Double)? {
            x.isFinite && y.isFinite ? (layout.px(x), layout.py(y, inverted: yInverted)) : nil
        }
        func along(_ path: [(Double, Double)?]) {
            for (a, b) in zip(path, path.dropFirst()) {
                guard let a, let b else { continue }
                let steps = Swift.min(400, Swift.max(1, Int((Swift.abs(b.0 - a.0) + Swift.abs(b.1 - a.1)) / 5)))
                for s in 0...steps {
                    let t = Double(s) / Double(steps)
                    points.append((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1), 1))
                }
            }
            if path.count == 1, let p = path[0] { points.append((p.0, p.1, 1)) }
        }
        for mark in marks {
            switch mark.kind {
            case .line(let x, let y, _, _, _):
                along(zip(x, y).map { pixel($0, $1) })
            case .scatter(let x, let y, _, _), .errorBars(let x, let y, _, _, _):
                points += zip(x, y).compactMap { pixel($0, $1) }.map { ($0.0, $0.1, 50) }
            case .polylines(let lines, _, _):
                for line in lines { along(line.map { pixel($0.x, $0.y) }) }
            case .bars(let x, let heights, let w):
                for (a, h) in zip(x, heights) {
                    guard let p0 = pixel(a - w / 2, 0), let p1 = pixel(a + w / 2, h) else { continue }
                    let (xs, ys) = (
                        Swift.min(p0.0, p1.0)...Swift.max(p0.0, p1.0), Swift.min(p0.1, p1.1)...Swift.max(p0.1, p1.1)
                    )
                    for px in stride(from: xs.lowerBound, through: xs.upperBound, by: 6) {
                        for py in stride(from: ys.lowerBound, through: ys.upperBound, by: 6) {
                            points.append((px, py, 1))
                        }
                    }
                }
            case .text(_, let x, let y, _, _):
                if let p = pixel(x, y) { points.append((p.0, p.1, 50)) }
            case .reference, .raster, .cells:
                break
            }
        }
        return points
    }
}
