import Foundation
import Neuron

// Logistic regression is one neuron: ŷ = σ(w·x + b), trained by minimising binary
// cross-entropy, whose gradient is (ŷ − y)·x. Here it is on the breast-cancer data with the
// published train/test split. With --plots DIR it also draws its training curves, ROC curve
// and reliability diagram.

let plots = try Plot.folder()  // --plots DIR: where to write the pictures

let data = try Dataset.breastCancer()
let train = data.subset(data.trainIndices)
let test = data.subset(data.testIndices)
print(
    "breast cancer: \(data.count) rows, \(data.featureNames.count) features; train \(train.count), test \(test.count)")
print("label 1 = \(data.classNames[1]), label 0 = \(data.classNames[0])")

// Standardise with statistics of the training split only, so the test split stays unseen.
let scaler = StandardScaler(fitting: train.features)
let xTrain = scaler.transform(train.features)
let xTest = scaler.transform(test.features)
let yTrain = train.targetColumn()
let yTest = test.targetColumn()

let model = Sequential(Linear(30, 1), Sigmoid())
withNoGrad { model.parameters.forEach { $0.fill(0) } }  // start from zero weights
let optimizer = SGD(model.parameters, lr: 0.1)
let lossFunction = BCELoss()

/// The share of rows whose probability falls on the side of 0.5 of their label.
func accuracy(_ p: Tensor, _ labels: [Int]) -> Double {
    Metrics.accuracy(predicted: p.asArray(Double.self).map { $0 >= 0.5 ? 1 : 0 }, actual: labels)
}

let steps = 1000
print("\nplain gradient descent, lr 0.1, full batch (one step = one epoch), \(steps) steps from zero weights")
var history = TrainingHistory()
var progress = ProgressLine(totalEpochs: steps, prefix: "  ")
for step in 1...steps {
    let start = Date()
    optimizer.zeroGrad()
    let pTrainStep = model(xTrain)
    let loss = lossFunction(pTrainStep, yTrain)
    // The test loss and both accuracies of the same weights as the training loss: before the step.
    let pTestStep = withNoGrad { model(xTest) }
    let testLoss = withNoGrad { lossFunction(pTestStep, yTest) }.item()
    loss.backward()
    optimizer.step()
    progress.update(
        history.record(
            epoch: step, trainLoss: loss.item(), testLoss: testLoss,
            trainAccuracy: accuracy(pTrainStep.detached(), train.labels),
            testAccuracy: accuracy(pTestStep, test.labels),
            seconds: Date().timeIntervalSince(start)))
}

let pTrain = withNoGrad { model(xTrain) }.asArray(Double.self)
let pTest = withNoGrad { model(xTest) }.asArray(Double.self)
let predictedTrain = pTrain.map { $0 >= 0.5 ? 1 : 0 }
let predictedTest = pTest.map { $0 >= 0.5 ? 1 : 0 }

print("\nresults")
print(String(format: "  train accuracy   %.4f", Metrics.accuracy(predicted: predictedTrain, actual: train.labels)))
print(String(format: "  test accuracy    %.4f", Metrics.accuracy(predicted: predictedTest, actual: test.labels)))
print(String(format: "  test ROC-AUC     %.4f", Metrics.rocAUC(scores: pTest, labels: test.labels)))

print("\nclassification report (test split)")
print(Metrics.classificationReport(predicted: predictedTest, actual: test.labels, classNames: data.classNames))

let layer = model[0] as! Linear
let weights = layer.weight.asArray(Double.self)
let largest = weights.indices.sorted(by: { abs(weights[$0]) > abs(weights[$1]) }).prefix(10)
print("\nthe ten coefficients largest in absolute value (per standard deviation of the feature)")
print("  a positive coefficient pushes towards label 1 (benign), a negative one towards malignant")
for i in largest {
    let name = data.featureNames[i].padding(toLength: 24, withPad: " ", startingAt: 0)
    print(String(format: "  %@ %+.4f", name, weights[i]))
}
print(String(format: "  %@ %+.4f", "(bias)".padding(toLength: 24, withPad: " ", startingAt: 0), layer.bias!.item()))
let negatives = largest.filter { weights[$0] < 0 }.count
if negatives == largest.count {
    print("  All ten are negative: a larger value of any of these measurements makes malignant more likely.")
} else {
    print(
        "  \(negatives) of the ten are negative (towards malignant), \(largest.count - negatives) positive (towards benign)."
    )
}

// Save the weights in safetensors, load them into a fresh model, and check that nothing changed.
let file = FileManager.default.temporaryDirectory.appendingPathComponent(
    "logistic-regression-\(ProcessInfo.processInfo.processIdentifier).safetensors")
try model.save(to: file)
let reloaded = Sequential(Linear(30, 1), Sigmoid())
try reloaded.load(from: file)
let pReloaded = withNoGrad { reloaded(xTest) }.asArray(Double.self)
try? FileManager.default.removeItem(at: file)
let identical = pReloaded == pTest
print("\nsaved with model.save(to:) and loaded into a fresh Sequential(Linear(30, 1), Sigmoid()):")
print(
    "  \(identical ? "all" : "NOT all") \(pTest.count) test probabilities of the reloaded model are identical"
        + (identical ? " (compared exactly)" : ""))

if let plots {
    let figures: [(String, Figure)] = [
        ("logistic-regression-training.svg", Plot.trainingCurves(history, title: "Logistic regression, breast cancer")),
        ("logistic-regression-roc.svg", Plot.roc(scores: pTest, labels: test.labels, label: "test split")),
        (
            "logistic-regression-calibration.svg",
            Plot.calibration(probabilities: pTest, labels: test.labels, bins: 10, label: "test split")
        ),
    ]
    print("\npictures")
    for (name, figure) in figures {
        try figure.write(to: plots.appendingPathComponent(name))
        print("  wrote \(plots.appendingPathComponent(name).path)")
    }
}
