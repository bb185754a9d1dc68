import Foundation
import Neuron
import Testing

/// Writes one figure of every kind to the folder named by NEURON_PLOT_GALLERY (and does
/// nothing without it), to look at them in a browser:
/// `NEURON_PLOT_GALLERY=/tmp/gallery NeuronPackageTests.xctest --testing-library swift-testing --filter GalleryTests`.
@Suite("Plot gallery")
struct GalleryTests {
    @Test("every kind of figure can be written to NEURON_PLOT_GALLERY")
    func gallery() throws {
        guard let folder = ProcessInfo.processInfo.environment["NEURON_PLOT_GALLERY"] else { return }
        let directory = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, figure) in Self.figures() {
            try figure.write(to: directory.appendingPathComponent("\(name).svg"))
        }
    }

    /// One figure of each kind, named.
    static func figures() -> [(String, Figure)] {
        var rng = RandomGenerator(seed: 3)
        // Two overlapping classes scored by a noisy model.
        let labels = (0..<300).map { $0 % 3 == 0 ? 1 : 0 }
        let scores = labels.map { y in 1 / (1 + Foundation.exp(-(2.2 * Double(y) - 1.1 + 1.2 * rng.nextNormal()))) }
        var history = TrainingHistory()
        for e in 1...40 {
            let t = Double(e)
            history.record(
                epoch: e, trainLoss: 0.9 * Foundation.exp(-t / 8) + 0.08, testLoss: 0.9 * Foundation.exp(-t / 9) + 0.14,
                trainAccuracy: 1 - 0.5 * Foundation.exp(-t / 6), testAccuracy: 0.96 - 0.5 * Foundation.exp(-t / 7))
        }
        let scatter = Figure(title: "Three classes", xLabel: "x₁", yLabel: "x₂")
        for (c, name) in ["setosa", "versicolor", "virginica"].enumerated() {
            let xs = (0..<30).map { _ in Double(c) * 1.5 + rng.nextNormal() * 0.6 }
            let ys = (0..<30).map { _ in Double(c % 2) * 2 + rng.nextNormal() * 0.6 }
            scatter.scatter(x: xs, y: ys, label: name, marker: Figure.Marker.allCases[c])
        }
        // A ring classifier: p = σ(4 − 2‖x‖²) is 0.5 on the circle of radius √2.
        let ring = Sequential(RingModel())
        var points: [Double] = []
        var ringLabels: [Int] = []
        for _ in 0..<120 {
            let (a, b) = (rng.nextNormal() * 1.2, rng.nextNormal() * 1.2)
            points += [a, b]
            ringLabels.append(a * a + b * b < 2 ? 1 : 0)
        }
        let x = Tensor(points, shape: [120, 2])
        let three = Linear(2, 3)
        withNoGrad { three.weight.assign(Tensor([2, 0, -2, 0, 0, 2] as [Double], shape: [3, 2])) }
        return [
            ("line", GoldenFigureTests.lineFigure()),
            ("scatter", scatter),
            ("roc", Plot.roc(scores: scores, labels: labels)),
            ("calibration", Plot.calibration(probabilities: scores, labels: labels, bins: 10)),
            (
                "confusion",
                Plot.confusionMatrix(
                    [[50, 3, 0], [7, 40, 4], [0, 5, 45]],
                    classNames: ["Iris-setosa", "Iris-versicolor", "Iris-virginica"])
            ),
            (
                "confusion10",
                Plot.confusionMatrix(
                    (0..<10).map { i in (0..<10).map { j in i == j ? 30 + i : (i + j) % 7 == 0 ? 2 : 0 } })
            ),
            ("training", Plot.trainingCurves(history)),
            ("boundary", Plot.decisionBoundary(ring, x: x, labels: ringLabels, classNames: ["outside", "inside"])),
            ("regions", Plot.decisionBoundary(three, x: x, labels: ringLabels.map { $0 * 2 }, resolution: 80)),
            (
                "coefficients",
                Plot.coefficients(
                    names: ["const", "mean_radius", "mean_texture", "mean_smoothness"],
                    values: [0.6, -5.2, -1.4, -1.9], standardErrors: [0.2, 0.5, 0.2, 0.3])
            ),
            ("row", Figure.row([GoldenFigureTests.lineFigure(), scatter], title: "Side by side")),
            ("empty", Figure(title: "Nothing here", xLabel: "x", yLabel: "y")),
        ]
    }
}

/// p = σ(4 − 2‖x‖²), a classifier whose boundary is a circle.
private final class RingModel: Module {
    func callAsFunction(_ x: Tensor) -> Tensor {
        let squared = (x * x).sum(axis: 1, keepDims: true)
        return (4 - 2 * squared).sigmoid()
    }
}
