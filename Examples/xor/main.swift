import Foundation
import Neuron

// XOR is the classic problem one neuron cannot solve: no straight line separates
// {(0,1), (1,0)} from {(0,0), (1,1)}. A hidden layer bends the space until one can.
// With --plots DIR it draws both models' decision boundaries side by side.

let plots = try Plot.folder()  // --plots DIR: where to write the pictures

let x = Tensor([0, 0, 0, 1, 1, 0, 1, 1] as [Double], shape: [4, 2])
let y = Tensor([0, 1, 1, 0] as [Double], shape: [4, 1])
let labels = [0, 1, 1, 0]
let lossFunction = BCELoss()

/// Trains `model` with plain gradient descent, printing its progress, and returns its final loss.
@MainActor func train(_ model: Sequential, steps: Int, lr: Double, name: String) -> Double {
    let optimizer = SGD(model.parameters, lr: lr)
    var history = TrainingHistory()
    var progress = ProgressLine(totalEpochs: steps, prefix: "  \(name) ")
    for step in 1...steps {
        let start = Date()
        optimizer.zeroGrad()
        let loss = lossFunction(model(x), y)
        loss.backward()
        optimizer.step()
        progress.update(history.record(epoch: step, trainLoss: loss.item(), seconds: Date().timeIntervalSince(start)))
    }
    return history.trainLosses.last!
}

/// An output that prints as 0.5000 is a tie: the model does not choose a class.
func isTie(_ p: Double) -> Bool { abs(p - 0.5) < 0.00005 }

/// Prints the four predictions and returns how many are right, wrong and tied.
@MainActor func report(_ model: Sequential) -> (right: Int, wrong: Int, ties: Int) {
    let p = withNoGrad { model(x) }.asArray(Double.self)
    let inputs = x.asArray(Double.self)
    var counts = (right: 0, wrong: 0, ties: 0)
    for i in 0..<4 {
        let verdict: String
        if isTie(p[i]) {
            verdict = "tie (no class)"
            counts.ties += 1
        } else {
            let predicted = p[i] > 0.5 ? 1 : 0
            verdict = "predicted \(predicted)     "
            if predicted == labels[i] { counts.right += 1 } else { counts.wrong += 1 }
        }
        print(
            String(format: "    (%.0f, %.0f) → %.4f   ", inputs[2 * i], inputs[2 * i + 1], p[i]) + verdict
                + "   target \(labels[i])")
    }
    return counts
}

manualSeed(0)
print("1. one neuron (logistic regression): Linear(2, 1) → Sigmoid, gradient descent lr 0.5")
let neuron = Sequential(Linear(2, 1), Sigmoid())
let neuronLoss = train(neuron, steps: 5000, lr: 0.5, name: "neuron")
let neuronCounts = report(neuron)
let linear = neuron[0] as! Linear
let w = linear.weight.asArray(Double.self)
print(String(format: "  weights w = (%.1e, %.1e), bias b = %.1e", w[0], w[1], linear.bias!.item()))
print("  Any straight line gets at most 3 of the 4 points right, but cross-entropy does not reward")
print("  such a line: for one neuron its minimum is w = 0, b = 0 (reached here to within 1e-7), an")
print("  output of 0.5 for every input, loss ln 2 ≈ 0.6931. Each 0.5 is a tie: no class is predicted.")

print("\n2. one hidden layer: Linear(2, 4) → Tanh → Linear(4, 1) → Sigmoid, gradient descent lr 0.5")
let hidden = Linear(2, 4)
let mlp = Sequential(hidden, Tanh(), Linear(4, 1), Sigmoid())
let mlpLoss = train(mlp, steps: 5000, lr: 0.5, name: "mlp   ")
let mlpCounts = report(mlp)

print("\n  hidden features tanh(x·W₁ᵀ + b₁) of the four inputs: the layer maps XOR to a")
print("  space where the classes are linearly separable")
let features = withNoGrad { hidden(x).tanh() }.asArray(Double.self)
for i in 0..<4 {
    let row = features[(4 * i)..<(4 * i + 4)].map { String(format: "%+.3f", $0) }.joined(separator: "  ")
    print("    input \(i): [\(row)]   target \(labels[i])")
}

print("\nsummary (a tie is an output of 0.5000, on neither side of the boundary)")
print("  model              final loss   right   wrong   ties")
for (name, loss, counts) in [("one neuron    ", neuronLoss, neuronCounts), ("2 → 4 tanh → 1", mlpLoss, mlpCounts)] {
    print(String(format: "  %@     %10.4f   %5d   %5d   %4d", name, loss, counts.right, counts.wrong, counts.ties))
}

if let plots {
    /// The model's decision boundary with its output written beside each of the four points.
    @MainActor func panel(_ model: Sequential, title: String) -> Figure {
        let figure = Plot.decisionBoundary(
            model, x: x, labels: labels, title: title, xLabel: "x₁", yLabel: "x₂",
            resolution: 81)
        figure.hasEqualAspect = true
        let p = withNoGrad { model(x) }.asArray(Double.self)
        let inputs = x.asArray(Double.self)
        for i in 0..<4 {
            figure.text(String(format: "%.2f", p[i]), x: inputs[2 * i], y: inputs[2 * i + 1] + 0.085, halo: true)
        }
        return figure
    }
    let row = Figure.row(
        [
            panel(neuron, title: neuronCounts.ties == 4 ? "One neuron: a tie (0.5) everywhere" : "One neuron"),
            panel(mlp, title: "Hidden layer of 4 tanh units"),
        ],
        title: "XOR: model output P(class 1) over the input plane")
    let url = plots.appendingPathComponent("xor-decision-boundaries.svg")
    try row.write(to: url)
    print("\npictures\n  wrote \(url.path)")
}
