/// Writing a figure as SVG: the document, rows and columns of panels, and the axes' furniture
/// (frame, grid, ticks, labels, title, colour bar).
extension Figure {
    /// The whole SVG document.
    func renderDocument() -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
        out += " width=\"\(SVG.number(width))\" height=\"\(SVG.number(height))\""
        out += " viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\""
        out += " font-family=\"\(SVG.fontFamily)\">\n"
        out += SVG.rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff")
        var panelCount = 0
        render(into: &out, panelCount: &panelCount, margins: nil)
        return out + "</svg>\n"
    }

    /// Appends this figure at the current origin; panels are numbered for unique clip ids.
    func render(into out: inout String, panelCount: inout Int, margins: (left: Double, right: Double)?) {
        guard arrangement != .single else {
            renderAxes(into: &out, id: "p\(panelCount)", margins: margins)
            panelCount += 1
            return
        }
        var offset = 0.0
        if !title.isEmpty {
            out += SVG.text(
                title, x: width / 2, y: 24, size: Style.titleFont + 1, extra: "font-weight=\"bold\" class=\"suptitle\"")
            offset = Style.suptitleBand
        }
        // A column aligns its panels' axes: every panel takes the widest left and right margins.
        var aligned: (left: Double, right: Double)? = nil
        if arrangement == .column {
            let natural = panels.filter { $0.arrangement == .single }.map { $0.naturalMargins() }
            if !natural.isEmpty { aligned = (natural.map(\.left).max()!, natural.map(\.right).max()!) }
        }
        var x = 0.0
        for panel in panels {
            out += "<g class=\"panel\" transform=\"translate(\(SVG.number(x)) \(SVG.number(offset)))\">\n"
            panel.render(into: &out, panelCount: &panelCount, margins: panel.arrangement == .single ? aligned : nil)
            out += "</g>\n"
            if arrangement == .row { x += panel.width } else { offset += panel.height }
        }
    }

    /// One figure's axes: grid, marks (clipped to the axes), frame, ticks, labels, title,
    /// colour bar and legend.
    private func renderAxes(into out: inout String, id: String, margins: (left: Double, right: Double)?) {
        let layout = self.layout(margins: margins)
        let n = SVG.number
        out += "<defs><clipPath id=\"\(id)-clip\"><rect x=\"\(n(layout.left))\" y=\"\(n(layout.top))\""
        out += " width=\"\(n(layout.plotWidth))\" height=\"\(n(layout.plotHeight))\"/></clipPath></defs>\n"
        if showsGrid { renderGrid(into: &out, layout) }
        out += "<g class=\"data\" clip-path=\"url(#\(id)-clip)\">\n"
        let edged = marks.contains {
            if case .raster = $0.kind { true } else if case .cells = $0.kind { true } else { false }
        }
        for mark in marks { renderMark(mark, into: &out, layout, edged: edged) }
        out += "</g>\n"
        if layout.isEmpty {
            out += SVG.text(
                "no data", x: layout.left + layout.plotWidth / 2, y: layout.top + layout.plotHeight / 2 + 5,
                size: Style.labelFont, color: Color.gray.css, extra: "class=\"no-data\"")
        }
        out += SVG.rect(
            x: layout.left, y: layout.top, width: layout.plotWidth, height: layout.plotHeight, fill: "none",
            extra: "stroke=\"\(Style.axisColor)\" stroke-width=\"1\" class=\"frame\"")
        renderTicks(into: &out, layout)
        renderLabels(into: &out, layout)
        if let colorBar { renderColorBar(colorBar, into: &out, layout, id: id) }
        renderLegend(into: &out, layout)
    }

    /// Light lines at the ticks, behind the data.
    private func renderGrid(into out: inout String, _ layout: Layout) {
        out += "<g class=\"grid\">\n"
        for tick in layout.xTicks where layout.xLimits.contains(tick.position) {
            let x = layout.px(tick.position)
            out += SVG.line(x, layout.top, x, layout.bottom, stroke: Style.gridColor)
        }
        for tick in layout.yTicks where layout.yLimits.contains(tick.position) {
            let y = layout.py(tick.position, inverted: yInverted)
            out += SVG.line(layout.left, y, layout.right, y, stroke: Style.gridColor)
        }
        out += "</g>\n"
    }

    /// Outward tick marks with their labels: under the x axis (turned 40° when they would
    /// overlap) and left of the y axis.
    private func renderTicks(into out: inout String, _ layout: Layout) {
        let size = Style.tickFont
        out += "<g class=\"x-ticks\">\n"
        for tick in layout.xTicks where layout.xLimits.contains(tick.position) {
            let x = layout.px(tick.position)
            out += SVG.line(x, layout.bottom, x, layout.bottom + Style.tickLength, stroke: Style.axisColor)
            let y = layout.bottom + Style.tickLength + 3 + size * 0.8
            if layout.xRotated {
                let turn = "transform=\"rotate(-40 \(SVG.number(x + 3)) \(SVG.number(y - 4)))\""
                out += SVG.text(tick.label, x: x + 3, y: y - 4, size: size, anchor: "end", extra: turn)
            } else {
                out += SVG.text(tick.label, x: x, y: y, size: size)
            }
        }
        out += "</g>\n<g class=\"y-ticks\">\n"
        for tick in layout.yTicks where layout.yLimits.contains(tick.position) {
            let y = layout.py(tick.position, inverted: yInverted)
            out += SVG.line(layout.left - Style.tickLength, y, layout.left, y, stroke: Style.axisColor)
            out += SVG.text(
                tick.label, x: layout.left - Style.tickLength - 3, y: y + size * 0.35, size: size, anchor: "end")
        }
        out += "</g>\n"
    }

    /// The title over the axes, the x label under the tick labels, the y label upright left
    /// of them.
    private func renderLabels(into out: inout String, _ layout: Layout) {
        let centre = layout.left + layout.plotWidth / 2
        if !title.isEmpty {
            out += SVG.text(title, x: centre, y: layout.top - 14, size: Style.titleFont, extra: "class=\"title\"")
        }
        if !xLabel.isEmpty {
            let turned =
                layout.xRotated
                ? (layout.xTicks.map { SVG.textWidth($0.label, size: Style.tickFont) }.max() ?? 0) * 0.64 : 0
            let y = layout.bottom + Style.tickLength + 6 + Style.tickFont + turned + 6 + Style.labelFont
            out += SVG.text(xLabel, x: centre, y: y, size: Style.labelFont, extra: "class=\"x-label\"")
        }
        if !yLabel.isEmpty {
            let x = layout.left - Style.tickLength - 6 - layout.yTickWidth - 8
            let y = layout.top + layout.plotHeight / 2
            let turn = "transform=\"rotate(-90 \(SVG.number(x)) \(SVG.number(y)))\" class=\"y-label\""
            out += SVG.text(yLabel, x: x, y: y, size: Style.labelFont, extra: turn)
        }
    }

    /// A vertical gradient right of the axes with ticks and a label, as matplotlib's colorbar.
    private func renderColorBar(_ bar: ColorBar, into out: inout String, _ layout: Layout, id: String) {
        let (x, w) = (layout.right + 14, 16.0)
        let (low, high) = (bar.range.lowerBound, bar.range.upperBound)
        out += "<g class=\"colorbar\">\n<defs><linearGradient id=\"\(id)-bar\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n"
        for k in 0...20 {
            let t = Double(k) / 20
            out +=
                "<stop offset=\"\(SVG.number(t))\" stop-color=\"\(bar.colorMap.color(at: t).mixed(with: .white, 1 - bar.opacity).css)\"/>\n"
        }
        out += "</linearGradient></defs>\n"
        out += SVG.rect(
            x: x, y: layout.top, width: w, height: layout.plotHeight, fill: "url(#\(id)-bar)",
            extra: "stroke=\"\(Style.axisColor)\" stroke-width=\"0.8\"")
        var widest = 0.0
        for tick in Ticks.nice(in: bar.range, maxIntervals: 5) {
            let y = layout.bottom - (tick.value - low) / (high - low) * layout.plotHeight
            out += SVG.line(x + w, y, x + w + Style.tickLength, y, stroke: Style.axisColor)
            out += SVG.text(
                tick.label, x: x + w + Style.tickLength + 3, y: y + Style.tickFont * 0.35, size: Style.tickFont,
                anchor: "start")
            widest = Swift.max(widest, SVG.textWidth(tick.label, size: Style.tickFont))
        }
        if !bar.label.isEmpty {
            let lx = x + w + Style.tickLength + 4 + widest + 8 + Style.labelFont * 0.75
            let ly = layout.top + layout.plotHeight / 2
            let turn = "transform=\"rotate(-90 \(SVG.number(lx)) \(SVG.number(ly)))\""
            out += SVG.text(bar.label, x: lx, y: ly, size: Style.labelFont, extra: turn)
        }
        out += "</g>\n"
    }
}
