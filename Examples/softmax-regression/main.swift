import Foundation
import Neuron

// Softmax regression (multinomial logistic regression): one linear layer gives a logit per
// class, softmax turns logits into probabilities, and cross-entropy is the loss. With two
// classes it is exactly logistic regression.

/// Full-batch gradient descent on cross-entropy; returns the trained layer.
func fit(_ x: Tensor, _ labels: [Int], classes: Int, steps: Int, lr: Double, name: String) -> Linear {
    let layer = Linear(x.shape[1], classes)
    let optimizer = SGD(layer.parameters, lr: lr)
    let lossFunction = CrossEntropyLoss()
    for step in 1...steps {
        optimizer.zeroGrad()
        let loss = lossFunction(layer(x), labels: labels)
        loss.backward()
        optimizer.step()
        if step == 1 || step % (steps / 4) == 0 {
            print(String(format: "  %@ step %4d   loss %.6f", name, step, loss.item()))
        }
    }
    return layer
}

/// The most probable class of each row.
func predict(_ layer: Linear, _ x: Tensor) -> [Int] {
    withNoGrad { layer(x) }.argmax(axis: 1)
}

manualSeed(1)

// 1. Iris, with the published 80/20 split.
print("1. iris: 4 features, 3 species")
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
        format: "  train accuracy %.4f, test accuracy %.4f (%d test flowers)", irisTrainAccuracy, irisTestAccuracy,
        irisTest.count))
print("  confusion matrix (rows: true species, columns: predicted)")
for (name, row) in zip(
    iris.classNames, Metrics.confusionMatrix(predicted: irisPredicted, actual: irisTest.labels, classCount: 3))
{
    print(
        "    \(name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(row.map { String(format: "%3d", $0) }.joined())"
    )
}

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
print("  task              accuracy")
print(String(format: "  iris (test)       %.4f", irisTestAccuracy))
print(String(format: "  blobs (train)     %.4f", blobAccuracy))
