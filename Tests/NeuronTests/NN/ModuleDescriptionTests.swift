import Neuron
import Testing

/// A model of one's own, described by reflection.
private final class Encoder: Module {
    let hidden = Linear(4, 8)
    let layers: [any Module] = [Tanh(), Linear(8, 2, bias: false)]
    let head = Sequential(Linear(2, 1), Sigmoid())
    func callAsFunction(_ x: Tensor) -> Tensor { head(layers[1](layers[0](hidden(x)))) }
}

@Suite("Modules print themselves as PyTorch prints them")
struct ModuleDescriptionTests {
    @Test("print(model) of a logistic regression is PyTorch's repr and a parameter count")
    func logisticRegression() {
        let model = Sequential(Linear(30, 1), Sigmoid())
        #expect(
            model.description == """
                Sequential(
                  (0): Linear(in_features=30, out_features=1, bias=True)
                  (1): Sigmoid()
                )
                31 trainable parameters
                """)
        #expect("\(Linear(3, 2, bias: false))" == "Linear(in_features=3, out_features=2, bias=False)")
        #expect("\(ReLU())" == "ReLU()" && "\(Tanh())" == "Tanh()")
        #expect("\(Softmax(axis: 1))" == "Softmax(dim=1)" && "\(LogSoftmax())" == "LogSoftmax(dim=-1)")
    }

    @Test("nested Sequentials and modules of one's own are indented as PyTorch indents them")
    func nested() {
        let model = Sequential(Sequential(Linear(2, 4), ReLU()), Linear(4, 1))
        #expect(
            model.layerDescription == """
                Sequential(
                  (0): Sequential(
                    (0): Linear(in_features=2, out_features=4, bias=True)
                    (1): ReLU()
                  )
                  (1): Linear(in_features=4, out_features=1, bias=True)
                )
                """)
        #expect(
            Encoder().layerDescription == """
                Encoder(
                  (hidden): Linear(in_features=4, out_features=8, bias=True)
                  (layers.0): Tanh()
                  (layers.1): Linear(in_features=8, out_features=2, bias=False)
                  (head): Sequential(
                    (0): Linear(in_features=2, out_features=1, bias=True)
                    (1): Sigmoid()
                  )
                )
                """)
        let count: Int = 32 + 8 + 16 + 2 + 1
        #expect(Encoder().parameterSummary == "\(count) trainable parameters")
    }

    @Test("layers are reachable without a cast; the wrong type stops with a message naming the layer")
    func typedAccess() async {
        let model = Sequential(Linear(3, 1), Sigmoid())
        #expect(model.layer(0, as: Linear.self).weight.shape == [1, 3])
        #expect(model.linearLayers.count == 1 && model.linearLayers[0] === model.layer(0, as: Linear.self))
        let fit = try? LogisticRegression().fit(
            Tensor([0, 1, 2, 3, 0.5, 2.5] as [Double], shape: [6, 1], dtype: .float64),
            Tensor([0, 0, 1, 1, 1, 0] as [Double], shape: [6], dtype: .float64))
        #expect(fit?.model.layer(0, as: Linear.self).weight.shape == [1, 1])
        await #expect(processExitsWith: .failure) {
            _ = Sequential(Linear(3, 1), Sigmoid()).layer(1, as: Linear.self)
        }
    }
}
