// Vectorised exp and log for float32, eight lanes at a time, after the Cephes single-precision
// algorithms (range reduction plus a minimax polynomial; about 1 ulp). The scalar C library
// calls they replace dominate small models' time: logistic regression spends more on e^x and
// ln x than on its matrix products. float64 keeps the C library's functions.

typealias Float8 = SIMD8<Float>

enum VectorMath {
    /// 1.5·2²³: adding it to a float of magnitude below 2²² rounds to an integer (to nearest,
    /// ties to even) held in the low mantissa bits. Used instead of the generic `rounded` and
    /// integer conversions, which the compiler does not vectorise.
    private static let magic: Float = 12_582_912
    private static let magicBits: UInt32 = 0x4B40_0000

    /// eˣ for eight floats: ±∞, NaN, overflow (→ ∞) and underflow (→ subnormals, then 0)
    /// handled as the C library does.
    @inline(__always)
    static func exp(_ x: Float8) -> Float8 {
        var clamped = x.replacing(with: -104, where: x .< -104)
        clamped.replace(with: 89, where: clamped .> 89)
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic  // round(x·log₂e)
        let k = unsafeBitCast(unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- magicBits, to: SIMD8<Int32>.self)
        var r = clamped - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        var p = Float8(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        var y = p * (r * r) + r + 1
        // y·2ⁿ in two steps, so that n down to −150 reaches the subnormals.
        let half = k &>> 1
        y = y * powerOfTwo(half) * powerOfTwo(k &- half)
        y.replace(with: .infinity, where: x .> 88.722_84)
        y.replace(with: 0, where: x .< -103.972_08)
        y.replace(with: x, where: x .!= x)  // NaN
        return y
    }

    /// ln x for eight floats: ln 0 = −∞, ln of a negative number is NaN, ln ∞ = ∞.
    @inline(__always)
    static func log(_ x: Float8) -> Float8 {
        // Subnormals: scale into the normal range first.
        let tiny = x .< Float.leastNormalMagnitude
        let scaled = x.replacing(with: x * 8_388_608, where: tiny)  // × 2²³
        let bits = unsafeBitCast(scaled, to: SIMD8<UInt32>.self)
        // The biased exponent, as a float, by the same magic-number trick.
        let exponentBits = (bits &>> 23) & 0xff
        var e = unsafeBitCast(exponentBits | magicBits, to: Float8.self) + Float8(repeating: -(magic + 126))
        e.replace(with: e + Float8(repeating: -23), where: tiny)
        var m = unsafeBitCast((bits & 0x007f_ffff) | 0x3f00_0000, to: Float8.self)  // in [0.5, 1)
        let small = m .< 0.707_106_781_186_547_524
        e.replace(with: e + Float8(repeating: -1), where: small)
        m = m.replacing(with: m + m, where: small) + Float8(repeating: -1)
        let z = m * m
        // Polynomial in m, Horner's rule; every step a vector multiply-add (subtracting a scalar
        // from a SIMD vector does not vectorise).
        var y = Float8(repeating: 7.037_683_629_2e-2)
        for c: Float in [
            -1.151_461_031_0e-1, 1.167_699_874_0e-1, -1.242_014_084_6e-1, 1.424_932_278_7e-1,
            -1.666_805_766_5e-1, 2.000_071_476_5e-1, -2.499_999_399_3e-1, 3.333_333_117_4e-1,
        ] {
            y = y * m + Float8(repeating: c)
        }
        y = y * m * z
        y = y + e * Float8(repeating: -2.121_944_40e-4)
        y = y + z * Float8(repeating: -0.5)
        var result = m + y + e * Float8(repeating: 0.693_359_375)
        result.replace(with: -.infinity, where: x .== 0)
        result.replace(with: .infinity, where: x .== .infinity)
        result.replace(with: .nan, where: x .< 0 .| x .!= x)
        return result
    }

    /// 2ᵏ for k in [−126, 127], built from its exponent bits.
    @inline(__always)
    private static func powerOfTwo(_ k: SIMD8<Int32>) -> Float8 {
        unsafeBitCast(unsafeBitCast(k &+ 127, to: SIMD8<UInt32>.self) &<< 23, to: Float8.self)
    }
    /// y[i] = f(x[i]) for i in 0..<n, eight at a time; the tail goes through a padded vector.
    @inline(__always)
    static func map(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, _ f: (Float8) -> Float8
    ) {
        var i = 0
        while i + 8 <= n {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: Float8.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: f(v), as: Float8.self)
            i += 8
        }
        if i < n {
            var v = Float8(repeating: 1)
            for j in 0..<(n - i) { v[j] = x[i + j] }
            let out = f(v)
            for j in 0..<(n - i) { y[i + j] = out[j] }
        }
    }
}
