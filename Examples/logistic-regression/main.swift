import Foundation
import Neuron

// Logistic regression is one neuron: ŷ = σ(w·x + b), trained by minimising binary
// cross-entropy, whose gradient is (ŷ − y)·x. Here it is on the breast-cancer data with the
// published train/test split.

let data = try Dataset.breastCancer()
let train = data.subset(data.trainIndices)
let test = data.subset(data.testIndices)
print(
    "breast cancer: \(data.count) rows, \(data.featureNames.count) features; train \(train.count), test \(test.count)")

// Standardise with statistics of the training split only, so the test split stays unseen.
let scaler = StandardScaler(fitting: train.features)
let xTrain = scaler.transform(train.features)
let xTest = scaler.transform(test.features)
let yTrain = train.targetColumn()

let model = Sequential(Linear(30, 1), Sigmoid())
withNoGrad { model.parameters.forEach { $0.fill(0) } }  // start from zero weights
let optimizer = SGD(model.parameters, lr: 0.1)
let lossFunction = BCELoss()

print("\nplain gradient descent, lr 0.1, full batch, 1000 iterations from zero weights")
for iteration in 1...1000 {
    optimizer.zeroGrad()
    let loss = lossFunction(model(xTrain), yTrain)
    loss.backward()
    optimizer.step()
    if iteration == 1 || iteration % 200 == 0 {
        print(String(format: "  iteration %4d   loss %.6f", iteration, loss.item()))
    }
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
print("\nten largest coefficients (standardised features; positive pushes towards benign)")
for i in weights.indices.sorted(by: { abs(weights[$0]) > abs(weights[$1]) }).prefix(10) {
    let name = data.featureNames[i].padding(toLength: 24, withPad: " ", startingAt: 0)
    print(String(format: "  %@ %+.4f", name, weights[i]))
}
print(String(format: "  %@ %+.4f", "(bias)".padding(toLength: 24, withPad: " ", startingAt: 0), layer.bias!.item()))
