import Foundation
import Testing

@testable import Neuron

private typealias Reference = SpecialFunctionsReference

/// |got − want|/|want|, and 0 when they are equal (so 0 = 0 and ∞ = ∞ pass).
private func relativeError(_ got: Double, _ want: Double) -> Double {
    got == want ? 0 : Swift.abs(got - want) / Swift.abs(want)
}

@Suite("Normal CDF and quantile, chi-square survival")
struct SpecialFunctionsTests {
    // MARK: - Normal CDF

    @Test("Φ at published values: Φ(−1.96) = 0.024997895148220435, Φ(0) = ½, Φ(1.96) = 0.975002104851779…")
    func normalCDFPublished() {
        // Abramowitz & Stegun table 26.1 gives P(1.96) = 0.975002104851780 and P(1) =
        // 0.841344746068543 to 15 decimals; the last digits are mpmath's at 50 digits.
        #expect(relativeError(Kernels.normalCDF(-1.96), 0.024997895148220435) <= 2e-16)
        #expect(Kernels.normalCDF(0) == 0.5)
        #expect(relativeError(Kernels.normalCDF(1.96), 0.9750021048517795) <= 2e-16)
        #expect(relativeError(Kernels.normalCDF(-1), 0.15865525393145705) <= 2e-16)
    }

    @Test("Φ is within 1e-15 relative of 50-digit values on [−37.5, 38], and exact in the subnormals below")
    func normalCDFAgainstReference() {
        // Measured worst: 2.8e-16 (at x = −29.25). Without the correction for rounding −x/√2,
        // ½·erfc(−x/√2) is off by 1.7e-13 at x = −36.75.
        for (x, p) in Reference.normalCDF {
            let got = Kernels.normalCDF(x)
            if p >= Double.leastNormalMagnitude {
                #expect(relativeError(got, p) <= 1e-15, "Φ(\(x)) = \(got), expected \(p)")
            } else {  // subnormal: within two steps of 2⁻¹⁰⁷⁴
                #expect(Swift.abs(got - p) <= 2 * Double.leastNonzeroMagnitude, "Φ(\(x)) = \(got), expected \(p)")
            }
        }
    }

    @Test("normalSurvival(x) = Φ(−x): two-sided p-values 2·Φ(−|z|) keep full precision up to |z| = 37.5")
    func normalSurvival() {
        for (x, p) in Reference.normalCDF where p >= Double.leastNormalMagnitude {
            #expect(relativeError(Kernels.normalSurvival(-x), p) <= 1e-15, "1 − Φ(\(-x))")
        }
        // 2·Φ(−8) = 1.2441921148543568e-15 (mpmath), where 1 − Φ(8) in doubles would give 0.
        #expect(relativeError(2 * Kernels.normalSurvival(8), 1.2441921148543568e-15) <= 1e-15)
        #expect(Kernels.normalSurvival(-.infinity) == 1 && Kernels.normalSurvival(.infinity) == 0)
        #expect(Kernels.normalCDF(-50) == 0 && Kernels.normalCDF(50) == 1 && Kernels.normalCDF(.nan).isNaN)
    }

    // MARK: - Normal quantile

    @Test("Φ⁻¹ at published values: Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(0.995) = 2.5758293035489…, Φ⁻¹(½) = 0")
    func normalQuantilePublished() {
        // The published value is for p = 0.975 exactly; the double 0.975 is 2.2e-17 smaller,
        // so its quantile is 1.9599639845400538, 2e-16 lower (mpmath).
        #expect(relativeError(Kernels.normalQuantile(0.975), 1.959963984540054) <= 3e-16)
        #expect(relativeError(Kernels.normalQuantile(0.995), 2.5758293035489004) <= 3e-16)
        #expect(Kernels.normalQuantile(0.5) == 0)
    }

    @Test("Φ⁻¹ is within 1e-15 relative of 50-digit values for p in [1e-300, 1 − 1e-16]")
    func normalQuantileAgainstReference() {
        // Measured worst: 7.5e-16 (at p = 1e-179); AS 241 promises about 1e-16.
        for (p, x) in Reference.normalQuantile {
            let got = Kernels.normalQuantile(p)
            #expect(relativeError(got, x) <= 1e-15, "Φ⁻¹(\(p)) = \(got), expected \(x)")
        }
    }

    @Test("Φ⁻¹ edges: 0 → −∞, 1 → ∞, NaN outside [0, 1]; and Φ(Φ⁻¹(p)) = p")
    func normalQuantileEdges() {
        #expect(Kernels.normalQuantile(0) == -.infinity && Kernels.normalQuantile(1) == .infinity)
        for p in [-0.1, 1.1, .nan, .infinity] { #expect(Kernels.normalQuantile(p).isNaN) }
        #expect(Kernels.normalQuantile(.leastNonzeroMagnitude) < -38)
        // An error δ in x = Φ⁻¹(p) moves Φ(x) by φ(x)·δ ≈ |x|·p·δ in the tail, so the round trip
        // is good to |x|·(1e-15·|x| + ulp(x)), not to 1e-15: 1.4e-12 at p = 1e-300 (x = −37).
        for p in [1e-300, 1e-20, 0.001, 0.2, 0.5, 0.8, 0.999] {
            let x = Kernels.normalQuantile(p)
            let bound = Swift.max(Swift.abs(x), 1) * (1e-15 * Swift.abs(x) + x.ulp) + 1e-15
            #expect(relativeError(Kernels.normalCDF(x), p) <= bound, "Φ(Φ⁻¹(\(p)))")
        }
    }

    // MARK: - Chi-square survival

    @Test("Chi-square survival at the table's 5% and 1% critical values is 0.05 and 0.01")
    func chiSquarePublished() {
        // Critical values from scipy.stats.chi2.isf (SciPy 1.17); the survival there is 0.05 (or
        // 0.01) up to the rounding of the critical value: mpmath gives 0.05 within 4e-15.
        let cases: [(x: Double, k: Double, q: Double)] = [
            (3.8414588206941285, 1, 0.05), (5.991464547107983, 2, 0.05), (7.814727903251178, 3, 0.05),
            (18.30703805327515, 10, 0.05), (43.77297182574217, 30, 0.05), (6.634896601021217, 1, 0.01),
        ]
        for (x, k, q) in cases {
            #expect(relativeError(Kernels.chiSquareSurvival(x, degreesOfFreedom: k), q) <= 1e-14, "k = \(k)")
        }
        // Two degrees of freedom is the exponential distribution: Q(1, x/2) = e^(−x/2).
        for x in [0.5, 10, 100, 200, 1400] {
            #expect(relativeError(Kernels.chiSquareSurvival(x, degreesOfFreedom: 2), Foundation.exp(-x / 2)) <= 4e-16)
        }
    }

    @Test("Chi-square survival is within 1e-14 relative of 50-digit values for k in {1, 2, 3, 10, 30}, x ≤ 200")
    func chiSquareAgainstReference() {
        // Measured worst: 2.1e-15 (x = 6.63, k = 3); down to Q = 2e-44 at x = 200, k = 1.
        for (x, k, q) in Reference.chiSquareSurvival {
            let got = Kernels.chiSquareSurvival(x, degreesOfFreedom: k)
            #expect(relativeError(got, q) <= 1e-14, "Q(\(k)/2, \(x)/2) = \(got), expected \(q)")
        }
    }

    @Test("Chi-square survival for non-integer k and k = 100, 1000 is within 1e-14 relative")
    func chiSquareOtherDegrees() {
        // Measured worst: 5.6e-15, at x = 2000, k = 1000 (Q = 4e-69), where the prefactor is
        // exp(a·(ln(y/a) − y/a + 1)) with an exponent of −153.
        for (x, k, q) in Reference.chiSquareSurvivalExtra {
            let got = Kernels.chiSquareSurvival(x, degreesOfFreedom: k)
            #expect(relativeError(got, q) <= 1e-14, "Q(\(k)/2, \(x)/2) = \(got), expected \(q)")
        }
    }

    @Test("Chi-square survival edges: 1 at x ≤ 0, 0 at ∞, NaN for NaN x or k ≤ 0")
    func chiSquareEdges() {
        #expect(Kernels.chiSquareSurvival(0, degreesOfFreedom: 3) == 1)
        #expect(Kernels.chiSquareSurvival(-1, degreesOfFreedom: 3) == 1)
        #expect(Kernels.chiSquareSurvival(.infinity, degreesOfFreedom: 3) == 0)
        #expect(Kernels.chiSquareSurvival(.nan, degreesOfFreedom: 3).isNaN)
        for k in [0, -1, .nan, .infinity] { #expect(Kernels.chiSquareSurvival(1, degreesOfFreedom: k).isNaN) }
        #expect(Kernels.chiSquareSurvival(5000, degreesOfFreedom: 1) == 0)  // e^(−2500): below the doubles
        #expect(Kernels.chiSquareSurvival(1e-300, degreesOfFreedom: 1) == 1)
    }
}
