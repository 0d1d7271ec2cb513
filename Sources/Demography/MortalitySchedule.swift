import Foundation

/// Single-year mortality for ages 0 … ω (ω = 100 by default, the open group ω+), in the form a
/// projection needs: probabilities of dying `qₓ`, the average years lived by those dying `aₓ`, and
/// the central death rate of the open group `m_ω`.
///
/// The life table is built the standard way (Preston, Heuveline & Guillot 2001, ch. 3):
/// ```
/// l₀ = radix,   lₓ₊₁ = lₓ (1 − qₓ),   dₓ = lₓ qₓ
/// Lₓ = lₓ₊₁ + aₓ dₓ                (x < ω)
/// L_ω = T_ω = l_ω / m_ω            (open group)
/// ```
/// `aₓ = 0.5` except at age 0, where the Coale–Demeny rule (Preston et al., Table 3.3) applies:
/// `a₀ = 0.045 + 2.684 m₀` (males) and `0.053 + 2.800 m₀` (females) when `m₀ < 0.107`, else
/// 0.330 and 0.350. A table giving `aₓ` itself overrides the rule.
public struct MortalitySchedule: Sendable, Equatable {
    /// `qₓ` for ages 0 … ω−1.
    public let qx: [Double]
    /// `aₓ` for ages 0 … ω−1.
    public let ax: [Double]
    /// `m_ω`, the central death rate of the open group.
    public let openRate: Double

    /// The lower age of the open group.
    public var openAge: Int { qx.count }

    public init(qx: [Double], ax: [Double], openRate: Double) {
        precondition(qx.count == ax.count && !qx.isEmpty, "qx and ax must cover the same ages")
        self.qx = qx
        self.ax = ax
        self.openRate = openRate
    }

    /// Coale–Demeny `a₀` from the infant death rate `m₀` (Preston et al. 2001, Table 3.3).
    public static func coaleDemenyA0(m0: Double, sex: Sex) -> Double {
        switch sex {
        case .male: return m0 >= 0.107 ? 0.330 : 0.045 + 2.684 * m0
        case .female: return m0 >= 0.107 ? 0.350 : 0.053 + 2.800 * m0
        }
    }

    /// `a₀` consistent with `q₀`: solves `m₀ = q₀ / (1 − (1 − a₀(m₀)) q₀)` by fixed-point iteration
    /// (it converges in a few steps because `a₀` changes slowly with `m₀`).
    static func a0(q0: Double, sex: Sex) -> Double {
        var a = coaleDemenyA0(m0: q0, sex: sex)
        for _ in 0..<20 {
            let m0 = q0 / (1 - (1 - a) * q0)
            let next = coaleDemenyA0(m0: m0, sex: sex)
            if abs(next - a) < 1e-14 { return next }
            a = next
        }
        return a
    }

    /// From `qₓ` for ages 0 … ω−1. When `openRate` is nil, `m_ω` is taken equal to the rate of the
    /// last closed age, `m_{ω−1} = q/(1 − (1 − a) q)` (a constant hazard beyond it).
    public static func fromQx(_ qx: [Double], sex: Sex, ax: [Double]? = nil, openRate: Double? = nil) -> MortalitySchedule {
        let a = ax ?? defaultAx(ages: qx.count) { _ in Self.a0(q0: qx[0], sex: sex) }
        let last = qx.count - 1
        let mLast = qx[last] / (1 - (1 - a[last]) * qx[last])
        return MortalitySchedule(qx: qx, ax: a, openRate: openRate ?? mLast)
    }

    /// From survivors `lₓ` for ages 0 … ω: `qₓ = 1 − lₓ₊₁ / lₓ`.
    public static func fromLx(_ lx: [Double], sex: Sex, ax: [Double]? = nil, openRate: Double? = nil) -> MortalitySchedule {
        let qx = (0..<(lx.count - 1)).map { x in lx[x] > 0 ? 1 - lx[x + 1] / lx[x] : 1 }
        return fromQx(qx, sex: sex, ax: ax, openRate: openRate)
    }

    /// From central death rates `mₓ` for ages 0 … ω: `qₓ = mₓ / (1 + (1 − aₓ) mₓ)`, `m_ω` as given.
    public static func fromMx(_ mx: [Double], sex: Sex, ax: [Double]? = nil) -> MortalitySchedule {
        let closed = mx.count - 1
        let a = ax ?? defaultAx(ages: closed) { _ in coaleDemenyA0(m0: mx[0], sex: sex) }
        let qx = (0..<closed).map { x in min(1, mx[x] / (1 + (1 - a[x]) * mx[x])) }
        return MortalitySchedule(qx: qx, ax: a, openRate: mx[closed])
    }

    private static func defaultAx(ages: Int, a0: (Int) -> Double) -> [Double] {
        var a = [Double](repeating: 0.5, count: ages)
        a[0] = a0(0)
        return a
    }

    /// Mortality after `years` of improvement at `rate` per year: every `qₓ` and `m_ω` times
    /// `(1 − rate)^years` (a uniform Lee–Carter-style decline; a negative rate is a rise).
    public func improved(rate: Double, years: Int) -> MortalitySchedule {
        guard rate != 0, years != 0 else { return self }
        let f = pow(1 - rate, Double(years))
        return MortalitySchedule(qx: qx.map { min(1, $0 * f) }, ax: ax, openRate: openRate * f)
    }

    /// The single-year life table (`n = 1`) with the given radix.
    public func lifeTable(radix: Double = 100_000) -> LifeTable {
        let omega = openAge
        var l = [Double](repeating: 0, count: omega + 1)
        var bigL = [Double](repeating: 0, count: omega + 1)
        l[0] = radix
        for x in 0..<omega {
            let d = l[x] * qx[x]
            l[x + 1] = l[x] - d
            bigL[x] = l[x + 1] + ax[x] * d
        }
        bigL[omega] = openRate > 0 ? l[omega] / openRate : 0
        return LifeTable(width: 1, radix: radix, personYears: bigL, survivors: l)
    }
}
