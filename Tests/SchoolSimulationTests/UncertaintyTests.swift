import Foundation
import ScenarioIO
import ScenarioModel
import SchoolNetwork
import SeatMetrics
import SimulationPipeline
import Testing
import UncertaintyAnalysis

@Suite("Uncertainty draws on the default county", .serialized)
struct UncertaintyTests {
    static let scenario: Scenario = ScenarioLoader.load(folder: DefaultScenarioTests.folder).scenario!
    static var schooling: Schooling { scenario.schooling! }
    static var network: NetworkTimeline { .constant(schooling, years: scenario.years) }

    @Test("the same seed gives the same draws, the first N of a longer run included; the TFR shifts have the declared spread")
    func sampler() {
        let u = Uncertainty()
        let a = DrawSampler.draws(u, count: 4000, seed: 42), b = DrawSampler.draws(u, count: 10, seed: 42)
        #expect(Array(a.prefix(10)) == b)
        #expect(DrawSampler.draws(u, count: 10, seed: 43) != b)
        // Sample mean and standard deviation against N(0, 0.304): within 4 standard errors
        // (σ/√n = 0.0048 for the mean, σ/√(2n) = 0.0034 for the sd).
        let x = a.map(\.tfrShift)
        let mean = x.reduce(0, +) / Double(x.count)
        let sd = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
        #expect(abs(mean) < 4 * 0.304 / Double(x.count).squareRoot(), "\(mean)")
        #expect(abs(sd - 0.304) < 4 * 0.304 / (2 * Double(x.count)).squareRoot(), "\(sd)")
        let uniform = DrawSampler.draws(Uncertainty(tfrShift: .uniform(low: -0.5, high: 0.5)), count: 1000, seed: 1).map(\.tfrShift)
        #expect(uniform.allSatisfy { (-0.5...0.5).contains($0) })
    }

    @Test("the flat cells hold the seat-gap table's demand and seats for every school, district and the county")
    func cellsMatchTable() throws {
        let r = try Simulation.run(Self.scenario)
        let cells = SeatDemandCells(r.allocation, scenario: Self.scenario, schooling: Self.schooling)
        let entity = Dictionary(uniqueKeysWithValues: (cells.schools.map(\.rawValue) + cells.districts.map(\.rawValue)).enumerated().map { ($1, $0) })
        for row in r.seatGaps {
            let e = row.level == .county ? cells.county : try #require(entity[row.id])
            let i = cells.index(year: row.year, entity: e, stage: row.stage.index)
            #expect(abs(cells.demand[i] - row.demand) < 1e-6 * max(1, row.demand) && cells.seats[i] == row.seats, "\(row.level) \(row.id) \(row.stage) \(row.year)")
        }
    }

    @Test("central draws reproduce the deterministic run; results do not depend on the threads")
    func centralAndThreads() throws {
        let central = try UncertaintySimulation.run(Self.scenario, schooling: Self.schooling, network: Self.network,
                                                    draws: [.central], threads: 2)
        for d in 0..<1 {
            #expect(Array(central.demand[(d * central.cellCount)..<((d + 1) * central.cellCount)]) == central.layout.demand)
        }
        let draws = DrawSampler.draws(Self.scenario.uncertainty, count: 4, seed: 5)
        let one = try UncertaintySimulation.run(Self.scenario, schooling: Self.schooling, network: Self.network, draws: draws, threads: 1)
        let two = try UncertaintySimulation.run(Self.scenario, schooling: Self.schooling, network: Self.network, draws: draws, threads: 2)
        #expect(one.demand == two.demand && one.short == two.short)
        #expect(SeatGapBands.compute(one) == SeatGapBands.compute(two))
    }

    @Test("narrow symmetric distributions: P10, P50 and P90 close in on the deterministic run; the base year has no spread")
    func narrowBands() throws {
        var scenario = Self.scenario
        scenario.uncertainty = Uncertainty(tfrShift: .normal(mean: 0, sd: 0.001), migrationScale: .normal(mean: 1, sd: 0.001),
                                           mortalityImprovementShift: .normal(mean: 0, sd: 0.00001), enrollmentShift: .normal(mean: 0, sd: 0.0001))
        let draws = DrawSampler.draws(scenario.uncertainty, count: 8, seed: 9)
        let r = try UncertaintySimulation.run(scenario, schooling: Self.schooling, network: Self.network, draws: draws, threads: 2)
        let deterministic = try Simulation.run(Self.scenario).seatGaps.filter { $0.level == .county }
        let bands = SeatGapBands.compute(r).filter { $0.level == .county }
        for b in bands {
            let d = try #require(deterministic.first { $0.stage == b.stage && $0.year == b.year })
            #expect(b.demand.p10 <= b.demand.p50 && b.demand.p50 <= b.demand.p90)
            // A 0.001 child shift moves a cohort by under 0.1%; the median lands within 0.2% of the run.
            #expect(abs(b.demand.p50 - d.demand) <= 0.002 * d.demand, "\(b.stage) \(b.year): \(b.demand.p50) vs \(d.demand)")
            if b.year == Self.scenario.baseYear { #expect(b.demand.p10 == b.demand.p90 && b.demand.p50 == d.demand) }
        }
        // With the default distributions the bands open up after the base year.
        let wide = try UncertaintySimulation.run(Self.scenario, schooling: Self.schooling, network: Self.network,
                                                 draws: DrawSampler.draws(Self.scenario.uncertainty, count: 8, seed: 9), threads: 2)
        let k2040 = try #require(SeatGapBands.compute(wide).first { $0.level == .county && $0.stage == .kindergarten && $0.year == 2040 })
        #expect(k2040.demand.p90 - k2040.demand.p10 > 0.1 * k2040.demand.p50)
    }

    @Test("quantiles by GSL's definition, on hand numbers")
    func quantiles() {
        // h = (n − 1) q: for [1, 2, 3, 4, 10], P10 = 1 + 0.4 · 1 = 1.4, P50 = 3, P90 = 4 + 0.6 · 6 = 7.6.
        let x: [Double] = [1, 2, 3, 4, 10]
        #expect(abs(SeatGapBands.quantile(x, 0.1) - 1.4) < 1e-12 && SeatGapBands.quantile(x, 0.5) == 3 && abs(SeatGapBands.quantile(x, 0.9) - 7.6) < 1e-12)
    }
}
