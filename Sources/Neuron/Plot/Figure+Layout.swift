/// Where everything goes: the axes' limits, the margins around them (from the sizes of the
/// title, tick labels, axis labels, colour bar and an outside legend) and the ticks.
extension Figure {
    /// The placement of one figure's axes.
    struct Layout {
        var left, top, plotWidth, plotHeight: Double
        var xLimits, yLimits: ClosedRange<Double>
        var xTicks, yTicks: [Tick]
        var yTickWidth: Double
        /// Whether the x tick labels are turned 40° to fit.
        var xRotated: Bool
        /// Whether no mark has finite data to show.
        var isEmpty: Bool

        var right: Double { left + plotWidth }
        var bottom: Double { top + plotHeight }

        /// The horizontal pixel of data x.
        func px(_ x: Double) -> Double {
            left + (x - xLimits.lowerBound) / (xLimits.upperBound - xLimits.lowerBound) * plotWidth
        }

        /// The vertical pixel of data y (up unless `inverted`).
        func py(_ y: Double, inverted: Bool) -> Double {
            let t = (y - yLimits.lowerBound) / (yLimits.upperBound - yLimits.lowerBound)
            return inverted ? top + t * plotHeight : bottom - t * plotHeight
        }
    }

    /// The margins left and right of the axes this figure would choose on its own.
    func naturalMargins() -> (left: Double, right: Double) {
        let layout = self.layout(margins: nil)
        return (layout.left, width - layout.right)
    }

    /// The layout, with the left and right margins forced when `margins` is given (to align
    /// the axes of a column of panels).
    func layout(margins: (left: Double, right: Double)?) -> Layout {
        let (xLimits, yLimits, isEmpty) = limits()
        let top = title.isEmpty ? 16 : Style.titleFont + 26
        let right = margins?.right ?? rightMargin()
        var rotatedExtra = 0.0
        var result: Layout!
        for _ in 0..<2 {  // a second pass when turned x labels make the axes shorter
            let bottom =
                Style.tickLength + 6 + Style.tickFont + (xLabel.isEmpty ? 10 : 14 + Style.labelFont) + rotatedExtra
            let available = Swift.max(20, height - top - bottom)
            let yTicks = self.yTicks ?? niceTicks(yLimits, length: available, spacing: 30)
            let yTickWidth = yTicks.map { SVG.textWidth($0.label, size: Style.tickFont) }.max() ?? 0
            var left =
                margins?.left ?? (8 + (yLabel.isEmpty ? 0 : Style.labelFont + 10) + yTickWidth + 6 + Style.tickLength)
            var plotWidth = Swift.max(20, width - left - right)
            var (plotTop, plotHeight) = (top, available)
            if hasEqualAspect {
                let (xSpan, ySpan) = (xLimits.upperBound - xLimits.lowerBound, yLimits.upperBound - yLimits.lowerBound)
                let scale = Swift.min(plotWidth / xSpan, plotHeight / ySpan)
                left += (plotWidth - scale * xSpan) / 2
                plotTop += (plotHeight - scale * ySpan) / 2
                (plotWidth, plotHeight) = (scale * xSpan, scale * ySpan)
            }
            var xTicks = self.xTicks ?? niceTicks(xLimits, length: plotWidth, spacing: 64)
            // Fewer numeric ticks until their labels fit; chosen labels are turned instead.
            if self.xTicks == nil {
                var intervals = xTicks.count
                while intervals > 1 && !fits(xTicks, xLimits, plotWidth) {
                    intervals -= 1
                    xTicks = Ticks.nice(in: xLimits, maxIntervals: intervals).map { Tick($0.value, $0.label) }
                }
            }
            let rotated = !fits(xTicks, xLimits, plotWidth)
            result = Layout(
                left: left, top: plotTop, plotWidth: plotWidth, plotHeight: plotHeight, xLimits: xLimits,
                yLimits: yLimits, xTicks: xTicks, yTicks: yTicks, yTickWidth: yTickWidth, xRotated: rotated,
                isEmpty: isEmpty)
            let widest = xTicks.map { SVG.textWidth($0.label, size: Style.tickFont) }.max() ?? 0
            let needed = rotated ? widest * 0.64 : 0  // sin 40°, less the unturned line already allowed
            if needed <= rotatedExtra { break }
            rotatedExtra = needed
        }
        return result
    }

    /// Nice ticks for an axis `length` pixels long, about one per `spacing` pixels.
    private func niceTicks(_ limits: ClosedRange<Double>, length: Double, spacing: Double) -> [Tick] {
        let intervals = Swift.min(8, Swift.max(2, Int(length / spacing)))
        return Ticks.nice(in: limits, maxIntervals: intervals).map { Tick($0.value, $0.label) }
    }

    /// Whether neighbouring x tick labels leave at least 10 pixels between them.
    private func fits(_ ticks: [Tick], _ limits: ClosedRange<Double>, _ length: Double) -> Bool {
        let scale = length / (limits.upperBound - limits.lowerBound)
        let placed = ticks.map { (x: $0.position * scale, w: SVG.textWidth($0.label, size: Style.tickFont)) }
            .sorted { $0.x < $1.x }
        return zip(placed, placed.dropFirst()).allSatisfy { a, b in b.x - a.x >= (a.w + b.w) / 2 + 10 }
    }

    /// The space right of the axes: a margin, the colour bar and an outside legend.
    private func rightMargin() -> Double {
        var margin = 20.0
        if let colorBar {
            let ticks = Ticks.nice(in: colorBar.range, maxIntervals: 5)
            let labels = ticks.map { SVG.textWidth($0.label, size: Style.tickFont) }.max() ?? 0
            margin += 14 + 16 + Style.tickLength + 4 + labels + (colorBar.label.isEmpty ? 0 : 10 + Style.labelFont)
        }
        if legendPosition == .outside, let size = legendSize() { margin += size.width + 14 }
        return margin
    }

    // MARK: - Limits

    /// The x and y limits: explicit ones as given; otherwise the data's range widened by 5 %
    /// (matplotlib's margins), except that a raster or heat map is shown edge to edge and bars
    /// stand on 0 exactly. With no finite data both are 0 ... 1 and `isEmpty` is true.
    func limits() -> (x: ClosedRange<Double>, y: ClosedRange<Double>, isEmpty: Bool) {
        var loose = Extent()  // points, lines, bars: padded
        var tight = Extent()  // rasters and cells: edge to edge
        var stickyZeroY = false
        for mark in marks {
            switch mark.kind {
            case .line(let x, let y, _, _, _), .scatter(let x, let y, _, _):
                for (a, b) in zip(x, y) { loose.add(a, b) }
            case .bars(let x, let heights, let w):
                for (a, h) in zip(x, heights) where a.isFinite && h.isFinite {
                    loose.add(a - w / 2, 0)
                    loose.add(a + w / 2, h)
                }
                stickyZeroY = true
            case .errorBars(let x, let y, let xError, let yError, _):
                for i in x.indices {
                    let (ex, ey) = (xError?[i] ?? 0, yError?[i] ?? 0)
                    guard ex.isFinite && ey.isFinite else { continue }
                    loose.add(x[i] - ex, y[i] - ey)
                    loose.add(x[i] + ex, y[i] + ey)
                }
            case .polylines(let lines, _, _):
                for line in lines { for p in line { loose.add(p.x, p.y) } }
            case .raster(let r):
                tight.add(r.x.lowerBound, r.y.lowerBound)
                tight.add(r.x.upperBound, r.y.upperBound)
            case .cells(let values, _, _, _):
                tight.add(-0.5, -0.5)
                tight.add(Double(values[0].count) - 0.5, Double(values.count) - 0.5)
            case .reference, .text:
                break
            }
        }
        let isEmpty = loose.x == nil && tight.x == nil
        func axis(_ l: ClosedRange<Double>?, _ t: ClosedRange<Double>?, sticky: Bool) -> ClosedRange<Double> {
            guard let l else { return t ?? 0...1 }
            if let t, t.lowerBound <= l.lowerBound && t.upperBound >= l.upperBound { return t }
            var padded = Ticks.padded(l.lowerBound, l.upperBound)
            if sticky && l.lowerBound == 0 { padded = 0...padded.upperBound }
            if sticky && l.upperBound == 0 { padded = padded.lowerBound...0 }
            guard let t else { return padded }
            return Swift.min(padded.lowerBound, t.lowerBound)...Swift.max(padded.upperBound, t.upperBound)
        }
        var x = xLimits ?? axis(loose.x, tight.x, sticky: false)
        var y = yLimits ?? axis(loose.y, tight.y, sticky: stickyZeroY)
        // Explicit limits must be finite and wide; otherwise fall back to a unit range.
        if !(x.upperBound - x.lowerBound > 0) || !x.lowerBound.isFinite || !x.upperBound.isFinite {
            x = Ticks.padded(x.lowerBound.isFinite ? x.lowerBound : 0, x.lowerBound.isFinite ? x.lowerBound : 0)
        }
        if !(y.upperBound - y.lowerBound > 0) || !y.lowerBound.isFinite || !y.upperBound.isFinite {
            y = Ticks.padded(y.lowerBound.isFinite ? y.lowerBound : 0, y.lowerBound.isFinite ? y.lowerBound : 0)
        }
        return (x, y, isEmpty)
    }

    /// The smallest box around finite points.
    struct Extent {
        var x: ClosedRange<Double>?
        var y: ClosedRange<Double>?

        mutating func add(_ a: Double, _ b: Double) {
            guard a.isFinite && b.isFinite else { return }
            x = x.map { Swift.min($0.lowerBound, a)...Swift.max($0.upperBound, a) } ?? a...a
            y = y.map { Swift.min($0.lowerBound, b)...Swift.max($0.upperBound, b) } ?? b...b
        }
    }
}
