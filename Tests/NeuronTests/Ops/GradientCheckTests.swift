import Neuron
import Testing

@Suite("Every op's gradient agrees with finite differences")
struct GradientCheckTests {
    @Test("first derivatives, float64 central differences", arguments: allOpCases)
    func firstDerivatives(_ op: OpCase) {
        let report = gradcheck(op.body, inputs: op.inputs(), atol: 1e-7, rtol: 1e-6)
        #expect(report.passed, "\(op): \(report)")
    }

    @Test("second derivatives, through createGraph", arguments: allOpCases)
    func secondDerivatives(_ op: OpCase) {
        let report = gradgradcheck(op.body, inputs: op.inputs(), atol: 1e-6, rtol: 1e-5)
        #expect(report.passed, "\(op): \(report)")
    }
}
