import Demography

/// The single-year age layout used everywhere in SeatPlan: ages 0 … 100, the last being 100+.
///
/// Population arrays for one area are sex-major: `[M 0 … M 100, F 0 … F 100]`, so the count for
/// (sex, age) sits at `sex.rawValue · Ages.count + age`.
public enum Ages {
    /// Lower age of the open group.
    public static let open = 100
    /// Number of age entries per sex, the open group included.
    public static let count = open + 1
    /// Entries per area (both sexes).
    public static let perArea = 2 * count
    /// Reproductive ages for which a fertility rate may be non-zero.
    public static let reproductive = 15...49

    /// Position of (sex, age) inside one area's block.
    @inlinable public static func index(_ sex: Sex, _ age: Int) -> Int { sex.rawValue * count + age }
}

/// Population in the base year by area, sex and single year of age.
///
/// `areas` are the *projection areas*: every community that has counts, and every district that has
/// counts itself (a district without communities). Districts whose communities carry the counts
/// are their sums.
public struct BasePopulation: Sendable, Equatable {
    public let areas: [AreaID]
    /// `areas.count × Ages.perArea` counts, area-major.
    public let counts: [Double]

    public init(areas: [AreaID], counts: [Double]) {
        precondition(counts.count == areas.count * Ages.perArea, "one block of \(Ages.perArea) counts per area")
        self.areas = areas
        self.counts = counts
    }

    /// The counts of one area, sex-major.
    public func block(_ areaIndex: Int) -> ArraySlice<Double> {
        counts[(areaIndex * Ages.perArea)..<((areaIndex + 1) * Ages.perArea)]
    }

    public var total: Double { counts.reduce(0, +) }
}
