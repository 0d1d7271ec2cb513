import Demography
import Foundation
@testable import LayoutOptimizer
import ScenarioModel

/// A small county for optimizer tests, built in code.
///
/// County seat S with neighbourhood S1 at (23.00°N, 102.00°E); township T with administrative
/// village T1 3 km east and natural village T2 about 12 km further east. Every single year of age
/// 0–100 holds `perAge` people per area (half of each sex), with no births, deaths or migration to
/// speak of, so the design year's pupils are the base year's: a grade of S1 has 60 children, of T1 20,
/// of T2 8. Nobody attends senior secondary school (rate 0) unless a test says otherwise.
enum ToyLayout {
    static func scenario(schools: [School], sites: [CandidateSite] = [], targets: PlanTargets = PlanTargets(),
                         settings: OptimizerSettings = OptimizerSettings(designYear: 2026, openingLeadYears: 1),
                         perAge: [Double] = [60, 20, 8],
                         rates: EnrollmentRates = EnrollmentRates(senior: .constant(0))) -> Scenario {
        let areas: [AreaID] = ["S1", "T1", "T2"]
        var counts: [Double] = []
        for n in perAge { counts += [Double](repeating: n / 2, count: Ages.perArea) }
        let qx = [Double](repeating: 1e-9, count: 100)
        let mortality = Sex.allCases.map { _ in MortalitySchedule(qx: qx, ax: [Double](repeating: 0.5, count: 100), openRate: 1e-9) }
        let schooling = Schooling(
            schools: schools, method: .rates(rates), calendar: SchoolCalendar(shiftToNextAge: 0),
            travel: TravelSettings(detourFactor: 1.4, speedKmh: 15), targets: targets, candidateSites: sites, optimizer: settings)
        return Scenario(
            name: "toy", baseYear: 2024, horizon: 2028,
            districts: [District(id: "S", name: "城关镇", kind: .countySeat), District(id: "T", name: "山乡", kind: .township)],
            communities: [
                Community(id: "S1", district: "S", name: "城区", kind: .neighborhood, latitude: 23.0, longitude: 102.0),
                Community(id: "T1", district: "T", name: "乡政府村", kind: .adminVillage, latitude: 23.0, longitude: 102.03),
                Community(id: "T2", district: "T", name: "山顶寨", kind: .naturalVillage, latitude: 23.0, longitude: 102.15),
            ],
            population: BasePopulation(areas: areas, counts: counts),
            fertility: Fertility(county: FertilitySchedule(asfr: [Double](repeating: 0, count: Ages.count))),
            mortality: Mortality(county: mortality), schooling: schooling)
    }

    static func school(_ id: String, _ community: AreaID, district: AreaID, kind: SchoolKind, grades: ClosedRange<Int>?,
                       rooms: [Stage: Int], lon: Double, isPublic: Bool = true, keep: Bool = false) -> School {
        let g = grades.map { $0.map { Grade(number: $0) } } ?? Stage.kindergarten.grades
        return School(id: SchoolID(id), name: id, district: district, community: community, kind: kind, grades: g, classrooms: rooms,
                      latitude: 23.0, longitude: lon, isPublic: isPublic, keep: keep)
    }

    /// Primary schools in S1, T1 and T2, a junior school and a kindergarten in S1.
    static var network: [School] {
        [
            school("PS", "S1", district: "S", kind: .primary, grades: 1...6, rooms: [.primary: 18], lon: 102.0),
            school("PT1", "T1", district: "T", kind: .primary, grades: 1...6, rooms: [.primary: 6], lon: 102.03),
            school("PT2", "T2", district: "T", kind: .primary, grades: 1...6, rooms: [.primary: 6], lon: 102.15),
            school("JS", "S1", district: "S", kind: .junior, grades: 7...9, rooms: [.junior: 12], lon: 102.0),
            school("KS", "S1", district: "S", kind: .kindergarten, grades: nil, rooms: [.kindergarten: 9], lon: 102.0),
            school("KT1", "T1", district: "T", kind: .kindergarten, grades: nil, rooms: [.kindergarten: 3], lon: 102.03),
        ]
    }
}

/// Two primary schools A and B by hand (100 seats each, no fixed cost, no minimum size, no class
/// cost), lower-primary points, and arcs given as (point, school, yearly cost), 5 minutes each.
enum HandLayout {
    static func twoSchools(pupils: [Double], currentSchools: [Int], arcs: [(Int, Int, Double)], maxRelocatedShare: Double? = nil) -> LayoutInstance {
        func facility(_ id: String, _ index: Int) -> LayoutInstance.Facility {
            let school = School(id: SchoolID(id), name: id, district: "D", community: nil, kind: .primary, grades: (1...6).map { Grade(number: $0) },
                                classrooms: [.primary: 3], latitude: nil, longitude: nil)
            return LayoutInstance.Facility(origin: .existing(index: index), school: school, groups: [.lowerPrimary], seats: [.primary: 100],
                                           seatsPerClassroom: [.primary: 45], fixedCost: 0, capital: 0, ceiling: .infinity, protected: false,
                                           isPublic: true, places: [], openingYear: nil, costPerClass: [:])
        }
        let points = zip(pupils, currentSchools).enumerated().map { i, p in
            LayoutInstance.Point(area: AreaID("C\(i)"), district: "D", group: .lowerPrimary, pupils: p.0, peak: p.0, currentSchool: p.1)
        }
        return LayoutInstance(designYear: 2026, seatsThrough: 2026, expansionYear: 2026, bedsYear: 2026, points: points,
                              facilities: [facility("A", 0), facility("B", 1)],
                              arcs: arcs.map { LayoutInstance.Arc(point: $0.0, facility: $0.1, minutes: 5, kilometres: 1, boards: false, cost: $0.2) },
                              siteOptions: [], concentration: [], townshipKindergartens: [], kindergartensPerTownship: 0, budget: nil,
                              annuityFactor: 0.05, classroomCost: [:], bedCost: 0, maxExpansion: 0, minimumUtilisation: 0,
                              newSchoolMinimumUtilisation: 0, objective: .cost, siteNames: [], maxRelocatedShare: maxRelocatedShare)
    }
}
