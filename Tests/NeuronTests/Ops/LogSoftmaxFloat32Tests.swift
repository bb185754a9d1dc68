import Neuron
import Testing

/// Rows × classes logits from −60 to 60 (a fixed pattern), as float32, and the same values in
/// float64, so that the two differ only in the arithmetic.
private func logits(rows: Int, classes: Int, minusInfinityAt: Int? = nil) -> (Tensor, Tensor) {
    var values = (0..<(rows * classes)).map { i in Double(Float(Double((i * 7919) % 1201) / 10 - 60)) }
    if let position = minusInfinityAt { values[position] = -.infinity }
    return (Tensor(values, shape: [rows, classes], dtype: .float32), Tensor(values, shape: [rows, classes]))
}

@Suite("float32 log-softmax and softmax–cross-entropy, exponentials eight at a time, against float64")
struct LogSoftmaxFloat32Tests {
    @Test("log-softmax of rows of 1…19 classes (whole vectors and every tail), one entry −∞")
    func everyRowLength() {
        for classes in 1...19 {
            let (x32, x64) = logits(rows: 4, classes: classes, minusInfinityAt: classes > 1 ? classes + 1 : nil)
            let want = x64.logSoftmax(axis: 1).asArray(Double.self)
            let got = x32.logSoftmax(axis: 1).asArray(Double.self)
            for (g, w) in zip(got, want) {
                if w == -.infinity {
                    #expect(g == -.infinity, "\(classes) classes")
                } else {
                    #expect(Swift.abs(g - w) <= 1e-6 * (1 + Swift.abs(w)), "\(classes) classes: \(g) against \(w)")
                }
            }
        }
    }

    @Test("softmax–cross-entropy's loss and gradient, rows of 1…19 classes, one logit −∞")
    func crossEntropyEveryRowLength() {
        for classes in 1...19 {
            let rows = 5
            let labels = (0..<rows).map { ($0 * 3) % classes }
            let (x32, x64) = logits(rows: rows, classes: classes, minusInfinityAt: classes > 1 ? 1 : nil)
            x32.requiresGrad = true
            x64.requiresGrad = true
            let loss32 = softmaxCrossEntropy(x32, labels: labels)
            let loss64 = softmaxCrossEntropy(x64, labels: labels)
            for (g, w) in zip(loss32.asArray(Double.self), loss64.asArray(Double.self)) {
                #expect(Swift.abs(g - w) <= 1e-6 * (1 + Swift.abs(w)), "\(classes) classes: loss \(g) against \(w)")
            }
            loss32.sum().backward()
            loss64.sum().backward()
            for (g, w) in zip(x32.grad!.asArray(Double.self), x64.grad!.asArray(Double.self)) {
                #expect(Swift.abs(g - w) <= 1e-6, "\(classes) classes: gradient \(g) against \(w)")
            }
        }
    }
}
