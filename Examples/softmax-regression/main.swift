import Foundation
import Neuron

// Softmax regression (multinomial logistic regression): one linear layer gives a logit per
// class, softmax turns logits into probabilities, and cross-entropy is the loss. With two
// classes it is exactly logistic regression. With --plots DIR it draws the decision regions
// of a model of iris on two features, and of the blobs.

let plots = try Plot.folder()  // --plots DIR: where to write the pictures

/// Full-batch gradient descent on cross-entropy, one progress line per step; returns the layer.
@MainActor func fit(_ x: Tensor, _ labels: [Int], classes: Int, steps: Int, lr: Double, name: String) -> Linear {
    let layer = Linear(x.shape[1], classes)
    let optimizer = SGD(layer.parameters, lr: lr)
    let lossFunction = CrossEntropyLoss()
    var history = TrainingHistory()
    var progress = ProgressLine(totalEpochs: steps, every: steps / 4, prefix: "  \(name) ")
    for step in 1...steps {
        let start = Date()
        optimizer.zeroGrad()
        let logits = layer(x)
        let loss = lossFunction(logits, labels: labels)
        loss.backward()
        optimizer.step()
        let accuracy = Metrics.accuracy(predicted: logits.argmax(axis: 1), actual: labels)
        progress.update(
            history.record(
                epoch: step, trainLoss: loss.item(), trainAccuracy: accuracy, seconds: Date().timeIntervalSince(start)))
    }
    return layer
}

/// The most probable class of each row.
func predict(_ layer: Linear, _ x: Tensor) -> [Int] {
    withNoGrad { layer(x) }.argmax(axis: 1)
}

manualSeed(1)

// 1. Iris, with the published 80/20 split.
print("1. iris: 4 features, 3 species, full-batch gradient descent lr 0.5")
let iris = try Dataset.iris()
let irisTrain = iris.subset(iris.trainIndices)
let irisTest = iris.subset(iris.testIndices)
let scaler = StandardScaler(fitting: irisTrain.features)
let irisLayer = fit(
    scaler.transform(irisTrain.features), irisTrain.labels, classes: 3, steps: 1000, lr: 0.5, name: "iris ")
let irisTrainAccuracy = Metrics.accuracy(
    predicted: predict(irisLayer, scaler.transform(irisTrain.features)), actual: irisTrain.labels)
let irisPredicted = predict(irisLayer, scaler.transform(irisTest.features))
let irisTestAccuracy = Metrics.accuracy(predicted: irisPredicted, actual: irisTest.labels)
print(
    String(
        format: "  train accuracy %.4f (%d flowers), test accuracy %.4f (%d flowers)", irisTrainAccuracy,
        irisTrain.count, irisTestAccuracy, irisTest.count))
let trainPredicted = predict(irisLayer, scaler.transform(irisTrain.features))
let trainErrors = zip(trainPredicted, irisTrain.labels).filter { $0 != $1 }
let wrongTest = zip(irisPredicted, irisTest.labels).filter { $0 != $1 }.count
print(
    String(
        format: "  One test flower is %.1f points of test accuracy, one training flower %.1f:",
        100 / Double(irisTest.count), 100 / Double(irisTrain.count)))
print(
    "  \(wrongTest) of \(irisTest.count) test flowers are wrong, \(trainErrors.count) of \(irisTrain.count) training flowers."
)
if irisTestAccuracy > irisTrainAccuracy {
    let pairs = Set(trainErrors.map { [iris.classNames[$0.1], iris.classNames[$0.0]].sorted().joined(separator: "/") })
    print("  Test beats train only by the luck of the split: the training errors are all")
    print(
        "  \(pairs.sorted().joined(separator: ", ")) mix-ups, and the \(irisTest.count) test flowers happen to hold none that hard."
    )
}
let width = iris.classNames.map(\.count).max()! + 2
func cell(_ text: String) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
print("  confusion matrix (rows: true species, columns: predicted species)")
print("    " + "".padding(toLength: width, withPad: " ", startingAt: 0) + iris.classNames.map(cell).joined())
let irisMatrix = Metrics.confusionMatrix(predicted: irisPredicted, actual: irisTest.labels, classCount: 3)
for (name, row) in zip(iris.classNames, irisMatrix) {
    print("    " + name.padding(toLength: width, withPad: " ", startingAt: 0) + row.map { cell(String($0)) }.joined())
}

// 1b. Two of the four features, for a picture of the decision regions.
print("\n1b. iris on petal length and width only (standardised), for a picture of the regions")
let petals = irisTrain.features.sliced(axis: 1, 2..<4)
let petalScaler = StandardScaler(fitting: petals)
let petalLayer = fit(petalScaler.transform(petals), irisTrain.labels, classes: 3, steps: 1000, lr: 0.5, name: "petals")
let petalTestAccuracy = Metrics.accuracy(
    predicted: predict(petalLayer, petalScaler.transform(irisTest.features.sliced(axis: 1, 2..<4))),
    actual: irisTest.labels)
print(String(format: "  test accuracy %.4f with two features", petalTestAccuracy))

// 2. Three Gaussian blobs in the plane.
print("\n2. three Gaussian blobs in 2-D, 100 points each, centres (−2, 0), (2, 0), (0, 3)")
var rng = RandomGenerator(seed: 7)
let centres: [(Double, Double)] = [(-2, 0), (2, 0), (0, 3)]
var points: [Double] = []
var blobLabels: [Int] = []
for (c, centre) in centres.enumerated() {
    for _ in 0..<100 {
        points += [centre.0 + rng.nextNormal(), centre.1 + rng.nextNormal()]
        blobLabels.append(c)
    }
}
let blobs = Tensor(points, shape: [300, 2])
let blobLayer = fit(blobs, blobLabels, classes: 3, steps: 400, lr: 0.5, name: "blobs")
let blobAccuracy = Metrics.accuracy(predicted: predict(blobLayer, blobs), actual: blobLabels)
print(String(format: "  training accuracy %.4f (the blobs overlap a little, so 100 %% is not expected)", blobAccuracy))

// 3. Two classes: softmax of [z₀, z₁] is σ(z₁ − z₀).
print("\n3. with two classes, softmax is the sigmoid of the logit difference")
let logits = Tensor.randn([1000, 2], seed: 3, dtype: .float64) * 5
let softmaxSecond = logits.softmax(axis: 1).sliced(axis: 1, 1..<2)
let difference = logits.sliced(axis: 1, 1..<2) - logits.sliced(axis: 1, 0..<1)
let gap = abs(softmaxSecond - difference.sigmoid()).max(axis: 0).item()
print(String(format: "  max |softmax(z)₁ − σ(z₁ − z₀)| over 1000 random logit pairs: %.2e (float64)", gap))

print("\nsummary")
print("  task                        accuracy")
print(String(format: "  iris, 4 features (test)     %.4f", irisTestAccuracy))
print(String(format: "  iris, 2 features (test)     %.4f", petalTestAccuracy))
print(String(format: "  blobs (train)               %.4f", blobAccuracy))

if let plots {
    let petalFigure = Plot.decisionBoundary(
        petalLayer, x: petalScaler.transform(petals), labels: irisTrain.labels, classNames: iris.classNames,
        title: "Iris: softmax regression on two features (training flowers)",
        xLabel: "petal length (standardised)", yLabel: "petal width (standardised)")
    let blobFigure = Plot.decisionBoundary(
        blobLayer, x: blobs, labels: blobLabels, title: "Three Gaussian blobs: softmax regression")
    blobFigure.hasEqualAspect = true
    print("\npictures")
    for (name, figure) in [
        ("softmax-regression-iris-regions.svg", petalFigure), ("softmax-regression-blobs-regions.svg", blobFigure),
    ] {
        try figure.write(to: plots.appendingPathComponent(name))
        print("  wrote \(plots.appendingPathComponent(name).path)")
    }
}
