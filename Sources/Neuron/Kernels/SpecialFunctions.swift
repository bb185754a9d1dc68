import Foundation

// The normal distribution's CDF and quantile and the chi-square survival function, in float64,
// for the p-values and confidence intervals of the statistics layer. Built on the C library's
// erfc, exp, pow, log1p and tgamma (glibc's erfc is within a few ulp everywhere); every
// formula and its accuracy against 50-digit mpmath values is in the comments and in
// Tests/NeuronTests/Kernels/SpecialFunctionsTests.swift.

extension Kernels {
    // MARK: - Normal distribution

    /// 1/√2 split into a double and the double nearest its remainder.
    private static let inverseSqrt2 = (hi: 0.7071067811865476, lo: -4.833646656726457e-17)
    /// 2/√π, the slope of erfc at 0 (erfc′(u) = −(2/√π)·e^(−u²)).
    private static let twoOverSqrtPi = 1.1283791670955126

    /// The standard normal CDF, Φ(x) = ½·erfc(−x/√2), to a few ulp for every x, tails included.
    ///
    /// The argument u = −x/√2 is formed as a double u₁ plus its rounding error u₂ (a fused
    /// multiply-add), and Φ(x) = ½·(erfc(u₁) − u₂·(2/√π)·e^(−u₁²)) to first order. Rounding u
    /// alone would cost a relative error of about u²·ε in the tail (1.6e-13 at x = −38).
    /// Φ(x) is subnormal below x ≈ −37.5 and 0 below x ≈ −38.5; Φ(NaN) is NaN.
    static func normalCDF(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if Swift.abs(x) > 40 { return x > 0 ? 1 : 0 }
        let u = -x * inverseSqrt2.hi
        let uError = (-u).addingProduct(-x, inverseSqrt2.hi) + -x * inverseSqrt2.lo
        let slope = twoOverSqrtPi * Foundation.exp(-u * u)
        return 0.5 * (Foundation.erfc(u) - uError * slope)
    }

    /// The standard normal survival function, 1 − Φ(x) = Φ(−x), accurate in the upper tail
    /// (a two-sided p-value is 2·normalSurvival(|z|), exact in relative terms up to |z| ≈ 37.5).
    static func normalSurvival(_ x: Double) -> Double { normalCDF(-x) }

    /// The standard normal quantile Φ⁻¹(p), by Wichura's algorithm AS 241 (PPND16, Applied
    /// Statistics 37, 1988): a rational function of p − ½ for |p − ½| ≤ 0.425, else of
    /// r = √(−ln min(p, 1 − p)) on r ≤ 5 and r > 5; about 1e-16 relative. 1 − p is exact for
    /// p ≥ ½, so the upper tail is as accurate as the double p allows.
    /// Φ⁻¹(0) = −∞, Φ⁻¹(1) = ∞, and NaN for p outside [0, 1] or NaN.
    static func normalQuantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        let q = p - 0.5
        if Swift.abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * rational(r, central.numerator, central.denominator)
        }
        var r = (-Foundation.log(q < 0 ? p : 1 - p)).squareRoot()
        let x: Double
        if r <= 5 {
            r -= 1.6
            x = rational(r, intermediate.numerator, intermediate.denominator)
        } else {
            r -= 5
            x = rational(r, tail.numerator, tail.denominator)
        }
        return q < 0 ? -x : x
    }

    /// N(r)/D(r) for coefficients listed from the constant term up, by Horner's rule.
    private static func rational(_ r: Double, _ numerator: [Double], _ denominator: [Double]) -> Double {
        var n = 0.0
        for c in numerator.reversed() { n = n * r + c }
        var d = 0.0
        for c in denominator.reversed() { d = d * r + c }
        return n / d
    }

    /// AS 241 for |p − ½| ≤ 0.425, in r = 0.180625 − (p − ½)².
    private static let central = (
        numerator: [
            3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4,
            4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3,
        ],
        denominator: [
            1, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3, 2.1213794301586595867e4,
            3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3,
        ]
    )
    /// AS 241 for r = √(−ln min(p, 1 − p)) ≤ 5, in r − 1.6.
    private static let intermediate = (
        numerator: [
            1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
            1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2,
            7.74545014278341407640e-4,
        ],
        denominator: [
            1, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
            1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
            1.05075007164441684324e-9,
        ]
    )
    /// AS 241 for r > 5 (p below e⁻²⁵ ≈ 1.4e-11), in r − 5.
    private static let tail = (
        numerator: [
            6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
            2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5,
            2.01033439929228813265e-7,
        ],
        denominator: [
            1, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
            7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
            2.04426310338993978564e-15,
        ]
    )

    // MARK: - Chi-square distribution

    /// The chi-square survival function, P(χ²ₖ > x) = Q(k/2, x/2), the regularised upper
    /// incomplete gamma function Q(a, y) = Γ(a, y)/Γ(a).
    ///
    /// For y < a + 1, Q = 1 − P with P(a, y) = yᵃe⁻ʸ/Γ(a+1) · ∑ₙ yⁿ/((a+1)⋯(a+n)); otherwise
    /// Q = yᵃe⁻ʸ/Γ(a) · 1/(y+1−a− 1·(1−a)/(y+3−a− 2·(2−a)/(y+5−a− ⋯))), the continued fraction
    /// evaluated by the modified Lentz method. The prefactor yᵃe⁻ʸ/Γ(a) is e⁻ʸ·yᵃ/Γ(a) from
    /// the C library's exp, pow and tgamma while those stay in range (a < 150, yᵃ < e⁷⁰⁰), which
    /// keeps about 1e-15 relative accuracy deep in the tail; beyond, it is
    /// exp(a·(ln(y/a) − y/a + 1))·√(a/2π)/Γ*(a) with Stirling's series for Γ*, accurate to about
    /// |ln Q|·ε. The work grows like √k: fine for k up to about 10⁶.
    /// - Returns: 1 for x ≤ 0, 0 for x = ∞, NaN when x is NaN or k is not positive and finite.
    static func chiSquareSurvival(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard !x.isNaN, k > 0, k.isFinite else { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        let a = k / 2
        let y = x / 2
        if y < a + 1 {
            return 1 - gammaPrefactor(a, y) / a * lowerGammaSeries(a, y)
        }
        return gammaPrefactor(a, y) * upperGammaFraction(a, y)
    }

    /// ∑ₙ yⁿ/((a+1)⋯(a+n)) for n ≥ 0, to the last bit (all terms are positive).
    private static func lowerGammaSeries(_ a: Double, _ y: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var n = 1.0
        while term > sum * 0x1p-54, n < 1e7 {
            term *= y / (a + n)
            sum += term
            n += 1
        }
        return sum
    }

    /// 1/(b₀ − 1·(1−a)/(b₁ − 2·(2−a)/(b₂ − ⋯))) with bₙ = y + 2n + 1 − a, by the modified Lentz
    /// method (Numerical Recipes §6.2); converges for y ≥ a + 1 in O(√a) steps.
    private static func upperGammaFraction(_ a: Double, _ y: Double) -> Double {
        let tiny = 1e-300
        var b = y + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var n = 1.0
        while n < 1e7 {
            let an = -n * (n - a)
            b += 2
            d = an * d + b
            if Swift.abs(d) < tiny { d = tiny }
            c = b + an / c
            if Swift.abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if Swift.abs(delta - 1) <= 0x1p-54 { break }
            n += 1
        }
        return h
    }

    /// yᵃe⁻ʸ/Γ(a): directly while yᵃ and Γ(a) are finite, else in Stirling's form
    /// (y/a)ᵃe^(a−y)·√(a/2π)/Γ*(a) with the exponent a·(ln(1+t) − t), t = (y − a)/a.
    private static func gammaPrefactor(_ a: Double, _ y: Double) -> Double {
        if a < 150, a * Foundation.log(y) < 700 {
            let halfDecay = Foundation.exp(-0.5 * y)  // e⁻ʸ in two halves, so y may reach ~1400
            return halfDecay * (Foundation.pow(y, a) / Foundation.tgamma(a)) * halfDecay
        }
        if a < 20 {  // y > e³⁵: Q underflows to 0 whatever the rounding
            return Foundation.exp(a * Foundation.log(y) - y - Foundation.lgamma(a))
        }
        let exponent = a * logOnePlusMinus((y - a) / a)
        return Foundation.exp(exponent) * (a / (2 * Double.pi)).squareRoot() / gammaStar(a)
    }

    /// ln(1 + t) − t without cancellation: for |t| ≤ ½, −t·z + 2z³(1/3 + z²/5 + z⁴/7 + ⋯) with
    /// z = t/(2 + t) (from ln(1 + t) = 2·atanh z); else log1p(t) − t.
    private static func logOnePlusMinus(_ t: Double) -> Double {
        guard Swift.abs(t) <= 0.5 else { return Foundation.log1p(t) - t }
        let z = t / (2 + t)
        let z2 = z * z
        var sum = 0.0
        var power = 1.0
        var k = 3.0
        while k < 100 {
            let term = power / k
            sum += term
            if term <= sum * 0x1p-54 { break }
            power *= z2
            k += 2
        }
        return -t * z + 2 * z * z2 * sum
    }

    /// Γ*(a) = Γ(a)/(√(2π)·a^(a−½)·e⁻ᵃ) for a ≥ 20, by Stirling's series
    /// ln Γ*(a) = 1/(12a) − 1/(360a³) + 1/(1260a⁵) − 1/(1680a⁷) + 1/(1188a⁹) − 691/(360360a¹¹);
    /// the first omitted term is below 1e-18 at a = 20.
    private static func gammaStar(_ a: Double) -> Double {
        let r = 1 / a
        let r2 = r * r
        var s = -691.0 / 360360
        for c in [1.0 / 1188, -1.0 / 1680, 1.0 / 1260, -1.0 / 360, 1.0 / 12] { s = s * r2 + c }
        return Foundation.exp(s * r)
    }
}
