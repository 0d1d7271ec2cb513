import Demography

/// Everything a run needs, read from a scenario folder and checked: the county's areas, its
/// base-year population and the assumptions that drive the projection.
public struct Scenario: Sendable {
    public var name: String
    public var baseYear: Int
    /// Last projected year (inclusive).
    public var horizon: Int
    public var districts: [District]
    public var communities: [Community]
    public var population: BasePopulation
    public var fertility: Fertility
    public var mortality: Mortality
    /// Males per female birth, by year.
    public var sexRatioAtBirth: YearPath
    public var migration: Migration
    public var urbanization: Urbanization?
    public var housing: Housing
    /// Schools, enrollment method, norms and targets; `nil` when the scenario names no schools table.
    public var schooling: Schooling?
    /// The distributions of the uncertain inputs (`simulate --draws`).
    public var uncertainty: Uncertainty

    public init(name: String, baseYear: Int, horizon: Int, districts: [District], communities: [Community] = [],
                population: BasePopulation, fertility: Fertility, mortality: Mortality,
                sexRatioAtBirth: YearPath = YearPath(constant: 1.05), migration: Migration = .none,
                urbanization: Urbanization? = nil, housing: Housing = .none, schooling: Schooling? = nil,
                uncertainty: Uncertainty = Uncertainty()) {
        self.name = name
        self.baseYear = baseYear
        self.horizon = horizon
        self.districts = districts
        self.communities = communities
        self.population = population
        self.fertility = fertility
        self.mortality = mortality
        self.sexRatioAtBirth = sexRatioAtBirth
        self.migration = migration
        self.urbanization = urbanization
        self.housing = housing
        self.schooling = schooling
        self.uncertainty = uncertainty
    }

    /// The projected years, base year first.
    public var years: ClosedRange<Int> { baseYear...horizon }

    /// The district of every area id: a district maps to itself, a community to its district.
    public var districtOfArea: [AreaID: AreaID] {
        Dictionary(communities.map { ($0.id, $0.district) } + districts.map { ($0.id, $0.id) }, uniquingKeysWith: { a, _ in a })
    }

    /// The district an area belongs to: itself for a district, its district for a community.
    public func district(of area: AreaID) -> District? {
        if let d = districts.first(where: { $0.id == area }) { return d }
        guard let c = communities.first(where: { $0.id == area }) else { return nil }
        return districts.first { $0.id == c.district }
    }
}
