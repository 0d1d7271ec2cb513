import Demography

/// Net migration across the county's border, from `migration.csv` and `scenario.yaml`.
///
/// Counts are net migrants over one projection year (immigrants − emigrants); they are exposed
/// half a year in the year they arrive (see `CohortComponentStep`).
public struct Migration: Sendable, Equatable {
    /// Net migrants by area that apply in every projection year: a sex-major block of
    /// `Ages.perArea` counts (rows of `migration.csv` without a `year`).
    public var everyYear: [AreaID: [Double]]
    /// Net migrants by year and area (rows of `migration.csv` with a `year`).
    public var byYear: [Int: [AreaID: [Double]]]
    /// Yearly net totals (both sexes, all ages) by area, spread over ages by `profile`: inflows as
    /// `N · m(x)/Σm` split evenly by sex, outflows as `N · m(x) Eₛ,ₓ / Σ m E` with `E` the exposure of
    /// `OutflowExposure` (so no cohort is emptied below zero).
    public var netTotals: [AreaID: YearPath]
    /// Yearly net migration rates by area (net migrants per resident at the start of the year):
    /// `N(t) = rate(t) · P(t)`, spread over ages like `netTotals` — so an area losing its young adults
    /// keeps losing the same share of them as its cohorts shrink.
    public var netRates: [AreaID: YearPath]
    /// Age profile for `netTotals` and `netRates`.
    public var profile: RogersCastro

    public init(everyYear: [AreaID: [Double]] = [:], byYear: [Int: [AreaID: [Double]]] = [:],
                netTotals: [AreaID: YearPath] = [:], netRates: [AreaID: YearPath] = [:], profile: RogersCastro = .fundamental) {
        self.everyYear = everyYear
        self.byYear = byYear
        self.netTotals = netTotals
        self.netRates = netRates
        self.profile = profile
    }

    public static let none = Migration()
}

/// Moves from rural districts to urban ones so that the urban share of the county's population
/// follows a path (城镇化率).
///
/// Each year the flow `F` is solved so that the urban share at the end of the year equals the path's
/// value exactly; `F ≥ 0` (a path below the current share moves nobody). Movers leave rural areas in
/// proportion to `m(x) · Pₛ,ₓ` (the profile times the population at that sex and age) and arrive in
/// urban areas with the same age–sex mix, shared among urban areas by their population.
public struct Urbanization: Sendable, Equatable {
    /// Urban share of the county's population by year, 0 … 1.
    public var rate: YearPath
    /// District kinds counted as urban.
    public var urbanKinds: Set<DistrictKind>
    /// Age profile of movers.
    public var profile: RogersCastro

    public static let defaultUrbanKinds: Set<DistrictKind> = [.countySeat, .street]

    public init(rate: YearPath, urbanKinds: Set<DistrictKind> = Urbanization.defaultUrbanKinds,
                profile: RogersCastro = .fundamental) {
        self.rate = rate
        self.urbanKinds = urbanKinds
        self.profile = profile
    }
}

/// A new housing estate (新建小区): households moving in during one year.
public struct HousingEstate: Sendable, Equatable {
    public let area: AreaID
    public let year: Int
    public let households: Double
    public let personsPerHousehold: Double
    /// District the movers come from; `nil` when they come from outside the county.
    public let origin: AreaID?

    public init(area: AreaID, year: Int, households: Double, personsPerHousehold: Double, origin: AreaID? = nil) {
        self.area = area
        self.year = year
        self.households = households
        self.personsPerHousehold = personsPerHousehold
        self.origin = origin
    }

    /// Movers in: households × persons per household.
    public var persons: Double { households * personsPerHousehold }
}

/// New housing: estates, and the age profile of the people who move in (split evenly by sex).
public struct Housing: Sendable, Equatable {
    public var estates: [HousingEstate]
    public var profile: RogersCastro

    public init(estates: [HousingEstate] = [], profile: RogersCastro = .fundamental) {
        self.estates = estates
        self.profile = profile
    }

    public static let none = Housing()
}
