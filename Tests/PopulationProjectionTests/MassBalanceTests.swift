import Demography
import Foundation
import PopulationProjection
import ScenarioIO
import ScenarioModel
import Testing

/// The default scenario (Scenarios/yunling) exercises every input at once: communities, 5-year
/// groups, district fertility, mortality improvement, migration table and totals, housing with an
/// origin, urbanization.
@Suite("Balance on the default scenario")
struct MassBalanceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/yunling")

    private func load() throws -> Scenario {
        let load = ScenarioLoader.load(folder: Self.folder)
        #expect(load.errors.isEmpty, "\(load.errors)")
        return try #require(load.scenario)
    }

    @Test("P(t+1) = P(t) + births − deaths + net migration in every area and year")
    func balance() throws {
        let p = try CohortComponentProjection.run(try load())
        for year in p.years.dropLast() {
            for area in p.areas.indices {
                let before = p.block(year: year, area: area).reduce(0, +)
                let after = p.block(year: year + 1, area: area).reduce(0, +)
                let c = p.components[(year - p.years.lowerBound) * p.areas.count + area]
                #expect(abs(after - (before + c.births - c.deaths + c.netMigrants)) <= 1e-9 * max(before, 1))
                #expect(c.deaths >= 0 && c.births >= 0)
            }
        }
        #expect(p.counts.allSatisfy { $0 >= 0 })
    }

    @Test("county net migration equals the inputs crossing the border; inner moves cancel")
    func borderFlows() throws {
        let scenario = try load()
        let p = try CohortComponentProjection.run(scenario)
        // Across the border each year: yearly totals (−930), the migration table (+2 · 88 = +176),
        // and estates from outside the county (500 · 3.0 in 2029). Housing from a district and
        // urbanization move people inside the county and cancel.
        for year in p.years.dropLast() {
            let net = p.countyComponents(from: year).netMigrants
            let expected = -930.0 + 176 + (year == 2029 ? 1500 : 0)
            #expect(abs(net - expected) < 1e-7, "year \(year): \(net)")
        }
    }

    @Test("the county seat follows the urbanization path once flows start")
    func urbanShare() throws {
        let scenario = try load()
        let p = try CohortComponentProjection.run(scenario)
        let seat = p.areas.indices.filter { p.areaDistricts[$0] == "D01" }
        let path = try #require(scenario.urbanization?.rate)
        for year in (p.years.lowerBound + 1)...p.years.upperBound {
            let share = p.sumBlock(year: year, areas: seat).reduce(0, +) / p.total(year: year)
            // Flows are never negative: the share is at least the path, equal whenever a flow was needed.
            #expect(share >= path.value(in: year) - 1e-12)
        }
        let last = p.sumBlock(year: 2040, areas: seat).reduce(0, +) / p.total(year: 2040)
        #expect(abs(last - 0.38) < 1e-12)
    }
}
