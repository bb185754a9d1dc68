import Foundation
import Neuron
import Testing

/// The ready-made figures of `Plot`, parsed as XML.
@Suite("Plot figures")
struct PlotTests {
    /// Scores of 6 positives and 6 negatives, the classes overlapping.
    static let scores: [Double] = [0.95, 0.9, 0.8, 0.7, 0.6, 0.3, 0.65, 0.4, 0.35, 0.2, 0.1, 0.05]
    static let labels = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]

    @Test("ROC: the curve and the chance diagonal, AUC in the legend, ticks 0 … 1 on both axes")
    func roc() throws {
        let svg = try ParsedSVG(Plot.roc(scores: Self.scores, labels: Self.labels, label: "toy").svg)
        // 36 pairs; 0.6 is below one negative (0.65), 0.3 below three (0.65, 0.4, 0.35): AUC = 32/36.
        #expect(svg.texts("legend-entry") == ["chance (AUC = 0.5)", "toy (AUC = 0.889)"])
        #expect(svg.texts("title") == ["ROC curve"])
        #expect(svg.texts("x-label") == ["false positive rate"])
        #expect(svg.texts(inside: "x-ticks") == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(svg.texts(inside: "y-ticks") == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(svg.withClass("line").count == 2)
        #expect(svg.badCoordinates() == [])
    }

    @Test("calibration: a reliability diagram with the diagonal over a histogram of the probabilities")
    func calibration() throws {
        let svg = try ParsedSVG(Plot.calibration(probabilities: Self.scores, labels: Self.labels, bins: 5).svg)
        #expect(svg.withClass("panel").count == 2)
        #expect(svg.texts("title") == ["Reliability diagram"])
        #expect(svg.texts("y-label") == ["fraction of positives", "count"])
        #expect(svg.texts("x-label") == ["mean predicted probability"])
        let entries = svg.texts("legend-entry")
        #expect(entries.count == 2 && entries[0] == "perfectly calibrated" && entries[1].hasPrefix("model (ECE = "))
        // 12 probabilities in 5 bins of width 0.2, every bin used: 5 markers (and 1 in the
        // legend) and 5 bars.
        #expect(svg.all("circle").count == 5 + 1)
        #expect(svg.all("rect", inside: "bars").count == 5)
        #expect(svg.badCoordinates() == [])
    }

    @Test("confusion matrix: counts in the cells, class names on both axes, a colour bar")
    func confusionMatrix() throws {
        let matrix = [[10, 0, 0], [0, 8, 2], [0, 1, 9]]
        let names = ["setosa", "versicolor", "virginica"]
        let svg = try ParsedSVG(Plot.confusionMatrix(matrix, classNames: names).svg)
        #expect(svg.texts("cell-text") == ["10", "0", "0", "0", "8", "2", "0", "1", "9"])
        #expect(svg.texts(inside: "x-ticks") == names)
        #expect(svg.texts(inside: "y-ticks") == names)
        #expect(svg.texts("x-label") == ["predicted class"] && svg.texts("y-label") == ["true class"])
        #expect(svg.texts(inside: "colorbar").last == "count")
        #expect(svg.badCoordinates() == [])
    }

    @Test("training curves: loss and accuracy panels, train and test lines, test measured every 2 epochs")
    func trainingCurves() throws {
        var history = TrainingHistory()
        for epoch in 1...10 {
            let loss = 1 / Double(epoch)
            history.record(
                epoch: epoch, trainLoss: loss, testLoss: epoch % 2 == 0 ? loss + 0.1 : nil,
                trainAccuracy: 1 - loss / 2, testAccuracy: epoch % 2 == 0 ? 0.9 - loss / 2 : nil, seconds: 0.01)
        }
        let svg = try ParsedSVG(Plot.trainingCurves(history).svg)
        #expect(svg.texts("suptitle") == ["Training curves"])
        #expect(svg.texts("title") == ["Loss", "Accuracy"])
        #expect(svg.texts("legend-entry") == ["train", "test", "train", "test"])
        #expect(svg.withClass("line").count == 4)
        #expect(svg.all("circle").count == 10 + 5 + 10 + 5 + 4)  // markers, and 4 in the legends
        let lossOnly = TrainingHistory().appending(epochs: 3)
        let single = try ParsedSVG(Plot.trainingCurves(lossOnly, title: "just loss").svg)
        #expect(single.texts("title") == ["just loss"] && single.withClass("panel").isEmpty)
    }

    @Test("decision boundary of a binary model: a probability field, the 0.5 contour, both classes' points")
    func binaryBoundary() throws {
        // σ(4·x₁) is 0.5 on the line x₁ = 0.
        let layer = Linear(2, 1)
        withNoGrad {
            layer.weight.assign(Tensor([4, 0] as [Double], shape: [1, 2]))
            layer.bias!.fill(0)
        }
        let model = Sequential(layer, Sigmoid())
        let x = Tensor([-1, -1, -1, 1, 1, -1, 1, 1, 0.5, 0] as [Double], shape: [5, 2])
        let figure = Plot.decisionBoundary(
            model, x: x, labels: [0, 0, 1, 1, 1], classNames: ["no", "yes"], resolution: 41)
        let svg = try ParsedSVG(figure.svg)
        #expect(svg.all("image").count == 1)
        #expect(svg.all("circle", inside: "scatter").count == 2)  // class 0: circles
        #expect(svg.all("rect", inside: "scatter").count == 3)  // class 1: squares
        #expect(svg.texts("legend-entry") == ["p = 0.5", "no", "yes"])
        #expect(svg.texts(inside: "colorbar").last == "P(yes)")
        let d = try #require(svg.withClass("contour").first?.value(of: "d"))
        let xs = Set(d.split(whereSeparator: { "ML".contains($0) }).map { $0.split(separator: " ")[0] })
        #expect(xs.count == 1, "the boundary x₁ = 0 is one vertical line: \(d)")
        #expect(svg.badCoordinates() == [])
    }

    @Test("decision regions of a three-class model: argmax regions, boundaries, one marker shape per class")
    func multiClassRegions() throws {
        // Logits x₁, −x₁ and x₂: three regions meeting near the origin.
        let layer = Linear(2, 3)
        withNoGrad {
            layer.weight.assign(Tensor([1, 0, -1, 0, 0, 1] as [Double], shape: [3, 2]))
            layer.bias!.fill(0)
        }
        let x = Tensor([2, -1, -2, -1, 0, 2, 1.5, -1.5] as [Double], shape: [4, 2])
        let svg = try ParsedSVG(Plot.decisionBoundary(layer, x: x, labels: [0, 1, 2, 0], resolution: 30).svg)
        #expect(svg.all("image").count == 1)
        #expect(svg.withClass("contour").count == 1)
        #expect(svg.texts("legend-entry") == ["boundary", "class 0", "class 1", "class 2"])
        #expect(svg.all("circle", inside: "scatter").count == 2)
        #expect(svg.all("rect", inside: "scatter").count == 1)
        #expect(svg.all("polygon", inside: "scatter").count == 1)
        #expect(svg.withClass("colorbar").isEmpty)
    }

    @Test("coefficient plot: one row per name, intervals β ± 1.96·SE, a line at 0")
    func coefficients() throws {
        let figure = Plot.coefficients(
            names: ["const", "radius", "texture"], values: [0.4, -3.1, -1.2], standardErrors: [0.2, 0.5, 0.3])
        let svg = try ParsedSVG(figure.svg)
        #expect(svg.texts(inside: "y-ticks") == ["const", "radius", "texture"])
        #expect(svg.texts("legend-entry") == ["estimate ± 95 % interval"])
        #expect(svg.all("circle", inside: "error-bars").count == 3)
        #expect(svg.withClass("reference").count == 1)
        #expect(svg.badCoordinates() == [])
    }

    @Test("Plot.folder: --plots DIR is created, no option gives nil, a missing folder throws")
    func folder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("neuron-plot-\(UUID())/a/b").path
        let url = try #require(try Plot.folder(in: ["prog", "--plots", path]))
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(try Plot.folder(in: ["prog", "--other"]) == nil)
        #expect(throws: Plot.FolderError(option: "--plots")) { try Plot.folder(in: ["prog", "--plots"]) }
        #expect(Plot.FolderError(option: "--plots").description == "--plots needs a folder after it: --plots DIR")
        try FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent())
    }

    @Test("Plot functions refuse empty input with a message naming the function")
    func emptyInput() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Plot.roc(scores: [], labels: [])
            }, mentions: ["Plot.roc: no scores to plot"])
        await #expect(processExitsWith: .failure) {
            _ = Plot.trainingCurves(TrainingHistory())
        }
        await #expect(processExitsWith: .failure) {
            _ = Plot.confusionMatrix([])
        }
    }
}

extension TrainingHistory {
    /// This history with `epochs` more epochs of falling loss and nothing else measured.
    fileprivate func appending(epochs: Int) -> TrainingHistory {
        var copy = self
        for e in (count + 1)...(count + epochs) { copy.record(epoch: e, trainLoss: 1 / Double(e)) }
        return copy
    }
}
