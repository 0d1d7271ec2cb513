import Foundation
@testable import LayoutOptimizer
import ScenarioModel
import SimulationPipeline
import Testing

/// A phased problem by hand: periods of given weights, each an instance of one or two primary schools
/// (45 or 50 seats a classroom, capital annualised at ρ = 0.05) and lower-primary points whose pupils
/// the period gives.
enum HandPhases {
    static func school(_ id: String, _ index: Int, rooms: Int, seatsPerRoom: Double, fixed: Double, protected: Bool) -> LayoutInstance.Facility {
        let school = School(id: SchoolID(id), name: id, district: "D", community: nil, kind: .primary, grades: (1...6).map { Grade(number: $0) },
                            classrooms: [.primary: rooms], latitude: nil, longitude: nil)
        return LayoutInstance.Facility(origin: .existing(index: index), school: school, groups: [.lowerPrimary],
                                       seats: [.primary: Double(rooms) * seatsPerRoom], seatsPerClassroom: [.primary: seatsPerRoom], fixedCost: fixed,
                                       capital: 0, ceiling: .infinity, protected: protected, isPublic: true, places: [], openingYear: nil, costPerClass: [:])
    }

    /// - Parameters:
    ///   - pupils: per period, the pupils of each point (point i now at school `current[i]`); every point may go to every school at no cost.
    static func instance(year: Int, facilities: [LayoutInstance.Facility], pupils: [Double], current: [Int], classroomCost: Double,
                         maxExpansion: Int, temporary: Int, temporaryCost: Double) -> LayoutInstance {
        let points = zip(pupils, current).enumerated().map { i, p in
            LayoutInstance.Point(area: AreaID("C\(i)"), district: "D", group: .lowerPrimary, pupils: p.0, peak: p.0, currentSchool: p.1)
        }
        let arcs = points.indices.flatMap { p in facilities.indices.map { LayoutInstance.Arc(point: p, facility: $0, minutes: 5, kilometres: 1, boards: false, cost: 0) } }
        return LayoutInstance(designYear: year, seatsThrough: year, expansionYear: year, bedsYear: year, points: points, facilities: facilities, arcs: arcs,
                              siteOptions: [], concentration: [], townshipKindergartens: [], kindergartensPerTownship: 0, budget: nil,
                              annuityFactor: 0.05, classroomCost: [.primary: classroomCost], bedCost: 0, maxExpansion: maxExpansion, minimumUtilisation: 0,
                              newSchoolMinimumUtilisation: 0, objective: .cost, siteNames: [], temporaryLimit: temporary, temporaryCost: temporaryCost)
    }

    /// One protected school of 2 classrooms (90 seats); a community of `pupils[t]` in the periods 2026
    /// (weight 2) and 2028 (weight 13); a classroom ¥1.49 M (¥74,500 a year), a temporary one ¥120,000 a year.
    static func oneSchool(pupils: [Double], temporary: Int) -> PhasedInstance {
        let a = school("A", 0, rooms: 2, seatsPerRoom: 45, fixed: 0, protected: true)
        let years = [2026, 2028], weights = [2.0, 13.0]
        return PhasedInstance(periods: years.indices.map { t in
            PhasedInstance.Period(year: years[t], through: t == 0 ? 2027 : 2040, weight: weights[t], budget: nil,
                                  instance: instance(year: years[t], facilities: [a], pupils: [pupils[t]], current: [0], classroomCost: 1_490_000,
                                                     maxExpansion: 2, temporary: temporary, temporaryCost: 120_000))
        }, newSchoolMinimumUtilisation: 0)
    }
}

@Suite("Phased plans")
struct PhasedTests {
    @Test("a period's weight is its years discounted to the first period")
    func weights() {
        // 2026–2027 at 4%: 1 + 1/1.04 = 1.961538…; 2028–2030 from 2026: 0.924556 + 0.888996 + 0.854804 = 2.668357
        #expect(abs(PhasedInstance.weight(year: 2026, through: 2027, first: 2026, rate: 0.04) - 1.9615385) < 1e-6)
        #expect(abs(PhasedInstance.weight(year: 2028, through: 2030, first: 2026, rate: 0.04) - 2.6683568) < 1e-6)
        // Budgets of the years after the previous period up to this one; the first period takes every year up to it.
        #expect(PhasedInstance.budget([2025: 1, 2026: 2, 2027: 4, 2028: 8], year: 2026, previous: nil) == 3)
        #expect(PhasedInstance.budget([2025: 1, 2026: 2, 2027: 4, 2028: 8], year: 2028, previous: 2026) == 12)
        #expect(PhasedInstance.budget([2025: 1], year: 2028, previous: 2026) == nil)
    }

    @Test("a temporary classroom beats a permanent one for a two-year peak")
    func temporaryBeatsPermanent() throws {
        // 130 pupils in 2026–27 for 90 seats, 90 from 2028: a temporary classroom for the peak costs
        // 120,000 × 2 = 240,000; a classroom built costs 74,500 × (2 + 13) = 1,117,500.
        let r = PhasedOptimizer.optimize(HandPhases.oneSchool(pupils: [130, 90], temporary: 1))
        let d = try #require(r.decisions)
        #expect(abs((r.objective ?? 0) - 240_000) < 1)
        #expect(d[0].temporary[0]?[.primary] == 1 && d[1].temporary.isEmpty)
        #expect(d.allSatisfy { $0.expansion.isEmpty })
    }

    @Test("a lasting rise gets a permanent classroom")
    func lastingRiseBuilds() throws {
        // 130 pupils in both periods: temporary 120,000 × 15 = 1,800,000; built in 2026 74,500 × 15 = 1,117,500.
        let r = PhasedOptimizer.optimize(HandPhases.oneSchool(pupils: [130, 130], temporary: 1))
        let d = try #require(r.decisions)
        #expect(abs((r.objective ?? 0) - 1_117_500) < 1)
        #expect(d.allSatisfy { $0.expansion[0]?[.primary] == 1 && $0.temporary.isEmpty })
    }

    @Test("capacity built in one period persists, and is paid for, in the next")
    func capacityPersists() throws {
        // Without temporary classrooms the 2026 peak needs a classroom, which stands (and costs) through 2040.
        let r = PhasedOptimizer.optimize(HandPhases.oneSchool(pupils: [130, 90], temporary: 0))
        let d = try #require(r.decisions)
        #expect(abs((r.objective ?? 0) - 1_117_500) < 1)
        #expect(d[1].expansion[0]?[.primary] == 1)
    }

    @Test("a closure stays closed")
    func closurePermanent() throws {
        // Schools A and B, 100 seats each (2 × 50), ¥100,000 a year each; a classroom ¥4 M (¥200,000 a year).
        // 2026 (weight 5): 50 pupils, A alone holds them; 2028 (weight 10): 50 + 100 pupils. Closing B in
        // 2026 and opening it again in 2028 would cost 1.5 M + 1.0 M = 2.5 M, but a closure is for good:
        // closing B and expanding A costs 1.5 M + 2.0 M = 3.5 M, keeping both 3.0 M.
        let a = HandPhases.school("A", 0, rooms: 2, seatsPerRoom: 50, fixed: 100_000, protected: false)
        let b = HandPhases.school("B", 1, rooms: 2, seatsPerRoom: 50, fixed: 100_000, protected: false)
        let years = [2026, 2028], weights = [5.0, 10.0], pupils: [[Double]] = [[50, 0], [50, 100]]
        let p = PhasedInstance(periods: years.indices.map { t in
            PhasedInstance.Period(year: years[t], through: t == 0 ? 2027 : 2040, weight: weights[t], budget: nil,
                                  instance: HandPhases.instance(year: years[t], facilities: [a, b], pupils: pupils[t], current: [0, 1],
                                                                classroomCost: 4_000_000, maxExpansion: 1, temporary: 0, temporaryCost: 0))
        }, newSchoolMinimumUtilisation: 0)
        let r = PhasedOptimizer.optimize(p)
        let d = try #require(r.decisions)
        #expect(abs((r.objective ?? 0) - 3_000_000) < 1)
        #expect(d[0].open[1] && d[1].open[1])
    }

    @Test("the simulated plan costs what the model says in every period")
    func simulatedCostPerPeriod() throws {
        // The toy county has no births: its kindergartens empty from the bottom after 2026.
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1)
        settings.periods = [2026, 2028]
        let scenario = ToyLayout.scenario(schools: ToyLayout.network, settings: settings)
        let outcome = try Optimization.run(scenario)
        let phased = try #require(outcome.phased)
        #expect(phased.modelCost.count == 2)
        for (model, simulated) in zip(phased.modelCost, phased.simulatedCost) {
            #expect(abs(model - simulated.total) < 1, "model \(model), simulated \(simulated.total)")
        }
        #expect(phased.modelCost[1] < phased.modelCost[0])
    }
}
