import Neuron
import Testing

/// x³ with a correct backward rule.
struct Cube: DifferentiableFunction {
    func forward(_ inputs: [Tensor]) -> Tensor { inputs[0] * inputs[0] * inputs[0] }
    func backward(gradient: Tensor, inputs: [Tensor], output: Tensor) -> [Tensor?] {
        [gradient * inputs[0].squared() * 3]
    }
}

/// x³ with a deliberately wrong backward rule (2x² instead of 3x²).
struct WrongCube: DifferentiableFunction {
    func forward(_ inputs: [Tensor]) -> Tensor { inputs[0] * inputs[0] * inputs[0] }
    func backward(gradient: Tensor, inputs: [Tensor], output: Tensor) -> [Tensor?] {
        [gradient * inputs[0].squared() * 2]
    }
}

/// a·b whose backward forgets the gradient of b.
struct ForgetfulProduct: DifferentiableFunction {
    func forward(_ inputs: [Tensor]) -> Tensor { inputs[0] * inputs[1] }
    func backward(gradient: Tensor, inputs: [Tensor], output: Tensor) -> [Tensor?] {
        [gradient * inputs[1], nil]
    }
}

@Suite("gradcheck itself")
struct GradcheckTests {
    @Test("a user-defined op with a correct backward passes, to second order")
    func correctCustomOpPasses() {
        let x = leaf([2, 3], seed: 1)
        #expect(gradcheck({ Cube()($0) }, inputs: [x]).passed)
        #expect(gradgradcheck({ Cube()($0) }, inputs: [x]).passed)
    }

    @Test("a user-defined op with a wrong backward fails, and the report names the worst element")
    func wrongBackwardFails() {
        let x = Tensor([0.5, -2, 1.5] as [Double], shape: [3], dtype: .float64, requiresGrad: true)
        let report = gradcheck({ WrongCube()($0).sum() }, inputs: [x])
        #expect(!report.passed)
        // The error is x²: largest at x = −2, element 1; analytic 2·4 = 8, numeric 3·4 = 12.
        #expect(report.worstInput == 0)
        #expect(report.worstElement == 1)
        #expect(Swift.abs(report.analytic - 8) < 1e-12)
        #expect(Swift.abs(report.numeric - 12) < 1e-6)
        #expect(Swift.abs(report.maxAbsoluteError - 4) < 1e-6)
        #expect(report.description.contains("FAILED"))
    }

    @Test("a missing gradient for the second input is caught on that input")
    func missingGradientFails() {
        let a = leaf([3], seed: 2)
        let b = leaf([3], seed: 3)
        let report = gradcheck({ ForgetfulProduct()($0).sum() }, inputs: [a, b])
        #expect(!report.passed)
        #expect(report.worstInput == 1)
    }

    @Test("a custom op's gradient accumulates on the leaf through backward()")
    func customOpBackward() {
        let x = Tensor([2] as [Double], shape: [1], dtype: .float64, requiresGrad: true)
        Cube()([x]).sum().backward()
        expectClose(x.grad!, [12])
    }

    @Test("inputs without requiresGrad are held fixed, not checked")
    func onlyRequiringInputsChecked() {
        let a = leaf([4], seed: 4)
        let fixed = Tensor([1, 2, 3, 4] as [Double], shape: [4], dtype: .float64)
        let report = gradcheck({ ($0[0] * $0[1]).sum() }, inputs: [a, fixed])
        #expect(report.passed)
        #expect(report.checkedCount == 4)
    }
}
