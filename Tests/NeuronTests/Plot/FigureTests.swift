import Foundation
import Neuron
import Testing

/// The SVG of hand-made figures, parsed as XML.
@Suite("Plot Figure")
struct FigureTests {
    @Test("a line figure has its title, axis labels, numeric tick labels, one path per line and a legend")
    func lineFigure() throws {
        let figure = Figure(title: "Training loss", xLabel: "step", yLabel: "loss")
        figure.line(x: [0, 1, 2, 3, 4], y: [0.7, 0.5, 0.4, 0.35, 0.33], label: "BCE")
        figure.line(x: [0, 4], y: [0.693, 0.693], label: "ln 2", style: .dashed)
        let svg = try ParsedSVG(figure.svg)
        #expect(svg.texts("title") == ["Training loss"])
        #expect(svg.texts("x-label") == ["step"])
        #expect(svg.texts("y-label") == ["loss"])
        #expect(svg.texts("legend-entry") == ["BCE", "ln 2"])
        #expect(svg.withClass("line").count == 2)
        // x from −0.2 to 4.2 with 5 % margins: ticks 0 … 4 (every 1 or 0.5); y from 0.3165 to 0.7135.
        let xTicks = svg.texts(inside: "x-ticks")
        #expect(xTicks.first == "0" && xTicks.last == "4", "\(xTicks)")
        #expect(svg.texts(inside: "y-ticks").allSatisfy { Double($0) != nil && $0.contains(".") })
        #expect(svg.all("line", inside: "x-ticks").count == xTicks.count)
        #expect(svg.badCoordinates() == [])
        #expect(svg.root.value(of: "width") == "640")
    }

    @Test("scatter classes get distinct markers: circles, squares (rect), triangles (polygon)")
    func scatterMarkers() throws {
        let figure = Figure(title: "classes")
        figure.scatter(x: [0, 1, 2], y: [0, 1, 0], label: "a")
        figure.scatter(x: [0, 1], y: [2, 3], label: "b", marker: .square)
        figure.scatter(x: [5, 6, 7, 8], y: [1, 1, 1, 1], label: "c", marker: .triangle)
        let svg = try ParsedSVG(figure.svg)
        let groups = svg.withClass("scatter")
        #expect(groups.count == 3)
        #expect(svg.all("circle", inside: "scatter").count == 3)
        #expect(svg.all("rect", inside: "scatter").count == 2)
        #expect(svg.all("polygon", inside: "scatter").count == 4)
        let fills = groups.map { svg.descendants(of: $0).first?.value(of: "fill") }
        #expect(Set(fills).count == 3, "each class its own colour: \(fills)")
        #expect(svg.texts("legend-entry") == ["a", "b", "c"])
    }

    @Test("non-finite data never reaches a coordinate: lines break, scatters skip")
    func nonFinite() throws {
        let figure = Figure(title: "gaps")
        figure.line(x: [0, 1, 2, 3, 4, 5], y: [1, 2, .nan, 3, .infinity, 4])
        figure.scatter(x: [0, .nan, 2, -.infinity], y: [1, 1, .nan, 2])
        figure.bars(x: [0, 1, 2], heights: [1, .nan, 3])
        figure.errorBars(x: [1, 2], y: [1, 2], yError: [0.5, .infinity])
        let text = figure.svg
        let svg = try ParsedSVG(text)
        #expect(svg.badCoordinates() == [])
        #expect(!text.contains("NaN") && !text.lowercased().contains("inf"))
        // The line is split into runs [0, 1] and [3]; the lone point 3 draws nothing.
        let d = try #require(svg.withClass("line").first?.value(of: "d"))
        #expect(d.filter { $0 == "M" }.count == 1 && d.filter { $0 == "L" }.count == 1, "\(d)")
        #expect(svg.all("circle", inside: "scatter").count == 1)
        #expect(svg.all("rect", inside: "bars").count == 2)
    }

    @Test("every text is escaped: < & > in title, labels, legend and tick labels parse back unchanged")
    func escaping() throws {
        let nasty = "a < b & c > \"d\" 'e'"
        let figure = Figure(title: nasty, xLabel: "x<1>", yLabel: "p & q")
        figure.line(x: [0, 1], y: [0, 1], label: "</text><script>")
        figure.xTicks = [Figure.Tick(0, "<0>"), Figure.Tick(1, "1 & more")]
        figure.text("A&B", x: 0.5, y: 0.5)
        let text = figure.svg
        let svg = try ParsedSVG(text)
        #expect(svg.texts("title") == [nasty])
        #expect(svg.texts("x-label") == ["x<1>"])
        #expect(svg.texts("y-label") == ["p & q"])
        #expect(svg.texts("legend-entry") == ["</text><script>"])
        #expect(svg.texts(inside: "x-ticks") == ["<0>", "1 & more"])
        #expect(svg.texts("annotation") == ["A&B"])
        #expect(svg.all("script").isEmpty)
        #expect(text.contains("a &lt; b &amp; c &gt;"))
    }

    @Test("an empty figure draws its axes and says no data")
    func empty() throws {
        let figure = Figure(title: "nothing", xLabel: "x", yLabel: "y")
        figure.line(x: [], y: [])
        figure.scatter(x: [.nan], y: [1])
        let svg = try ParsedSVG(figure.svg)
        #expect(svg.texts("no-data") == ["no data"])
        #expect(svg.withClass("frame").count == 1)
        #expect(svg.texts(inside: "x-ticks").count >= 2)
        #expect(svg.badCoordinates() == [])
    }

    @Test("a histogram counts like NumPy (upper edge in the last bin) and its bars stand on y = 0")
    func histogram() throws {
        let figure = Figure(title: "h", xLabel: "p", yLabel: "count")
        let counts = figure.histogram([0, 0.1, 0.25, 0.5, 0.5, 0.99, 1, .nan, 2], bins: 4, range: 0...1)
        #expect(counts == [2, 1, 2, 2])  // [0, .25) [.25, .5) [.5, .75) [.75, 1]
        let svg = try ParsedSVG(figure.svg)
        #expect(svg.all("rect", inside: "bars").count == 4)
        #expect(svg.texts(inside: "y-ticks").first == "0")  // sticky zero: no margin below the bars
    }

    @Test("a probability field embeds one PNG image, draws the 0.5 contour and a colour bar")
    func field() throws {
        // p = x on [0, 1]²: the 0.5 contour is the vertical line x = 0.5.
        let values = (0..<5).map { _ in (0..<5).map { Double($0) / 4 } }
        let figure = Figure(title: "field")
        figure.field(values, x: 0...1, y: 0...1, contour: 0.5, contourLabel: "p = 0.5", colorBarLabel: "P(class 1)")
        let svg = try ParsedSVG(figure.svg)
        let image = try #require(svg.all("image").first)
        let href = try #require(image.value(of: "href"))
        #expect(href.hasPrefix("data:image/png;base64,"))
        let png = try #require(Data(base64Encoded: String(href.dropFirst("data:image/png;base64,".count))))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let contour = try #require(svg.withClass("contour").first?.value(of: "d"))
        let xs = contour.split(whereSeparator: { "ML".contains($0) }).map { $0.split(separator: " ")[0] }
        #expect(Set(xs).count == 1, "a vertical line: \(contour)")
        #expect(svg.texts(inside: "colorbar").contains("P(class 1)"))
        #expect(svg.texts("legend-entry") == ["p = 0.5"])
        #expect(svg.badCoordinates() == [])
    }

    @Test("a heat map has one rect and one text per cell, white text on dark cells, row 0 at the top")
    func heatmap() throws {
        let figure = Figure(title: "m")
        figure.heatmap([[9, 1], [0, 5]], annotations: [["9", "1"], ["0", "5"]])
        let svg = try ParsedSVG(figure.svg)
        let cells = svg.all("rect", inside: "cells")
        #expect(cells.count == 4)
        let texts = svg.withClass("cell-text")
        #expect(texts.map { $0.stringValue ?? "" } == ["9", "1", "0", "5"])
        #expect(texts[0].value(of: "fill") == "#ffffff")  // 9 is the darkest
        #expect(texts[2].value(of: "fill") == "#1a1a1a")
        let y0 = Double(cells[0].value(of: "y")!)!
        let y2 = Double(cells[2].value(of: "y")!)!
        #expect(y0 < y2)
    }

    @Test("a row of figures has one panel per figure, each with its own title, clip path and legend")
    func row() throws {
        let a = Figure(title: "left", width: 400, height: 300)
        a.line(x: [0, 1], y: [0, 1], label: "a")
        let b = Figure(title: "right", width: 500, height: 350)
        b.scatter(x: [0, 1], y: [1, 0], label: "b")
        let figure = Figure.row([a, b], title: "both")
        #expect(figure.width == 900 && figure.height == 350 + 34)
        let svg = try ParsedSVG(figure.svg)
        #expect(svg.withClass("panel").count == 2)
        #expect(svg.texts("title") == ["left", "right"])
        #expect(svg.texts("suptitle") == ["both"])
        let clips = svg.all("clipPath").compactMap { $0.value(of: "id") }
        #expect(clips == ["p0-clip", "p1-clip"])
        #expect(svg.texts("legend-entry") == ["a", "b"])
    }

    @Test("a column aligns its panels' axes on the left")
    func column() throws {
        let a = Figure(yLabel: "tall", width: 500, height: 300)
        a.line(x: [0, 1], y: [0, 123456], label: "wide tick labels")
        let b = Figure(yLabel: "short", width: 500, height: 200)
        b.line(x: [0, 1], y: [0, 1])
        let svg = try ParsedSVG(Figure.column([a, b]).svg)
        let frames = svg.withClass("frame").map { Double($0.value(of: "x")!)! }
        #expect(frames.count == 2 && frames[0] == frames[1], "\(frames)")
    }

    @Test("a legend placed at best avoids the data: points in the upper right push it elsewhere")
    func bestLegend() throws {
        let figure = Figure(title: "legend")
        let xs = (0..<50).map { 0.6 + 0.4 * Double($0 % 7) / 6 }
        let ys = (0..<50).map { 0.6 + 0.4 * Double($0 % 5) / 4 }
        figure.scatter(x: xs + [0, 0.1], y: ys + [0, 0.1], label: "cluster")
        let svg = try ParsedSVG(figure.svg)
        let box = try #require(svg.all("rect", inside: "legend").first)
        let frame = try #require(svg.withClass("frame").first)
        let legendX = Double(box.value(of: "x")!)!
        let frameX = Double(frame.value(of: "x")!)!
        let frameWidth = Double(frame.value(of: "width")!)!
        #expect(legendX < frameX + frameWidth / 2, "the legend should move to the left half")
    }
}
