import Neuron
import Testing

/// A layer that takes the logarithm of its input: a NaN factory for negative inputs.
final class LogLayer: Module {
    func callAsFunction(_ input: Tensor) -> Tensor { log(input) }
}

@Suite("Anomaly detection names the first op that turns finite values into NaN or ±∞")
struct AnomalyTests {
    @Test("a forward op: log(0) from finite inputs, with its number and its inputs' source")
    func forwardAnomaly() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                withAnomalyDetection {
                    let x = Tensor([0, 1] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
                    _ = log(x * 2)
                }
            }, mentions: ["anomaly: log produced NaN or ±∞ from finite inputs of shapes [[2]]", "op #2", "op #1"])
    }

    @Test("inside a Sequential the message names the layer")
    func layerIsNamed() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                withAnomalyDetection {
                    var rng = RandomGenerator(seed: 3)
                    let model = Sequential(Linear(2, 1, dtype: .float64, generator: &rng), LogLayer())
                    let x = Tensor([-50, 40, 30, -20] as [Double], shape: [2, 2], dtype: .float64)
                    _ = model(x)
                }
            }, mentions: ["anomaly: log", "Sequential layer 1 (LogLayer)", "[[2, 1]]"])
    }

    @Test("a backward rule: sqrt at 0 is finite forward, but its gradient is ∞")
    func backwardAnomaly() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                withAnomalyDetection {
                    let x = Tensor([0, 4] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
                    sqrt(x).sum().backward()
                }
            },
            mentions: [
                "the backward of sqrt produced NaN or ±∞ in the gradient of its input 0 (shape [2])",
                "created as op #1 of the forward pass (sqrt)",
            ])
    }

    @Test("off by default and after the scope: the same work runs and returns ∞")
    func offByDefault() {
        let x = Tensor([0, 4] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
        #expect(log(x).asArray(Double.self)[0] == -.infinity)
        sqrt(x).sum().backward()
        #expect(x.grad!.asArray(Double.self)[0] == .infinity)
        // A clean computation passes through the scope untouched.
        let loss = withAnomalyDetection {
            let w = Tensor([0.5, -0.5] as [Double], shape: [2], dtype: .float64, requiresGrad: true)
            let l = BCELoss()(w.sigmoid(), Tensor([1, 0] as [Double], shape: [2], dtype: .float64))
            l.backward()
            return l.item()
        }
        #expect(loss.isFinite)
    }
}
