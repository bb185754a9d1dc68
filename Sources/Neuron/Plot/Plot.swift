/// Ready-made figures for evaluating a model, each a ``Figure`` to write as SVG or to adjust
/// further: the ROC curve, a reliability diagram, a confusion matrix, training curves, a
/// classifier's decision boundary and a coefficient plot.
///
/// ```swift
/// try Plot.roc(scores: p, labels: y).write(to: URL(fileURLWithPath: "roc.svg"))
/// ```
///
/// Plot knows nothing of autograd: it takes numbers, or (for ``decisionBoundary(_:x:labels:classNames:title:xLabel:yLabel:resolution:)``)
/// a module that it evaluates on a grid under `withNoGrad`.
public enum Plot {
    /// The ROC curve of a binary classifier with its AUC in the legend, and the diagonal of
    /// a random guess, as scikit-learn's `RocCurveDisplay`.
    ///
    /// - Parameters:
    ///   - scores: A score per sample, higher meaning more likely positive (a probability of
    ///     class 1, say).
    ///   - labels: 1 for positive, 0 for negative.
    ///   - label: The model's name in the legend.
    ///   - title: The figure's title.
    /// - Returns: A figure with the curve from ``Metrics/rocCurve(scores:labels:)`` and the AUC
    ///   from ``Metrics/rocAUC(scores:labels:)``.
    /// - Precondition: At least one sample; equal counts; no NaN score; labels 0 or 1 with
    ///   both classes present.
    public static func roc(scores: [Double], labels: [Int], label: String = "model", title: String = "ROC curve")
        -> Figure
    {
        require(!scores.isEmpty, "Plot.roc: no scores to plot")
        require(scores.count == labels.count, "Plot.roc: \(scores.count) scores for \(labels.count) labels")
        let positives = labels.filter { $0 == 1 }.count
        require(
            positives > 0 && positives < labels.count,
            "Plot.roc: needs both positive and negative samples, given \(positives) positives and \(labels.count - positives) others"
        )
        let curve = Metrics.rocCurve(scores: scores, labels: labels)
        let auc = Metrics.rocAUC(scores: scores, labels: labels)
        let figure = Figure(
            title: title, xLabel: "false positive rate", yLabel: "true positive rate", width: 540, height: 500)
        figure.xLimits = -0.02...1.02
        figure.yLimits = -0.02...1.02
        figure.line(x: [0, 1], y: [0, 1], label: "chance (AUC = 0.5)", color: .gray, style: .dashed, lineWidth: 1.5)
        figure.line(
            x: curve.falsePositiveRate, y: curve.truePositiveRate,
            label: "\(label) (AUC = \(String(format: "%.3f", auc)))", color: Figure.Color.palette[0])
        figure.legendPosition = .lowerRight
        return figure
    }

    /// A reliability diagram over a histogram of the predicted probabilities, as
    /// scikit-learn's `CalibrationDisplay`: the fraction of positives against the mean
    /// predicted probability in each bin, with the diagonal of perfect calibration, and below
    /// it how many samples fall in each bin. The legend gives the expected calibration error.
    ///
    /// - Parameters:
    ///   - probabilities: The predicted probability of class 1 for each sample.
    ///   - labels: 1 for positive, 0 for negative.
    ///   - bins: The number of uniform bins in [0, 1].
    ///   - label: The model's name in the legend.
    ///   - title: The figure's title.
    /// - Returns: A column of two panels, from ``Metrics/calibrationCurve(probabilities:labels:bins:strategy:)``
    ///   and ``Metrics/expectedCalibrationError(probabilities:labels:bins:strategy:)``.
    /// - Precondition: At least one sample; equal counts; probabilities in [0, 1]; labels 0 or 1;
    ///   `bins` ≥ 1.
    public static func calibration(
        probabilities: [Double], labels: [Int], bins: Int = 10, label: String = "model",
        title: String = "Reliability diagram"
    ) -> Figure {
        require(!probabilities.isEmpty, "Plot.calibration: no probabilities to plot")
        let curve = Metrics.calibrationCurve(probabilities: probabilities, labels: labels, bins: bins)
        let ece = Metrics.expectedCalibrationError(probabilities: probabilities, labels: labels, bins: bins)
        let diagram = Figure(title: title, yLabel: "fraction of positives", width: 560, height: 420)
        diagram.xLimits = -0.02...1.02
        diagram.yLimits = -0.02...1.02
        diagram.line(
            x: [0, 1], y: [0, 1], label: "perfectly calibrated", color: .gray, style: .dashed, lineWidth: 1.5)
        diagram.line(
            x: curve.meanPredicted, y: curve.fractionPositive,
            label: "\(label) (ECE = \(String(format: "%.3f", ece)))", color: Figure.Color.palette[0], marker: .circle)
        diagram.legendPosition = .best
        let histogram = Figure(xLabel: "mean predicted probability", yLabel: "count", width: 560, height: 190)
        histogram.xLimits = -0.02...1.02
        histogram.histogram(probabilities, bins: bins, range: 0...1, color: Figure.Color.palette[0])
        return Figure.column([diagram, histogram])
    }

    /// A confusion matrix as a heat map with the count in each cell, true classes down the
    /// rows and predicted classes across the columns, as scikit-learn's
    /// `ConfusionMatrixDisplay`.
    ///
    /// - Parameters:
    ///   - matrix: counts[i][j], the samples of true class i predicted as j (as
    ///     ``Metrics/confusionMatrix(predicted:actual:classCount:)`` returns it).
    ///   - classNames: A name per class; nil numbers them from 0.
    ///   - title: The figure's title.
    /// - Returns: The figure, with a colour bar of counts.
    /// - Precondition: The matrix is square and not empty, no count is negative, and there
    ///   are as many names as classes.
    public static func confusionMatrix(
        _ matrix: [[Int]], classNames: [String]? = nil, title: String = "Confusion matrix"
    ) -> Figure {
        let n = matrix.count
        require(n > 0, "Plot.confusionMatrix: the matrix is empty")
        require(
            matrix.allSatisfy { $0.count == n },
            "Plot.confusionMatrix: the matrix must be square, given \(n) rows of lengths \(matrix.map(\.count))")
        require(!matrix.joined().contains { $0 < 0 }, "Plot.confusionMatrix: counts cannot be negative")
        let names = classNames ?? (0..<n).map(String.init)
        require(names.count == n, "Plot.confusionMatrix: \(names.count) class names for \(n) classes")
        let side = Swift.max(300, Swift.min(560, 60.0 * Double(n)))
        let longest = names.map { SVG.textWidth($0, size: Figure.Style.tickFont) }.max() ?? 0
        let figure = Figure(
            title: title, xLabel: "predicted class", yLabel: "true class", width: side + 190 + longest,
            height: side + 120 + (longest > 40 ? longest * 0.64 : 0))
        figure.heatmap(
            matrix.map { $0.map(Double.init) }, colorMap: .blues, annotations: matrix.map { $0.map(String.init) },
            colorBarLabel: "count")
        figure.xTicks = names.enumerated().map { Figure.Tick(Double($0.offset), $0.element) }
        figure.yTicks = figure.xTicks
        figure.hasEqualAspect = true
        return figure
    }

    /// The loss per epoch and, when the history has accuracies, the accuracy per epoch beside
    /// it, for training and (where measured) test data.
    ///
    /// - Parameters:
    ///   - history: The epochs of a run.
    ///   - title: The title over the panels.
    /// - Returns: One panel (loss) or a row of two (loss, accuracy).
    /// - Precondition: The history has at least one epoch.
    public static func trainingCurves(_ history: TrainingHistory, title: String = "Training curves") -> Figure {
        require(!history.epochs.isEmpty, "Plot.trainingCurves: the history has no epochs")
        let epochs = history.epochs.map { Double($0.epoch) }
        let marker: Figure.Marker? = history.count <= 30 ? .circle : nil
        /// Adds the measured points of a series.
        func series(_ figure: Figure, _ values: [Double?], _ label: String, _ color: Figure.Color) {
            let measured = zip(epochs, values).compactMap { x, y in y.map { (x, $0) } }
            guard !measured.isEmpty else { return }
            figure.line(x: measured.map(\.0), y: measured.map(\.1), label: label, color: color, marker: marker)
        }
        let hasAccuracy = history.epochs.contains { $0.trainAccuracy != nil || $0.testAccuracy != nil }
        let loss = Figure(title: hasAccuracy ? "Loss" : title, xLabel: "epoch", yLabel: "loss", width: 560, height: 420)
        series(loss, history.trainLosses, "train", Figure.Color.palette[0])
        series(loss, history.testLosses, "test", Figure.Color.palette[1])
        guard hasAccuracy else { return loss }
        let accuracy = Figure(title: "Accuracy", xLabel: "epoch", yLabel: "accuracy", width: 560, height: 420)
        series(accuracy, history.trainAccuracies, "train", Figure.Color.palette[0])
        series(accuracy, history.testAccuracies, "test", Figure.Color.palette[1])
        return Figure.row([loss, accuracy], title: title)
    }

    /// A coefficient plot: each estimate as a point with its confidence interval
    /// β̂ ± z·SE (z = Φ⁻¹((1 + level)/2), 1.96 for 95 %), one row per name, and a dashed line
    /// at 0, so an interval that crosses it marks a coefficient not distinguishable from 0.
    ///
    /// - Parameters:
    ///   - names: The coefficients' names, top to bottom.
    ///   - values: The estimates.
    ///   - standardErrors: Their standard errors, or nil to draw the points alone.
    ///   - level: The intervals' confidence level.
    ///   - title: The figure's title.
    ///   - xLabel: What the values measure.
    /// - Returns: The figure.
    /// - Precondition: At least one name; as many values (and standard errors); `level` in (0, 1).
    public static func coefficients(
        names: [String], values: [Double], standardErrors: [Double]? = nil, level: Double = 0.95,
        title: String = "Coefficients", xLabel: String = "estimate"
    ) -> Figure {
        require(!names.isEmpty, "Plot.coefficients: no coefficients to plot")
        require(values.count == names.count, "Plot.coefficients: \(values.count) values for \(names.count) names")
        require(level > 0 && level < 1, "Plot.coefficients: level must be in (0, 1), given \(level)")
        if let standardErrors {
            require(
                standardErrors.count == names.count,
                "Plot.coefficients: \(standardErrors.count) standard errors for \(names.count) names")
        }
        let longest = names.map { SVG.textWidth($0, size: Figure.Style.tickFont) }.max() ?? 0
        let figure = Figure(
            title: title, xLabel: xLabel, width: 520 + longest, height: Swift.max(260, 130 + 36 * Double(names.count)))
        let rows = names.indices.map(Double.init)
        figure.yTicks = names.enumerated().map { Figure.Tick(Double($0.offset), $0.element) }
        figure.yInverted = true
        figure.yLimits = -0.6...(Double(names.count) - 0.4)
        figure.verticalLine(at: 0)
        let z = Kernels.normalQuantile(1 - (1 - level) / 2)
        let percent = String(format: level * 100 == (level * 100).rounded() ? "%.0f" : "%.1f", level * 100)
        figure.errorBars(
            x: values, y: rows, xError: standardErrors?.map { z * $0 },
            label: standardErrors == nil ? "estimate" : "estimate ± \(percent) % interval",
            color: Figure.Color.palette[0])
        return figure
    }
}
