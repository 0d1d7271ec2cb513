import Foundation
import ScenarioIO
import ScenarioModel
import SeatMetrics
import SimulationPipeline
import Testing

@Suite("Seat simulation of the default scenario")
struct DefaultScenarioTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/yunling")

    @Test("county rows are the sums of school rows plus residents without a school; pupils are conserved")
    func consistency() throws {
        let scenario = try #require(ScenarioLoader.load(folder: Self.folder).scenario)
        let r = try Simulation.run(scenario)
        for year in r.allocation.years {
            // Every pupil of the demand is at a school or unserved.
            let demand = r.demand.pupils[(year - r.demand.years.lowerBound) * r.demand.areas.count * Slot.count..<((year - r.demand.years.lowerBound + 1) * r.demand.areas.count * Slot.count)].reduce(0, +)
            let atSchools = r.allocation.schools.indices.reduce(0.0) { $0 + r.allocation.totalPupils(year: year, school: $1) }
            let o = (year - r.demand.years.lowerBound) * r.demand.areas.count * Slot.count
            let unserved = r.allocation.unserved[o..<(o + r.demand.areas.count * Slot.count)].reduce(0, +)
            #expect(abs(demand - atSchools - unserved) < 1e-6)
            for stage in Stage.allCases {
                let schools = r.seatGaps.filter { $0.level == .school && $0.stage == stage && $0.year == year }
                guard let county = r.seatGaps.first(where: { $0.level == .county && $0.stage == stage && $0.year == year }) else { continue }
                #expect(abs(county.seats - schools.reduce(0) { $0 + $1.seats }) < 1e-6)
                #expect(county.classrooms == schools.reduce(0) { $0 + $1.classrooms })
                #expect(county.formation.bigClasses == schools.reduce(0) { $0 + $1.formation.bigClasses })
                let districts = r.seatGaps.filter { $0.level == .district && $0.stage == stage && $0.year == year }
                #expect(abs(county.demand - districts.reduce(0) { $0 + $1.demand }) < 1e-6)
            }
        }
    }

}
