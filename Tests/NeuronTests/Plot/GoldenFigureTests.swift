import Foundation
import Neuron
import Testing

/// Two simple figures compared byte for byte with SVG files in Tests/NeuronTests/Plot/Golden,
/// which were rendered in Chromium and looked at. After an intended change to the drawing,
/// run these tests with NEURON_UPDATE_GOLDEN=1 to rewrite the files, look at them again, and
/// commit them.
@Suite("Plot golden files")
struct GoldenFigureTests {
    /// Two lines, one dashed, with markers and a legend.
    static func lineFigure() -> Figure {
        let figure = Figure(title: "Loss per epoch", xLabel: "epoch", yLabel: "loss")
        let epochs = (1...8).map(Double.init)
        figure.line(x: epochs, y: epochs.map { 0.7 * Foundation.exp(-$0 / 3) + 0.1 }, label: "train", marker: .circle)
        figure.line(x: epochs, y: epochs.map { 0.7 * Foundation.exp(-$0 / 4) + 0.15 }, label: "test", style: .dashed)
        return figure
    }

    /// A 2 × 2 confusion matrix with names that need escaping.
    static func confusionFigure() -> Figure {
        Plot.confusionMatrix([[50, 3], [7, 40]], classNames: ["benign & co", "<malignant>"])
    }

    @Test("each golden figure matches its file in Golden/", arguments: [("line.svg", 0), ("confusion.svg", 1)])
    func golden(name: String, index: Int) throws {
        let svg = (index == 0 ? Self.lineFigure() : Self.confusionFigure()).svg
        if ProcessInfo.processInfo.environment["NEURON_UPDATE_GOLDEN"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "Golden/\(name)")
            try Data(svg.utf8).write(to: source)
            Issue.record("rewrote \(source.path); look at it and commit it")
            return
        }
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Golden/\(name)")
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(svg == expected, "the SVG differs from Golden/\(name); see the test's doc comment")
    }
}
