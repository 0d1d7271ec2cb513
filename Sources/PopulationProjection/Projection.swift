import Demography
import ScenarioModel

/// Population by projection area, sex and single year of age for every year from the base year to
/// the horizon, with the births, deaths and net migrants of each year — the output of
/// `CohortComponentProjection` and the input of enrollment demand.
public struct Projection: Sendable {
    public let years: ClosedRange<Int>
    /// Projection areas (those with base-year counts), in scenario order.
    public let areas: [AreaID]
    /// District of each projection area (itself for a district without communities).
    public let areaDistricts: [AreaID]
    /// `years.count × areas.count × Ages.perArea` counts, year-major, then area, then sex, then age.
    public let counts: [Double]
    /// Components of each year's change by area: entry `(t − base) · areas.count + i` is the step
    /// from year `t` to `t + 1` in area `i`; there are `years.count − 1` steps.
    public let components: [StepComponents]

    public init(years: ClosedRange<Int>, areas: [AreaID], areaDistricts: [AreaID], counts: [Double], components: [StepComponents]) {
        precondition(counts.count == years.count * areas.count * Ages.perArea)
        precondition(components.count == (years.count - 1) * areas.count)
        self.years = years
        self.areas = areas
        self.areaDistricts = areaDistricts
        self.counts = counts
        self.components = components
    }

    /// The projection areas an area id stands for: itself when it holds counts; the communities of a
    /// district that holds its counts by community; for a community of a district that holds the counts
    /// itself (`district`), that district. Empty for an unknown id.
    public func leaves(of id: AreaID, district: AreaID? = nil) -> [Int] {
        if let i = areas.firstIndex(of: id) { return [i] }
        let members = areas.indices.filter { areaDistricts[$0] == id }
        if !members.isEmpty { return members }
        return district.flatMap { areas.firstIndex(of: $0) }.map { [$0] } ?? []
    }

    /// Offset of (year, area) in `counts`.
    @inlinable public func offset(year: Int, area: Int) -> Int {
        ((year - years.lowerBound) * areas.count + area) * Ages.perArea
    }

    /// The sex-major block of one area in one year.
    public func block(year: Int, area: Int) -> ArraySlice<Double> {
        let o = offset(year: year, area: area)
        return counts[o..<(o + Ages.perArea)]
    }

    /// Population of one projection area at (year, sex, age).
    public func count(year: Int, area: Int, sex: Sex, age: Int) -> Double {
        counts[offset(year: year, area: area) + Ages.index(sex, age)]
    }

    /// Sum over the given projection areas of one year's blocks.
    public func sumBlock(year: Int, areas indices: [Int]) -> [Double] {
        var sum = [Double](repeating: 0, count: Ages.perArea)
        for i in indices {
            let o = offset(year: year, area: i)
            for k in 0..<Ages.perArea { sum[k] += counts[o + k] }
        }
        return sum
    }

    /// County-wide block (all areas) for one year.
    public func countyBlock(year: Int) -> [Double] { sumBlock(year: year, areas: Array(areas.indices)) }

    /// County population in a year.
    public func total(year: Int) -> Double {
        let o = offset(year: year, area: 0)
        return counts[o..<(o + areas.count * Ages.perArea)].reduce(0, +)
    }

    /// County population at ages `ages` (both sexes) in a year.
    public func total(year: Int, ages: ClosedRange<Int>) -> Double {
        let b = countyBlock(year: year)
        return Sex.allCases.reduce(0) { s, sex in s + ages.reduce(0) { $0 + b[Ages.index(sex, $1)] } }
    }

    /// County components of the step from `year` to `year + 1`.
    public func countyComponents(from year: Int) -> StepComponents {
        let base = (year - years.lowerBound) * areas.count
        return components[base..<(base + areas.count)].reduce(into: StepComponents()) { $0 += $1 }
    }
}
