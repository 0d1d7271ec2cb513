import Demography

/// Births, deaths and net migrants of one step in one area: the components that close the balance
/// `P(t+n) = P(t) + B − D + I`.
public struct StepComponents: Sendable, Equatable {
    public var births: Double = 0
    public var deaths: Double = 0
    public var netMigrants: Double = 0

    public init(births: Double = 0, deaths: Double = 0, netMigrants: Double = 0) {
        self.births = births
        self.deaths = deaths
        self.netMigrants = netMigrants
    }

    public static func += (lhs: inout StepComponents, rhs: StepComponents) {
        lhs.births += rhs.births
        lhs.deaths += rhs.deaths
        lhs.netMigrants += rhs.netMigrants
    }
}

/// One step of the cohort-component projection for one area and both sexes, on `G` age groups of
/// width `n` (the last open) over a step of `n` years — Preston, Heuveline & Guillot (2001),
/// *Demography*, ch. 6, with their Box 6.2 treatment of migration. With `n = 1` and `G = 101` it is
/// SeatPlan's annual single-year projection; with `n = 5` and `G = 18` it reproduces the book's
/// Sweden 1993 example.
///
/// Notation for one sex: `Nₐ(t)` population in group `a`, `Iₐ` net migrants over the step (half
/// arrive at its start and are exposed for the whole step, half at its end), `Sₐ` the life table's
/// survival ratios (`LifeTable.survivalRatios`), `ω` the open group, `fₐ` annual fertility rates,
/// `ρ = 1/(1 + SRB)` the fraction of births that are female.
/// ```
/// Nₐ₊₁(t+n) = (Nₐ(t) + Iₐ/2) · Sₐ + Iₐ₊₁/2                           a = 0 … ω−2
/// N_ω(t+n)  = (N_{ω−1}(t) + I_{ω−1}/2 + N_ω(t) + I_ω/2) · S_ω + I_ω/2
/// B         = n · Σₐ fₐ · ½ [(Nᶠₐ(t) + Iᶠₐ/2) + Nᶠₐ(t+n)]           women-years of exposure
/// N₀(t+n)   = B · ρ · ₙL₀/(n l₀) + I₀/2    (females; males with 1 − ρ and their own table)
/// ```
/// Deaths are what each cohort loses to the survival ratios, `D = Σ (Nₐ + Iₐ/2)(1 − Sₐ) +
/// B·ρ·(1 − ₙL₀/(n l₀)) + …`, so that `P(t+n) = P(t) + B − D + ΣI` holds exactly.
public struct CohortComponentStep: Sendable {
    /// Step and group width `n`, years.
    public let width: Int
    /// Number of age groups `G`, the open group included.
    public let groups: Int
    /// `Sₐ` by sex: `[male 0 … G−1, female 0 … G−1]`.
    public let survival: [Double]
    /// `ₙL₀ / (n l₀)` by sex.
    public let birthSurvival: [Double]
    /// `1 − Sₐ` by sex, the share of each exposed cohort that dies during the step.
    @usableFromInline let loss: [Double]

    /// A step built from one life table per sex (indexed by `Sex.rawValue`).
    public init(lifeTables: [LifeTable]) {
        precondition(lifeTables.count == 2 && lifeTables[0].groups == lifeTables[1].groups
                     && lifeTables[0].width == lifeTables[1].width, "two life tables on the same groups")
        width = lifeTables[0].width
        groups = lifeTables[0].groups
        survival = lifeTables[0].survivalRatios + lifeTables[1].survivalRatios
        birthSurvival = lifeTables.map(\.birthSurvival)
        loss = survival.map { 1 - $0 }
    }

    /// Advances one area by one step.
    /// - Parameters:
    ///   - population: `2G` counts, sex-major (males first).
    ///   - migrants: `2G` net migrants over the step, or `nil` for none.
    ///   - asfr: `G` annual fertility rates by the mother's age group.
    ///   - fractionFemale: `ρ = 1/(1 + SRB)`.
    /// - Returns: the population at `t + n` and the step's components.
    public func advance(population: [Double], migrants: [Double]? = nil, asfr: [Double],
                        fractionFemale: Double) -> (population: [Double], components: StepComponents) {
        precondition(population.count == 2 * groups && asfr.count == groups && (migrants?.count ?? 2 * groups) == 2 * groups)
        var end = [Double](repeating: 0, count: 2 * groups)
        let fertile = (asfr.firstIndex { $0 != 0 } ?? 1)..<((asfr.lastIndex { $0 != 0 } ?? 0) + 1)
        let components = population.withUnsafeBufferPointer { p in
            asfr.withUnsafeBufferPointer { f in
                end.withUnsafeMutableBufferPointer { e in
                    guard let migrants else { return advance(p, nil, f, fertile, fractionFemale, e) }
                    return migrants.withUnsafeBufferPointer { i in advance(p, i, f, fertile, fractionFemale, e) }
                }
            }
        }
        return (end, components)
    }

    /// The kernel on raw buffers (see the type's formulas); `fertile` bounds the non-zero `asfr`.
    ///
    /// Written for speed: the survival loop has no reduction in it (so it vectorizes), and deaths
    /// `Σ (Nₐ + Iₐ/2)(1 − Sₐ)` and net migrants are sums kept in four lanes.
    @inlinable
    public func advance(_ start: UnsafeBufferPointer<Double>, _ migrants: UnsafeBufferPointer<Double>?,
                        _ asfr: UnsafeBufferPointer<Double>, _ fertile: Range<Int>, _ fractionFemale: Double,
                        _ end: UnsafeMutableBufferPointer<Double>) -> StepComponents {
        let g = groups
        precondition(fertile.isEmpty || fertile.lowerBound >= 1, "no births to mothers in the first age group")
        var deaths = 0.0
        var netMigrants = 0.0
        survival.withUnsafeBufferPointer { s in
            loss.withUnsafeBufferPointer { q in
                for sex in 0..<2 {
                    let o = sex * g
                    if let m = migrants {
                        for a in 0..<(g - 2) { end[o + a + 1] = (start[o + a] + 0.5 * m[o + a]) * s[o + a] + 0.5 * m[o + a + 1] }
                        let open = start[o + g - 2] + 0.5 * m[o + g - 2] + start[o + g - 1] + 0.5 * m[o + g - 1]
                        end[o + g - 1] = open * s[o + g - 1] + 0.5 * m[o + g - 1]
                        deaths += Self.lanes(g - 2) { a in (start[o + a] + 0.5 * m[o + a]) * q[o + a] } + open * q[o + g - 1]
                        netMigrants += Self.lanes(g) { a in m[o + a] }
                    } else {
                        for a in 0..<(g - 2) { end[o + a + 1] = start[o + a] * s[o + a] }
                        let open = start[o + g - 2] + start[o + g - 1]
                        end[o + g - 1] = open * s[o + g - 1]
                        deaths += Self.lanes(g - 2) { a in start[o + a] * q[o + a] } + open * q[o + g - 1]
                    }
                }
            }
        }
        // Births from women-years: the mean of exposed women at the start and women at the end.
        let f = g  // females' offset
        var births = 0.0
        for a in fertile {
            let startWomen = start[f + a] + 0.5 * (migrants?[f + a] ?? 0)
            births += asfr[a] * 0.5 * (startWomen + end[f + a])
        }
        births *= Double(width)
        for sex in 0..<2 {
            let born = births * (sex == 0 ? 1 - fractionFemale : fractionFemale)
            let survivors = born * birthSurvival[sex]
            end[sex * g] = survivors + 0.5 * (migrants?[sex * g] ?? 0)
            deaths += born - survivors
        }
        return StepComponents(births: births, deaths: deaths, netMigrants: netMigrants)
    }

    /// `Σ_{a < n} term(a)` accumulated in four independent lanes (a dependency chain of one add per
    /// term would otherwise bound the loop).
    @inlinable @inline(__always)
    static func lanes(_ n: Int, _ term: (Int) -> Double) -> Double {
        var acc = SIMD4<Double>()
        var a = 0
        while a + 4 <= n {
            acc += SIMD4(term(a), term(a + 1), term(a + 2), term(a + 3))
            a += 4
        }
        var tail = 0.0
        while a < n {
            tail += term(a)
            a += 1
        }
        return acc.sum() + tail
    }
}
