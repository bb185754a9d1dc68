import Foundation

/// A figure drawn as self-contained SVG, laid out as a person expects from matplotlib: one
/// set of axes with "nice" ticks (steps of 1, 2 or 5 times a power of ten), tick labels, axis
/// labels, a title and a legend; or a row or column of such figures (``row(_:title:)``).
///
/// Nothing is fetched when the SVG is shown: text asks for local sans-serif fonts and a
/// raster (a probability field) is embedded as a PNG data URI. Every piece of text is
/// XML-escaped, and non-finite data never reaches a coordinate: a line is broken at a NaN or
/// infinite point and a scatter skips it. A figure with no finite data draws empty axes that
/// say "no data".
///
/// ```swift
/// let figure = Figure(title: "Training loss", xLabel: "step", yLabel: "loss")
/// figure.line(x: [1, 2, 3], y: [0.69, 0.41, 0.30], label: "BCE")
/// let svg = figure.svg                       // or: try figure.write(to: url)
/// ```
public final class Figure {
    /// The title above the axes (above the panels, for a row or column).
    public var title: String
    /// The label under the x axis.
    public var xLabel: String
    /// The label beside the y axis, written upwards.
    public var yLabel: String
    /// The width in pixels (CSS px, 100 per matplotlib inch).
    public var width: Double
    /// The height in pixels.
    public var height: Double
    /// The x range shown; nil takes the data's range widened by 5 % on each side.
    public var xLimits: ClosedRange<Double>?
    /// The y range shown; nil takes the data's range widened by 5 % on each side.
    public var yLimits: ClosedRange<Double>?
    /// Ticks of the x axis at chosen positions with chosen labels (class names, say); nil
    /// places nice numeric ticks.
    public var xTicks: [Tick]?
    /// Ticks of the y axis at chosen positions with chosen labels; nil places nice numeric ticks.
    public var yTicks: [Tick]?
    /// Whether y grows downwards, as the rows of a matrix do.
    public var yInverted = false
    /// Whether a unit of x is as long as a unit of y on screen (matplotlib's
    /// `set_aspect("equal")`): the axes shrink in one direction to fit, centred in their space.
    public var hasEqualAspect = false
    /// Whether light grid lines are drawn at the ticks, behind the data.
    public var showsGrid = true
    /// Where the legend goes; it lists every mark drawn with a label.
    public var legendPosition: LegendPosition = .best

    /// The marks, in drawing order.
    var marks: [Mark] = []
    /// The colour bar beside the axes, set by a field or heat map that asks for one.
    var colorBar: ColorBar?
    /// The panels of a row or column (empty for a figure with axes).
    let panels: [Figure]
    /// How `panels` are laid out.
    let arrangement: Arrangement
    /// The palette index the next mark without a colour takes.
    private var nextColor = 0

    /// An empty figure with axes.
    ///
    /// - Parameters:
    ///   - title: Drawn above the axes.
    ///   - xLabel: Drawn under the x axis.
    ///   - yLabel: Drawn beside the y axis.
    ///   - width: In pixels; matplotlib's default figure is 640 × 480.
    ///   - height: In pixels.
    public init(title: String = "", xLabel: String = "", yLabel: String = "", width: Double = 640, height: Double = 480)
    {
        require(
            width.isFinite && height.isFinite && width >= 100 && height >= 100,
            "Figure: width and height must be at least 100 pixels, given \(width) × \(height)")
        (self.title, self.xLabel, self.yLabel, self.width, self.height) = (title, xLabel, yLabel, width, height)
        (panels, arrangement) = ([], .single)
    }

    /// A row or column of panels.
    init(panels: [Figure], arrangement: Arrangement, title: String) {
        require(!panels.isEmpty, "Figure.\(arrangement): no figures to lay out")
        self.panels = panels
        self.arrangement = arrangement
        self.title = title
        (xLabel, yLabel) = ("", "")
        let titleHeight = title.isEmpty ? 0 : Style.suptitleBand
        switch arrangement {
        case .row:
            width = panels.reduce(0) { $0 + $1.width }
            height = panels.map(\.height).max()! + titleHeight
        default:
            width = panels.map(\.width).max()!
            height = panels.reduce(0) { $0 + $1.height } + titleHeight
        }
    }

    /// The figures side by side, left to right, in one SVG (matplotlib's `subplots(1, n)`).
    ///
    /// - Parameters:
    ///   - figures: The panels; each keeps its own size, axes, title and legend.
    ///   - title: A title over the whole row (matplotlib's `suptitle`).
    /// - Returns: A figure as wide as the panels together.
    /// - Precondition: There is at least one figure.
    public static func row(_ figures: [Figure], title: String = "") -> Figure {
        Figure(panels: figures, arrangement: .row, title: title)
    }

    /// The figures stacked top to bottom in one SVG, their axes' left edges aligned.
    ///
    /// - Parameters:
    ///   - figures: The panels; each keeps its own size, axes, title and legend.
    ///   - title: A title over the whole column.
    /// - Returns: A figure as tall as the panels together.
    /// - Precondition: There is at least one figure.
    public static func column(_ figures: [Figure], title: String = "") -> Figure {
        Figure(panels: figures, arrangement: .column, title: title)
    }

    /// The figure as an SVG document.
    public var svg: String { renderDocument() }

    /// Writes ``svg`` to a file, UTF-8, replacing it.
    ///
    /// - Parameter url: The file to write, typically ending in `.svg`.
    /// - Throws: The file system's error when the file cannot be written.
    public func write(to url: URL) throws {
        try Data(svg.utf8).write(to: url, options: .atomic)
    }

    // MARK: - Marks shared by every kind

    /// Adds a mark in its colour, taking the next palette colour when none is given.
    func add(_ kind: Mark.Kind, label: String?, color: Color?, function: String) {
        require(arrangement == .single, "Figure.\(function): this figure is a row or column of panels; draw on a panel")
        let chosen = color ?? Color.palette[nextColor % Color.palette.count]
        if color == nil { nextColor += 1 }
        marks.append(Mark(kind: kind, label: label, color: chosen))
    }

    /// Stops with a message naming `function` unless `x` and `y` have the same count.
    func requirePairs(_ x: [Double], _ y: [Double], _ function: String) {
        require(x.count == y.count, "Figure.\(function): \(x.count) x values for \(y.count) y values")
    }
}

extension Figure {
    /// A tick at a chosen position with a chosen label.
    public struct Tick: Sendable, Hashable {
        /// Where the tick is, in data coordinates.
        public var position: Double
        /// What it says.
        public var label: String

        /// A tick labelled `label` at `position`.
        ///
        /// - Parameters:
        ///   - position: In data coordinates.
        ///   - label: The text under (x) or beside (y) the tick.
        public init(_ position: Double, _ label: String) { (self.position, self.label) = (position, label) }
    }

    /// How a line is stroked.
    public enum LineStyle: Sendable, Hashable {
        /// A continuous line.
        case solid
        /// Dashes, as matplotlib's "--".
        case dashed
        /// Dots, as matplotlib's ":".
        case dotted
    }

    /// The shape drawn at each point of a scatter.
    public enum Marker: Sendable, Hashable, CaseIterable {
        /// A filled circle (`<circle>`).
        case circle
        /// A filled square (`<rect>`).
        case square
        /// A filled triangle pointing up (`<polygon>`).
        case triangle
        /// A filled diamond (`<polygon>`).
        case diamond
        /// A filled triangle pointing down (`<polygon>`).
        case triangleDown
        /// A diagonal cross (`<path>`).
        case cross
    }

    /// Where the legend is placed.
    public enum LegendPosition: Sendable, Hashable {
        /// Inside the axes, in the corner or side that covers the fewest data points
        /// (matplotlib's "best").
        case best
        /// Inside the axes, top right.
        case upperRight
        /// Inside the axes, top left.
        case upperLeft
        /// Inside the axes, bottom left.
        case lowerLeft
        /// Inside the axes, bottom right.
        case lowerRight
        /// Outside the axes, to their right.
        case outside
        /// No legend.
        case hidden
    }

    /// Whether a figure has axes or lays out panels.
    enum Arrangement: Sendable, Equatable, CustomStringConvertible {
        case single, row, column
        var description: String { self == .row ? "row" : self == .column ? "column" : "single" }
    }

    /// One thing drawn in the axes.
    struct Mark {
        enum Kind {
            case line(x: [Double], y: [Double], style: LineStyle, width: Double, marker: Marker?)
            case scatter(x: [Double], y: [Double], marker: Marker, size: Double)
            case bars(x: [Double], heights: [Double], width: Double)
            case errorBars(x: [Double], y: [Double], xError: [Double]?, yError: [Double]?, marker: Marker)
            case reference(horizontal: Bool, value: Double, style: LineStyle)
            case raster(Raster)
            case polylines([[(x: Double, y: Double)]], width: Double, style: LineStyle)
            case cells(values: [[Double]], colorMap: ColorMap, range: ClosedRange<Double>, annotations: [[String]]?)
            case text(String, x: Double, y: Double, size: Double, halo: Bool)
        }
        var kind: Kind
        var label: String?
        var color: Color
    }

    /// An image in data coordinates: `pixels` row-major from the row at the top of the axes.
    struct Raster {
        var columns: Int
        var rows: Int
        var pixels: [PNG.Pixel]
        /// The extent of the pixels' outer edges.
        var x: ClosedRange<Double>
        var y: ClosedRange<Double>
    }

    /// A vertical colour scale beside the axes.
    struct ColorBar {
        var colorMap: ColorMap
        var range: ClosedRange<Double>
        var label: String
        /// The field's opacity over white, which the bar's colours repeat.
        var opacity: Double
    }

    /// Sizes of text and furniture, in pixels.
    enum Style {
        static let tickFont = 12.0
        static let labelFont = 14.0
        static let titleFont = 16.0
        static let legendFont = 12.0
        static let tickLength = 5.0
        static let suptitleBand = 34.0
        static let axisColor = "#333333"
        static let gridColor = "#e6e6e6"
    }
}
