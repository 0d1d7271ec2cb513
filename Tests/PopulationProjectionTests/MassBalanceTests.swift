import Demography
import Foundation
import PopulationProjection
import ScenarioIO
import ScenarioModel
import Testing

/// The default scenario (Scenarios/yunling) exercises every input at once: communities, district
/// fertility by year, mortality by age group and year with improvement after it, net migration rates,
/// housing with an origin, urbanization.
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
        // Across the border each year: each district's net rate times its residents at the start of the
        // year, and the estate from outside the county (500 · 3.0 in 2029). Housing from a district and
        // urbanization move people inside the county and cancel.
        for year in p.years.dropLast() {
            let net = p.countyComponents(from: year).netMigrants
            var expected = year == 2029 ? 1500.0 : 0
            for (district, rate) in scenario.migration.netRates {
                let leaves = p.areas.indices.filter { p.areaDistricts[$0] == district }
                expected += rate.value(in: year) * p.sumBlock(year: year, areas: leaves).reduce(0, +)
            }
            #expect(!scenario.migration.netRates.isEmpty && abs(net - expected) < 1e-7, "year \(year): \(net) vs \(expected)")
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
        #expect(abs(last - path.value(in: 2040)) < 1e-12 && path.value(in: 2040) == 0.40)
    }
}
