import Demography
import EnrollmentDemand
import PopulationProjection
import SchoolAllocation
import SchoolNetwork
import ScenarioModel
import SeatMetrics
import SimulationPipeline
import Testing

/// Two villages and two schools whose attendance can be worked out by hand. A1 (town district D1)
/// has 100 children at every age 3–17 in 2024, A2 (township D2) 50; in 2025 A1 has 120 and A2 50.
/// Travel: 0 minutes to the own village's school, 10 to the other one; the pull halves every
/// 5 minutes, so f = 1 at home and 2^(−2) = 1/4 away, and the odds ratio of the 2 × 2 attendance,
/// which the balancing preserves, is θ = (1 · 1)/(¼ · ¼) = 16.
enum BaseYearToy {
    static func projection(_ a1: [Double] = [100, 120], _ a2: [Double] = [50, 50]) -> Projection {
        var counts: [Double] = []
        for y in 0..<2 {
            for perAge in [a1[y], a2[y]] {
                for _ in Sex.allCases { counts += (0...Ages.open).map { (3...17).contains($0) ? perAge / 2 : 0 } }
            }
        }
        return Projection(years: 2024...2025, areas: ["A1", "A2"], areaDistricts: ["D1", "D2"], counts: counts,
                          components: [StepComponents(), StepComponents()])
    }

    static let scenario: Scenario = {
        let base = projection().counts[0..<(2 * Ages.perArea)]
        return Scenario(
            name: "toy", baseYear: 2024, horizon: 2025,
            districts: [District(id: "D1", name: "镇", kind: .town), District(id: "D2", name: "乡", kind: .township)],
            communities: [Community(id: "A1", district: "D1", name: "镇区", kind: .neighborhood, latitude: nil, longitude: nil),
                          Community(id: "A2", district: "D2", name: "山村", kind: .adminVillage, latitude: nil, longitude: nil)],
            population: BasePopulation(areas: ["A1", "A2"], counts: Array(base)), fertility: Fertility(county: nil), mortality: Mortality(county: nil))
    }()

    /// Every grade of a stage observed with the same pupils.
    static func observed(_ grades: [Grade], _ pupils: Double, classes: Int? = nil) -> ObservedEnrollment {
        let byGrade = Dictionary(uniqueKeysWithValues: grades.map { ($0, pupils) })
        let stage = grades[0].stage()
        return ObservedEnrollment(pupils: byGrade, classes: classes.map { [stage: .total($0)] } ?? [:])
    }

    static let kindergarten = Stage.kindergarten.grades
    static let primary = Stage.primary.grades

    /// K1, K2 (kindergartens) and S1, S2 (primaries) in A1 and A2: 72 and 48 children in every
    /// kindergarten grade, 90 and 60 pupils in every primary grade.
    static func schools(k1: Double = 72, k2: Double = 48) -> [School] {
        [School(id: "K1", name: "镇幼儿园", district: "D1", community: "A1", kind: .kindergarten, grades: kindergarten,
                classrooms: [.kindergarten: 9], latitude: nil, longitude: nil, observed: observed(kindergarten, k1)),
         School(id: "K2", name: "村幼儿园", district: "D2", community: "A2", kind: .kindergarten, grades: kindergarten,
                classrooms: [.kindergarten: 6], latitude: nil, longitude: nil, observed: observed(kindergarten, k2)),
         School(id: "S1", name: "镇小", district: "D1", community: "A1", kind: .primary, grades: primary,
                classrooms: [.primary: 12], latitude: nil, longitude: nil, observed: observed(primary, 90)),
         School(id: "S2", name: "村小", district: "D2", community: "A2", kind: .primary, grades: primary,
                classrooms: [.primary: 12], latitude: nil, longitude: nil, observed: observed(primary, 60))]
    }

    static let minutes: [AreaID: [SchoolID: Double]] = [
        "A1": ["K1": 0, "K2": 10, "S1": 0, "S2": 10, "H": 0, "V": 0, "J": 0], "A2": ["K1": 10, "K2": 0, "S1": 10, "S2": 0, "H": 10, "V": 10, "J": 10],
    ]

    static func schooling(schools: [School] = BaseYearToy.schools(), rates: EnrollmentRates = BaseYearToy.rates) -> Schooling {
        Schooling(schools: schools, method: .rates(rates), calendar: SchoolCalendar(shiftToNextAge: 0),
                  travel: TravelSettings(minutes: minutes),
                  attendanceModel: AttendanceModel(halfMinutes: [.kindergarten: 5, .lowerPrimary: 5, .upperPrimary: 5]))
    }

    /// Kindergarten from the observed 0.8 to 1.0 in 2025; primary at its observed rate; no secondary.
    static let rates = EnrollmentRates(kindergarten: RatePath(given: YearPath(points: [2025: 1.0]), observedYear: 2024),
                                       primary: RatePath(given: nil, observedYear: 2024), junior: .constant(0), senior: .constant(0))

    static func run(_ schooling: Schooling = BaseYearToy.schooling(), network: NetworkTimeline? = nil) -> SimulationResult {
        Simulation.evaluate(scenario, schooling: schooling, projection: projection(), network: network)
    }
}

@Suite("The observed base year: attendance by hand, the statistics reproduced, rates from them")
struct BaseYearTests {
    private func flows(_ r: SimulationResult, area: Int, slot: Slot) -> [SchoolID: Double] {
        var out: [SchoolID: Double] = [:]
        for f in r.demand.attendance?.flows(area: area, slot: slot) ?? [] { out[r.allocation.schools[f.school].id, default: 0] += f.pupils }
        return out
    }

    @Test("the doubly constrained gravity model gives the 2 × 2 attendance worked by hand")
    func gravityByHand() throws {
        let r = BaseYearToy.run()
        // Grade 1: rows ρ·C = 1.0 · (100, 50), since ρ = (90 + 60)/(100 + 50); columns 90 and 60. With
        // A₁₁ = x the margins give A₁₂ = 100 − x, A₂₁ = 90 − x, A₂₂ = x − 40, and the odds ratio
        // x(x − 40) / ((100 − x)(90 − x)) = 16 holds at x = 80: A = [[80, 20], [10, 40]].
        let g1 = flows(r, area: 0, slot: Slot(.primary, Grade(number: 1))), h1 = flows(r, area: 1, slot: Slot(.primary, Grade(number: 1)))
        for (value, expected) in [(g1["S1"], 80.0), (g1["S2"], 20), (h1["S1"], 10), (h1["S2"], 40)] {
            #expect(abs((value ?? 0) - expected) < 1e-6, "\(value ?? 0) vs \(expected)")
        }
        // K1: ρ = (72 + 48)/150 = 0.8, rows 80 and 40, columns 72 and 48: x(x − 32)/((80 − x)(72 − x)) = 16
        // at x = 64: A = [[64, 16], [8, 32]].
        let k1 = flows(r, area: 0, slot: Slot(.kindergarten, .k1)), k2 = flows(r, area: 1, slot: Slot(.kindergarten, .k1))
        for (value, expected) in [(k1["K1"], 64.0), (k1["K2"], 16), (k2["K1"], 8), (k2["K2"], 32)] {
            #expect(abs((value ?? 0) - expected) < 1e-6, "\(value ?? 0) vs \(expected)")
        }
        #expect(r.demand.attendance?.source == .gravity)
        #expect(abs((r.demand.observedRates[.kindergarten] ?? 0) - 0.8) < 1e-12 && abs((r.demand.observedRates[.primary] ?? 0) - 1) < 1e-12)
    }

    @Test("every school's base-year pupils equal the statistics, grade by grade")
    func reproduced() throws {
        let r = BaseYearToy.run()
        for (s, school) in r.allocation.schools.enumerated() {
            for slot in school.slots {
                #expect(r.allocation.pupils(year: 2024, school: s, slot: slot) == school.observed?.pupils(slot), "\(school.id) \(slot)")
            }
        }
    }

    @Test("projected years keep each village's shares; the county rate follows its path from the observed value")
    func carriedForward() throws {
        let r = BaseYearToy.run()
        // Grade 1 in 2025: primary stays at its observed rate 1.0, so A1's 120 children and A2's 50
        // enroll; A1 sends 0.8 and 0.2 of them, A2 0.2 and 0.8: S1 = 96 + 10 = 106, S2 = 24 + 40 = 64.
        let g1 = Slot(.primary, Grade(number: 1))
        #expect(abs(r.allocation.pupils(year: 2025, school: 2, slot: g1) - 106) < 1e-6)
        #expect(abs(r.allocation.pupils(year: 2025, school: 3, slot: g1) - 64) < 1e-6)
        // Kindergarten rises from the observed 0.8 to 1.0 in 2025: 170 children in each grade, shared by
        // the villages' own base rates (both 0.8): A1 120, A2 50; K1 = 0.8·120 + 0.2·50 = 106.
        let k = Slot(.kindergarten, .k1)
        #expect(abs(r.demand.total(year: 2025, slot: k) - 170) < 1e-9)
        #expect(abs(r.allocation.pupils(year: 2025, school: 0, slot: k) - 106) < 1e-6)
    }

    @Test("a closed school's pupils go to the school it merged into; a new nearer school takes the shares of farther ones")
    func planMovesShares() throws {
        let schooling = BaseYearToy.schooling()
        // 2025: S2 merges into S1 (A2's grade 1 all to S1); K3 opens beside A2 (5 minutes, nearer than K1's 10).
        var minutes = BaseYearToy.minutes
        minutes["A1", default: [:]]["K3"] = 12
        minutes["A2", default: [:]]["K3"] = 5
        var withTimes = schooling
        withTimes.travel.minutes = minutes
        let k3 = NewSchool(id: "K3", name: "新园", site: nil, district: "D2", community: "A2", kind: .kindergarten, grades: BaseYearToy.kindergarten,
                           classrooms: [.kindergarten: 3], boardingBeds: 0, latitude: nil, longitude: nil)
        let plan = Plan(name: "toy", actions: [PlanAction(year: 2025, .close(school: "S2", mergeInto: "S1")), PlanAction(year: 2025, .build(k3))])
        let network = try PlanApplication.apply(plan, to: withTimes, years: 2024...2025)
        let r = BaseYearToy.run(withTimes, network: network)
        let g1 = Slot(.primary, Grade(number: 1)), k = Slot(.kindergarten, .k1)
        #expect(abs(r.allocation.pupils(year: 2025, school: 2, slot: g1) - 170) < 1e-6)  // all of A1's 120 and A2's 50
        #expect(r.allocation.pupils(year: 2025, school: 3, slot: g1) == 0)
        // K1: A1's 0.8 share stays (K3 is farther from A1 than K1), A2's 0.2 share at K1 (10 min) moves to K3
        // (5 min), and A2's 0.8 at K2 (0 min) stays: K1 = 96, K2 = 0.2·120 + 0.8·50 = 64, K3 = 0.2·50 = 10.
        #expect(abs(r.allocation.pupils(year: 2025, school: 0, slot: k) - 96) < 1e-6)
        #expect(abs(r.allocation.pupils(year: 2025, school: 1, slot: k) - 64) < 1e-6)
        #expect(abs(r.allocation.pupils(year: 2025, school: 4, slot: k) - 10) < 1e-6)
    }

    @Test("a new school's catchment is drawn up to its seats when it opens, nearest areas first")
    func newSchoolFillsToSeats() throws {
        // K3 (2 classrooms: 2 × 30 = 60 seats) opens in 2025, 5 minutes from A1 and 4 from A2; it is nearer
        // than K2 for A1's 0.2 share (10 min) and than K1 for A2's 0.2 share (10 min). In 2025 A1 has 120
        // children a grade and A2 50 (rate 1.0). A2, nearest, comes first: 0.2 · 50 · 3 = 30 pupils, all of
        // its share; 30 seats are left for A1's 0.2 · 120 · 3 = 72, so A1 moves 30/72 = 5/12 of its share.
        // Per grade: K3 = 0.2 · 50 + 0.2 · 120 · 5/12 = 10 + 10 = 20; K2 = 0.2 · 120 · 7/12 + 0.8 · 50 = 14 + 40
        // = 54; K1 = 0.8 · 120 = 96 (A2's 0.2 share left it).
        var schooling = BaseYearToy.schooling()
        schooling.travel.minutes["A1", default: [:]]["K3"] = 5
        schooling.travel.minutes["A2", default: [:]]["K3"] = 4
        let k3 = NewSchool(id: "K3", name: "新园", site: nil, district: "D1", community: "A1", kind: .kindergarten, grades: BaseYearToy.kindergarten,
                           classrooms: [.kindergarten: 2], boardingBeds: 0, latitude: nil, longitude: nil)
        let network = try PlanApplication.apply(Plan(name: "toy", actions: [PlanAction(year: 2025, .build(k3))]), to: schooling, years: 2024...2025)
        let r = BaseYearToy.run(schooling, network: network)
        for slot in Stage.kindergarten.grades.map({ Slot(.kindergarten, $0) }) {
            for (s, expected) in [(0, 96.0), (1, 54), (4, 20)] {
                #expect(abs(r.allocation.pupils(year: 2025, school: s, slot: slot) - expected) < 1e-9, "\(slot) school \(s)")
            }
        }
    }

    @Test("an area without travel times draws on its district's schools; nobody is lost")
    func unreachableArea() throws {
        var schooling = BaseYearToy.schooling()
        schooling.travel.minutes["A2"] = nil
        let r = BaseYearToy.run(schooling)
        // A2 reaches no school by travel time: its children go to D2's schools (K2, S2), A1 balances the rest.
        let g1 = Slot(.primary, Grade(number: 1))
        let a2 = flows(r, area: 1, slot: g1)
        #expect(Set(a2.keys) == ["S2"] && abs((a2["S2"] ?? 0) - 50) < 1e-6)
        #expect(abs(flows(r, area: 0, slot: g1).values.reduce(0, +) - 100) < 1e-6)
        #expect(r.demand.attendance?.unmatched.isEmpty == true)
        for (s, school) in r.allocation.schools.enumerated() {
            for slot in school.slots { #expect(r.allocation.pupils(year: 2024, school: s, slot: slot) == school.observed?.pupils(slot)) }
        }
    }

    @Test("attendance.csv is split into grades keeping the schools' grades and the recorded rows")
    func fromRecords() throws {
        var schooling = BaseYearToy.schooling()
        // S1: 480 pupils from A1 and 60 from A2 (its 540); S2: 360 from A2.
        schooling.attendance = [AttendanceRecord(area: "A1", school: "S1", stage: .primary, pupils: 480),
                                AttendanceRecord(area: "A2", school: "S1", stage: .primary, pupils: 60),
                                AttendanceRecord(area: "A2", school: "S2", stage: .primary, pupils: 360),
                                AttendanceRecord(area: "A1", school: "K1", stage: .kindergarten, pupils: 216),
                                AttendanceRecord(area: "A2", school: "K2", stage: .kindergarten, pupils: 144)]
        let r = BaseYearToy.run(schooling)
        #expect(r.demand.attendance?.source == .attendanceTable)
        // Every grade of S1 has 90 pupils and both villages have as many children in every grade, so
        // each grade keeps the rows' proportions: 80 from A1 and 10 from A2.
        let g4 = Slot(.primary, Grade(number: 4))
        #expect(abs((flows(r, area: 0, slot: g4)["S1"] ?? 0) - 80) < 1e-6 && abs((flows(r, area: 1, slot: g4)["S1"] ?? 0) - 10) < 1e-6)
        // A1's kindergarten rate is its own: 216 / 300 = 0.72; A2's 144 / 150 = 0.96.
        let rates = try #require(r.demand.attendance?.residentRate)
        #expect(abs(rates[0 * Slot.count + Slot(.kindergarten, .k2).index] - 0.72) < 1e-9)
        #expect(abs(rates[1 * Slot.count + Slot(.kindergarten, .k2).index] - 0.96) < 1e-9)
    }
}

@Suite("Indicators by their official definitions, on hand numbers")
struct IndicatorDefinitionTests {
    private func value(_ r: SimulationResult, _ i: Indicator, _ stage: Stage? = nil, _ year: Int = 2024) -> Double? {
        r.indicators.first { $0.indicator == i && $0.stage == stage && $0.year == year }?.value
    }

    @Test("an over-full kindergarten counts all its children in 毛入园率 but only those with seats in 学位保障率")
    func overFullKindergarten() throws {
        // K1 holds 3 classrooms × 30 (mean of 25, 30, 35) = 90 seats and has 3 · 72 = 216 children;
        // K2 6 × 30 = 180 seats for 144. 毛入园率 = (216 + 144) / (3 · 150) = 0.8;
        // 学位保障率 = (90 + 144) / 360 = 0.65.
        var schools = BaseYearToy.schools()
        schools[0] = School(id: "K1", name: "镇幼儿园", district: "D1", community: "A1", kind: .kindergarten, grades: BaseYearToy.kindergarten,
                            classrooms: [.kindergarten: 3], latitude: nil, longitude: nil, observed: BaseYearToy.observed(BaseYearToy.kindergarten, 72))
        let r = BaseYearToy.run(BaseYearToy.schooling(schools: schools))
        #expect(abs((value(r, .preschoolGrossEnrollment) ?? 0) - 0.8) < 1e-12)
        #expect(abs((value(r, .seatGuarantee, .kindergarten) ?? 0) - 0.65) < 1e-12)
        #expect(abs((value(r, .grossEnrollment, .primary) ?? 0) - 1) < 1e-12)
    }

    @Test("高中阶段毛入学率 counts general and vocational pupils and residents studying outside the county")
    func highSchoolStage() throws {
        // A senior school with 40 pupils in each of grades 10–12, a vocational school with 20, and 30
        // residents of the stage outside the county; 3 · 150 = 450 children of grade 10–12 age:
        // (120 + 60 + 30) / 450 = 0.4667.
        let senior = (10...12).map { Grade(number: $0) }
        var schools = BaseYearToy.schools()
        schools.append(School(id: "H", name: "高中", district: "D1", community: "A1", kind: .senior, grades: senior, classrooms: [.senior: 3],
                              latitude: nil, longitude: nil, observed: BaseYearToy.observed(senior, 40)))
        schools.append(School(id: "V", name: "职高", district: "D1", community: "A1", kind: .vocational, grades: senior, classrooms: [.vocational: 3],
                              latitude: nil, longitude: nil, observed: BaseYearToy.observed(senior, 20)))
        var schooling = BaseYearToy.schooling(schools: schools, rates: EnrollmentRates(kindergarten: .constant(0.8), senior: .constant(0.5)))
        schooling.outOfCounty = [OutOfCountyPupils(stage: .senior, pupils: YearPath(constant: 30))]
        let r = BaseYearToy.run(schooling)
        #expect(abs((value(r, .highSchoolGrossEnrollment) ?? 0) - 210.0 / 450) < 1e-12)
        // The observed anchors: residents' rate (180 + 30)/450 and vocational share 60/210.
        #expect(abs((r.demand.observedRates[.senior] ?? 0) - 210.0 / 450) < 1e-12)
        #expect(abs((r.demand.observedRates[.vocationalShare] ?? 0) - 60.0 / 210) < 1e-12)
        // 2025 at the path's 0.5 (all general: no vocational share given): 3 · 170 = 510 children, 255
        // residents enrolled, 30 of them outside, 225 in the county's schools.
        let enrolled = r.allocation.schools.indices.reduce(0.0) {
            $0 + r.allocation.pupils(year: 2025, school: $1, stage: .senior) + r.allocation.pupils(year: 2025, school: $1, stage: .vocational)
        }
        #expect(abs(enrolled - 225) < 1e-6)
    }

    @Test("九年义务教育巩固率 follows the cohort: grade 9 now against its grade 1 eight years earlier")
    func consolidationFromHistory() throws {
        // A junior school with 138 pupils in each of grades 7–9, of 150 children a grade (A1 100, A2 50);
        // in 2016 the primary schools had 150 grade-1 pupils, and that cohort (aged 14 in 2024) numbers
        // 150 in the base population.
        let junior = (7...9).map { Grade(number: $0) }
        var schools = BaseYearToy.schools()
        schools.append(School(id: "J", name: "中学", district: "D1", community: "A1", kind: .junior, grades: junior, classrooms: [.junior: 6],
                              latitude: nil, longitude: nil, observed: BaseYearToy.observed(junior, 138)))
        var schooling = BaseYearToy.schooling(schools: schools, rates: EnrollmentRates(kindergarten: .constant(0.8), primary: .constant(1),
                                                                                       junior: .constant(0.92), senior: .constant(0)))
        schooling.history = [EnrollmentRecord(school: "S1", year: 2016, grade: Grade(number: 1), pupils: 90),
                             EnrollmentRecord(school: "S2", year: 2016, grade: Grade(number: 1), pupils: 60)]
        let r = BaseYearToy.run(schooling)
        // E₉ = 138 of C₉ = 150 children; E₁(2016) = 150 of the same cohort's 150: 138/150 = 0.92.
        #expect(abs((value(r, .compulsoryConsolidation) ?? 0) - 0.92) < 1e-12)
        // 2025 needs grade 1 of 2017, which the history lacks: not assessed, and the row says why.
        let row = try #require(r.indicators.first { $0.indicator == .compulsoryConsolidation && $0.year == 2025 })
        #expect(row.value == nil && (row.note ?? "").contains("2017"))
    }
}
