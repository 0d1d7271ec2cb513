/// A period life table on age groups of equal width `n`, the last group open-ended.
///
/// Only the columns a projection needs are kept: survivors `lₓ` at the start of each group and
/// person-years `ₙLₓ` lived in each group, the open group's entry being `T_ω` (all person-years
/// lived above its lower age). From them (Preston, Heuveline & Guillot 2001, *Demography*, §6.1):
///
/// ```
/// Sₐ = ₙL₍ₐ₊₁₎ / ₙLₐ                         closed groups a = 0 … ω−2 moving into a closed group
/// S  = T_ω / (ₙL₍ω₋₁₎ + T_ω)                  groups ω−1 and ω moving into the open group ω
/// S_b = ₙL₀ / (n · l₀)                          births of an interval surviving to its end
/// ```
public struct LifeTable: Sendable, Equatable {
    /// Width `n` of each closed group in years; also the projection step.
    public let width: Int
    /// Survivors at the lower age of each group, `l₀` being the radix.
    public let survivors: [Double]
    /// Person-years lived in each group, `ₙLₓ`; the last entry is `T_ω` for the open group.
    public let personYears: [Double]

    /// A life table from published person-years (for example a textbook's `ₙLₓ` column).
    /// - Parameters:
    ///   - width: the group width `n`.
    ///   - radix: `l₀`.
    ///   - personYears: `ₙLₓ` for each group, the last being `T_ω`.
    ///   - survivors: `lₓ` where known; only `l₀` is used by the projection.
    public init(width: Int, radix: Double, personYears: [Double], survivors: [Double]? = nil) {
        precondition(width > 0 && personYears.count >= 2, "a life table needs a width and at least two groups")
        self.width = width
        self.personYears = personYears
        self.survivors = survivors ?? [radix]
    }

    /// The radix `l₀`.
    public var radix: Double { survivors[0] }

    /// Number of age groups, the open group included.
    public var groups: Int { personYears.count }

    /// `Sₐ` for each group `a`: the share of those in group `a` at the start of a step (of
    /// length `n`) who are alive at its end, in group `a+1` (or, for the last two groups, in the open
    /// group). The entries for the last two groups are equal: `T_ω / (ₙL₍ω₋₁₎ + T_ω)`.
    public var survivalRatios: [Double] {
        let g = groups
        var s = [Double](repeating: 0, count: g)
        for a in 0..<(g - 2) {
            s[a] = personYears[a] > 0 ? personYears[a + 1] / personYears[a] : 0
        }
        let tOpen = personYears[g - 1]
        let tBefore = personYears[g - 2] + tOpen
        let open = tBefore > 0 ? tOpen / tBefore : 0
        s[g - 2] = open
        s[g - 1] = open
        return s
    }

    /// `S_b = ₙL₀ / (n · l₀)`: the share of an interval's births alive at its end.
    public var birthSurvival: Double { personYears[0] / (Double(width) * radix) }

    /// Life expectancy at birth, `e₀ = T₀ / l₀`.
    public var lifeExpectancyAtBirth: Double { personYears.reduce(0, +) / radix }
}
