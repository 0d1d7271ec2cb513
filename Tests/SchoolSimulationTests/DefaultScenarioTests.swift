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

@Suite("The default county's base year against its statistics")
struct DefaultBaseYearTests {
    static let folder = DefaultScenarioTests.folder

    static func run() throws -> SimulationResult {
        try Simulation.run(try #require(ScenarioLoader.load(folder: folder).scenario))
    }

    @Test("every school's simulated base-year enrollment equals schools.csv, grade by grade (difference 0)")
    func reproduced() throws {
        let r = try Self.run()
        var compared = 0
        for (s, school) in r.allocation.schools.enumerated() {
            let observed = try #require(school.observed, "\(school.id) has no statistics")
            for slot in school.slots {
                #expect(r.allocation.pupils(year: 2024, school: s, slot: slot) == observed.pupils(slot), "\(school.id) \(slot)")
                compared += 1
            }
        }
        #expect(compared == 399)  // every grade of every school (95 schools)
    }

    @Test("the base-year indicators land where the calibration put them (README: Calibration)")
    func indicators() throws {
        let r = try Self.run()
        func value(_ i: Indicator, _ stage: Stage? = nil) -> Double {
            r.indicators.first { $0.indicator == i && $0.stage == stage && $0.year == 2024 }?.value ?? .nan
        }
        // A little below Yunnan's reported 92.46% / 91.99%, consolidation at Yunnan's 97.39%.
        #expect((0.89...0.925).contains(value(.preschoolGrossEnrollment)))
        #expect(abs(value(.compulsoryConsolidation) - 0.9739) < 0.002)
        #expect((0.88...0.92).contains(value(.highSchoolGrossEnrollment)))
        // Big classes near the national levels (compulsory 3.98% in 2020, senior 4.81% in 2022).
        for stage in [Stage.primary, .junior, .senior] { #expect((0.005...0.06).contains(value(.bigClassShare, stage)), "\(stage)") }
        #expect(value(.superBigClasses) <= 1)
        // Vocational students are about 40% of the senior stage (national 39.67% in 2022).
        #expect(abs((r.demand.observedRates[.vocationalShare] ?? 0) - 0.40) < 0.03)
    }

    @Test("the gravity model places most pupils where the generator sent them (calibration/true_attendance.csv)")
    func attendanceRecovered() throws {
        let r = try Self.run()
        let text = try String(contentsOf: Self.folder.appendingPathComponent("calibration/true_attendance.csv"), encoding: .utf8)
        var truth: [String: Double] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            truth["\(f[0])|\(f[1])|\(f[2])", default: 0] += Double(f[3]) ?? 0
        }
        let attendance = try #require(r.demand.attendance)
        var estimate: [String: Double] = [:]
        for (a, area) in r.demand.areas.enumerated() {
            for slot in Slot.all {
                for flow in attendance.flows(area: a, slot: slot) {
                    estimate["\(area)|\(r.allocation.schools[flow.school].id)|\(slot.stage.rawValue)", default: 0] += flow.pupils
                }
            }
        }
        let total = truth.values.reduce(0, +)
        let matched = Set(truth.keys).union(estimate.keys).reduce(0.0) { $0 + min(truth[$1] ?? 0, estimate[$1] ?? 0) }
        // Both count every pupil of the statistics (up to the generator's rounding to whole pupils).
        #expect(abs(total - estimate.values.reduce(0, +)) < 100)
        #expect(matched / total > 0.75, "\(matched / total)")
    }
}
