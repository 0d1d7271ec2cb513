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

    @Test("a draw equals the whole pipeline run on the drawn scenario; results do not depend on the threads, with or without new schools")
    func drawsAndThreads() throws {
        // Second method: the drawn scenario simulated from scratch (its own calibration, shares and cells).
        let draws = DrawSampler.draws(Self.scenario.uncertainty, count: 3, seed: 5)
        let one = try UncertaintySimulation.run(Self.scenario, network: Self.network, draws: draws, threads: 1)
        let drawn = Self.scenario.applying(draws[2])
        let direct = SeatDemandCells(try Simulation.run(drawn).allocation, scenario: drawn, schooling: try #require(drawn.schooling))
        let third = one.demand[(2 * one.cellCount)..<(3 * one.cellCount)]
        #expect(zip(third, direct.demand).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
        let two = try UncertaintySimulation.run(Self.scenario, network: Self.network, draws: draws, threads: 2)
        #expect(one.demand == two.demand && one.short == two.short)
        #expect(SeatGapBands.compute(one) == SeatGapBands.compute(two))
        // A plan that builds schools: the share table is drawn again for every draw.
        let plan = try #require(PlanFile.read(DefaultScenarioTests.folder.appendingPathComponent("plans/bureau-draft.yaml"), scenario: Self.scenario).plan)
        let network = try PlanApplication.apply(plan, to: Self.schooling, years: Self.scenario.years)
        let a = try UncertaintySimulation.run(Self.scenario, network: network, draws: Array(draws.prefix(2)), threads: 1)
        let b = try UncertaintySimulation.run(Self.scenario, network: network, draws: Array(draws.prefix(2)), threads: 2)
        #expect(a.demand == b.demand && a.short == b.short && a.layout.schools.count > Self.schooling.schools.count)
    }

    @Test("narrow symmetric distributions: P10, P50 and P90 close in on the deterministic run; the base year has no spread")
    func narrowBands() throws {
        var scenario = Self.scenario
        scenario.uncertainty = Uncertainty(tfrShift: .normal(mean: 0, sd: 0.001), migrationScale: .normal(mean: 1, sd: 0.001),
                                           mortalityImprovementShift: .normal(mean: 0, sd: 0.00001), enrollmentShift: .normal(mean: 0, sd: 0.0001))
        let draws = DrawSampler.draws(scenario.uncertainty, count: 8, seed: 9)
        let r = try UncertaintySimulation.run(scenario, network: Self.network, draws: draws, threads: 2)
        let deterministic = try Simulation.run(Self.scenario).seatGaps.filter { $0.level == .county }
        let bands = SeatGapBands.compute(r).filter { $0.level == .county }
        for b in bands {
            let d = try #require(deterministic.first { $0.stage == b.stage && $0.year == b.year })
            #expect(b.demand.p10 <= b.demand.p50 && b.demand.p50 <= b.demand.p90)
            // A 0.001 child shift moves a cohort by under 0.1%; the median lands within 0.2% of the run.
            #expect(abs(b.demand.p50 - d.demand) <= 0.002 * d.demand, "\(b.stage) \(b.year): \(b.demand.p50) vs \(d.demand)")
            if b.year == Self.scenario.baseYear { #expect(b.demand.p10 == b.demand.p90 && abs(b.demand.p50 - d.demand) < 1e-6 * d.demand) }
        }
        // With the default distributions the bands open up after the base year.
        let wide = try UncertaintySimulation.run(Self.scenario, network: Self.network,
                                                 draws: DrawSampler.draws(Self.scenario.uncertainty, count: 8, seed: 9), threads: 2)
        let k2040 = try #require(SeatGapBands.compute(wide).first { $0.level == .county && $0.stage == .kindergarten && $0.year == 2040 })
        #expect(k2040.demand.p90 - k2040.demand.p10 > 0.1 * k2040.demand.p50)
    }

    @Test("a draw's enrollment shift moves the targets after the base year and leaves observed-only paths")
    func enrollmentShift() throws {
        let drawn = Self.scenario.applying(InputDraw(enrollmentShift: [.kindergarten: 0.02, .primary: 0.02, .senior: -0.03]))
        guard case .rates(let before) = Self.schooling.method, case .rates(let after) = try #require(drawn.schooling).method else {
            Issue.record("the default county counts demand by rates")
            return
        }
        // kindergarten {2024: observed, 2027: 0.93} → 0.95; senior {2024: observed, 2030: 0.95} → 0.92; primary {2024: observed} stays.
        #expect(abs((after.kindergarten.given?.value(in: 2027) ?? 0) - 0.95) < 1e-12 && after.kindergarten.observedYear == 2024)
        #expect(abs((after.senior.given?.value(in: 2030) ?? 0) - 0.92) < 1e-12)
        #expect(after.primary == before.primary && after.junior == before.junior)
    }

    @Test("quantiles by GSL's definition, on hand numbers")
    func quantiles() {
        // h = (n − 1) q: for [1, 2, 3, 4, 10], P10 = 1 + 0.4 · 1 = 1.4, P50 = 3, P90 = 4 + 0.6 · 6 = 7.6.
        let x: [Double] = [1, 2, 3, 4, 10]
        #expect(abs(SeatGapBands.quantile(x, 0.1) - 1.4) < 1e-12 && SeatGapBands.quantile(x, 0.5) == 3 && abs(SeatGapBands.quantile(x, 0.9) - 7.6) < 1e-12)
    }
}
