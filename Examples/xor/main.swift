import Foundation
import Neuron

// XOR is the classic problem one neuron cannot solve: no straight line separates
// {(0,1), (1,0)} from {(0,0), (1,1)}. A hidden layer bends the space until one can.

let x = Tensor([0, 0, 0, 1, 1, 0, 1, 1] as [Double], shape: [4, 2])
let y = Tensor([0, 1, 1, 0] as [Double], shape: [4, 1])
let labels = [0, 1, 1, 0]
let lossFunction = BCELoss()

/// Trains `model` with plain gradient descent and returns its final loss.
@MainActor func train(_ model: Sequential, steps: Int, lr: Double, name: String) -> Double {
    let optimizer = SGD(model.parameters, lr: lr)
    var last = 0.0
    for step in 1...steps {
        optimizer.zeroGrad()
        let loss = lossFunction(model(x), y)
        loss.backward()
        optimizer.step()
        last = loss.item()
        if step == 1 || step % (steps / 5) == 0 {
            print(String(format: "  %@ step %5d   loss %.6f", name, step, last))
        }
    }
    return last
}

/// Prints the four predictions and returns the accuracy.
@MainActor func report(_ model: Sequential) -> Double {
    let p = withNoGrad { model(x) }.asArray(Double.self)
    let inputs = x.asArray(Double.self)
    for i in 0..<4 {
        print(
            String(
                format: "    (%.0f, %.0f) → %.4f   predicted %d   target %d", inputs[2 * i], inputs[2 * i + 1], p[i],
                p[i] >= 0.5 ? 1 : 0, labels[i]))
    }
    return Metrics.accuracy(predicted: p.map { $0 >= 0.5 ? 1 : 0 }, actual: labels)
}

manualSeed(0)
print("1. one neuron (logistic regression): Linear(2, 1) → Sigmoid")
let neuron = Sequential(Linear(2, 1), Sigmoid())
let neuronLoss = train(neuron, steps: 5000, lr: 0.5, name: "neuron")
let neuronAccuracy = report(neuron)
print(
    String(
        format: "  accuracy %.0f %%: a linear boundary gets at most 3 of 4 right; the best it can do is",
        neuronAccuracy * 100))
print("  sit near 0.5 everywhere (loss ln 2 ≈ 0.693)")

print("\n2. one hidden layer: Linear(2, 4) → Tanh → Linear(4, 1) → Sigmoid")
let hidden = Linear(2, 4)
let mlp = Sequential(hidden, Tanh(), Linear(4, 1), Sigmoid())
let mlpLoss = train(mlp, steps: 5000, lr: 0.5, name: "mlp   ")
let mlpAccuracy = report(mlp)
print(String(format: "  accuracy %.0f %%", mlpAccuracy * 100))

print("\n  hidden features tanh(x·W₁ᵀ + b₁) of the four inputs: the layer maps XOR to a")
print("  space where the classes are linearly separable")
let features = withNoGrad { hidden(x).tanh() }.asArray(Double.self)
for i in 0..<4 {
    let row = features[(4 * i)..<(4 * i + 4)].map { String(format: "%+.3f", $0) }.joined(separator: "  ")
    print("    input \(i): [\(row)]   target \(labels[i])")
}

print("\nsummary")
print("  model                          final loss   accuracy")
print(String(format: "  one neuron                     %10.4f   %7.0f %%", neuronLoss, neuronAccuracy * 100))
print(String(format: "  2 → 4 tanh → 1                 %10.4f   %7.0f %%", mlpLoss, mlpAccuracy * 100))
