import Demography
import Foundation
import PopulationProjection
import ScenarioModel

/// `population.csv`: `area,year,sex,age,population` for every area (each district, then its
/// communities), every year base … horizon, both sexes and ages 0–100 (100 = 100+). A district whose
/// counts are held by its communities is given as their sum, so its rows repeat theirs in total.
public enum PopulationCSV {
    public static let header = ["area", "year", "sex", "age", "population"]

    public static func make(_ projection: Projection, scenario: Scenario) -> Data {
        var out = CSVOutput(header: header)
        eachArea(projection, scenario) { write($0, $1, projection, &out) }
        return out.data
    }

    private static func write(_ id: AreaID, _ members: [Int], _ projection: Projection, _ out: inout CSVOutput) {
        for year in projection.years {
            let block = projection.sumBlock(year: year, areas: members)
            for sex in Sex.allCases {
                for age in 0...Ages.open {
                    out.row([id.rawValue, String(year), sex.code, String(age)], count: block[Ages.index(sex, age)])
                }
            }
        }
    }
}

/// `components.csv`: `area,year,population,births,deaths,net_migrants,population_next` for every area
/// (each district, then its communities) and every step from year t to t + 1 — the balance
/// `population_next = population + births − deaths + net_migrants` holds on every row. Net migrants
/// include moves inside the county (urbanization, housing estates from another district).
public enum ComponentsCSV {
    public static let header = ["area", "year", "population", "births", "deaths", "net_migrants", "population_next"]

    public static func make(_ projection: Projection, scenario: Scenario) -> Data {
        var out = CSVOutput(header: header)
        eachArea(projection, scenario) { write($0, $1, projection, &out) }
        return out.data
    }

    private static func write(_ id: AreaID, _ members: [Int], _ projection: Projection, _ out: inout CSVOutput) {
        guard !members.isEmpty else { return }
        for year in projection.years.dropLast() {
            let base = (year - projection.years.lowerBound) * projection.areas.count
            let c = members.reduce(into: StepComponents()) { $0 += projection.components[base + $1] }
            let start = projection.sumBlock(year: year, areas: members).reduce(0, +)
            let end = projection.sumBlock(year: year + 1, areas: members).reduce(0, +)
            out.row([id.rawValue, String(year)] + [start, c.births, c.deaths, c.netMigrants, end].map(decimal))
        }
    }

    private static func decimal(_ v: Double) -> String { ReportCell.number(v, places: 3).csvText }
}

/// Every area in report order — each district (its projection areas), then its communities that hold
/// counts — with the projection areas it sums.
func eachArea(_ projection: Projection, _ scenario: Scenario, _ body: (AreaID, [Int]) -> Void) {
    var leafIndex: [AreaID: Int] = [:]
    for (i, id) in projection.areas.enumerated() { leafIndex[id] = i }
    for district in scenario.districts {
        body(district.id, projection.areas.indices.filter { projection.areaDistricts[$0] == district.id })
        for community in scenario.communities where community.district == district.id {
            if let i = leafIndex[community.id] { body(community.id, [i]) }
        }
    }
}
