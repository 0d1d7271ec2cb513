import Demography
import EnrollmentDemand
import PopulationProjection
import SchoolAllocation
import ScenarioModel
import SeatMetrics
import SimulationPipeline
import Testing

@Suite("Seat gaps on a toy county worked by hand")
struct SeatGapTests {
    private func run(_ schooling: Schooling = ToyCounty.schooling()) -> SimulationResult {
        Simulation.evaluate(ToyCounty.scenario, schooling: schooling, projection: ToyCounty.projection())
    }

    private func row(_ r: SimulationResult, _ level: SeatGapRow.Level, _ id: String, _ stage: Stage) throws -> SeatGapRow {
        try #require(r.seatGaps.first { $0.level == level && $0.id == id && $0.stage == stage && $0.year == 2024 })
    }

    @Test("demand goes to the nearest school teaching each grade")
    func allocation() throws {
        let r = run()
        // A1's grades 1–6 → S1; A2's grades 1–3 → S2 (its own teaching point), 4–6 → S1 (the only one).
        #expect(r.allocation.pupils(year: 2024, school: 0, slot: Slot(.primary, Grade(number: 1))) == 100)
        #expect(r.allocation.pupils(year: 2024, school: 0, slot: Slot(.primary, Grade(number: 4))) == 140)
        #expect(r.allocation.pupils(year: 2024, school: 1, stage: .primary) == 120)
        #expect(r.allocation.pupils(year: 2024, school: 2, stage: .junior) == 420)
    }

    @Test("school rows: seats, gap, utilisation, classes needed, average class, big classes, warning")
    func schoolRows() throws {
        let r = run()
        // S1: 3·100 + 3·140 = 720 pupils; 12 classrooms × 45 = 540 seats; gap 180; 720/540 = 1.3333.
        // Classes needed: ⌈100/45⌉ = 3 for grades 1–3, ⌈140/45⌉ = 4 for 4–6 → 9 + 12 = 21. Average 720/12 = 60.
        // Classrooms: one per grade, the 6 spare by pupils (6·100/720 = 0.83, 6·140/720 = 1.17): floors give
        // grades 4–6 one more, the 3 left go to the largest remainders (grades 1–3) → 2 classes per grade:
        // classes of 50 (grades 1–3) and 70 (grades 4–6): 6 big (≥ 56), all 6 also super-big (≥ 66).
        let s1 = try row(r, .school, "S1", .primary)
        #expect(s1.demand == 720)
        #expect(s1.seats == 540)
        #expect(s1.gap == 180)
        #expect(abs((s1.utilisation ?? 0) - 4.0 / 3) < 1e-12)
        #expect(s1.classesNeeded == 21)
        #expect(s1.classrooms == 12)
        #expect(s1.averageClassSize == 60)
        #expect(s1.formation == ClassFormation(classes: 12, bigClasses: 6, superBigClasses: 6, largest: 70))
        #expect(s1.bigClassShare == 0.5)
        #expect(s1.warning == .red)
        // S1 serves A1's 600 children of primary age and A2's 120 of grades 4–6.
        #expect(s1.schoolAgePopulation == 720)
        // S2: 120 pupils, 2 classrooms × 30 (teaching point) = 60 seats, gap 60, utilisation 2;
        // ⌈40/30⌉ = 2 per grade → 6 classes needed; fewer classrooms than grades: two mixed classes of 60 → 2 big.
        let s2 = try row(r, .school, "S2", .primary)
        #expect([s2.demand, s2.seats, s2.gap, s2.utilisation ?? 0] == [120, 60, 60, 2])
        #expect(s2.classesNeeded == 6)
        #expect(s2.formation == ClassFormation(classes: 2, bigClasses: 2, superBigClasses: 0, largest: 60))
        // S3: 3·140 = 420 pupils, 4 × 50 = 200 seats, gap 220; ⌈140/50⌉ = 3 per grade → 9;
        // one classroom each and the spare one to grade 7 (equal remainders, lower grade first): 70, 70, 140, 140.
        let s3 = try row(r, .school, "S3", .junior)
        #expect([s3.demand, s3.seats, s3.gap] == [420, 200, 220])
        #expect(s3.classesNeeded == 9)
        #expect(s3.formation == ClassFormation(classes: 4, bigClasses: 4, superBigClasses: 4, largest: 140))
    }

    @Test("district and county rows sum schools and add residents without a school")
    func aggregates() throws {
        let r = run()
        // D1 primary: S1 only (720 pupils, 540 seats); resident children of primary age: A1's 600.
        let d1 = try row(r, .district, "D1", .primary)
        #expect([d1.demand, d1.seats, d1.schoolAgePopulation ?? 0] == [720, 540, 600])
        // Kindergarten: no school teaches it, so D1's 0.9 · 300 = 270 children are all short of seats.
        let k1 = try row(r, .district, "D1", .kindergarten)
        #expect(abs(k1.demand - 270) < 1e-9)
        #expect(k1.seats == 0)
        #expect(k1.warning == .red)
        // County primary: 720 + 120 = 840 = 6·100 + 6·40; seats 540 + 60.
        let c = try row(r, .county, "county", .primary)
        #expect([c.demand, c.seats, c.gap, c.schoolAgePopulation ?? 0] == [840, 600, 240, 840])
        #expect(c.formation.classes == 14)
        #expect(c.formation.bigClasses == 8)
    }

    @Test("the average class counts the pupils at the schools, not the residents without a school")
    func averageClass() throws {
        // S1 teaches grades 1–5 only: grade 6 (A1's 100, A2's 40) has no school. S1 takes A1's 5 × 100 and A2's
        // grades 4–5 (2 × 40) = 580 pupils; its 12 classrooms go one to each grade, then to the largest
        // classes: grades 4–5 get 3 each (46.7), grades 1–3 2 each (50) — 12 classes.
        var schools = ToyCounty.schools
        let s1 = schools[0]
        schools[0] = School(id: s1.id, name: s1.name, district: s1.district, community: s1.community, kind: s1.kind,
                            grades: (1...5).map { Grade(number: $0) }, classrooms: s1.classrooms, latitude: s1.latitude, longitude: s1.longitude)
        let r = run(ToyCounty.schooling(schools: schools))
        let d1 = try row(r, .district, "D1", .primary)
        // D1's row: 580 at S1 plus A1's 100 grade-6 pupils without a school; the average is 580 / 12.
        #expect([d1.demand, d1.enrolled] == [680, 580] && d1.formation.classes == 12)
        #expect(abs((d1.averageClassSize ?? 0) - 580.0 / 12) < 1e-12)
    }

    @Test("targets: big-class shares, super-big classes, preschool enrollment without kindergartens")
    func targets() throws {
        let r = run()
        func achieved(_ id: String) -> Double? { r.targets.first { $0.target == id && $0.year == 2024 }?.achieved }
        #expect(abs((achieved("big_class_share.primary") ?? 0) - 8.0 / 14) < 1e-12)  // 8 big of 14 classes
        #expect(achieved("big_class_share.junior") == 1)
        #expect(achieved("super_big_classes") == 10)  // 6 at S1 + 4 at S3
        #expect(r.targets.first { $0.target == "super_big_classes" }?.met == false)
    }

    @Test("a catchment overrides the nearest school")
    func catchment() throws {
        let r = run(ToyCounty.schooling(catchments: [Catchment(area: "A2", stage: .primary, school: "S1")]))
        #expect(r.allocation.pupils(year: 2024, school: 1, stage: .primary) == 0)
        #expect(r.allocation.pupils(year: 2024, school: 0, stage: .primary) == 840)
    }

    @Test("senior pupils are shared county-wide by seats; slots no school teaches are unserved")
    func seniorPool() throws {
        var schools = ToyCounty.schools
        let senior = (10...12).map { Grade(number: $0) }
        schools.append(School(id: "H1", name: "县一中", district: "D1", community: "A1", kind: .senior, grades: senior,
                              classrooms: [.senior: 20], latitude: 23.0, longitude: 102.0))
        schools.append(School(id: "H2", name: "县二中", district: "D2", community: "A2", kind: .senior, grades: senior,
                              classrooms: [.senior: 10], latitude: 23.1, longitude: 102.1))
        var schooling = ToyCounty.schooling(schools: schools)
        schooling.method = .rates(EnrollmentRates(kindergarten: .constant(0.9), senior: .constant(1)))
        let r = run(schooling)
        // 3 grades × (100 + 40) = 420 senior pupils, split 2:1 by seats (1000 : 500), wherever they live.
        #expect(abs(r.allocation.pupils(year: 2024, school: 3, stage: .senior) - 280) < 1e-9)
        #expect(abs(r.allocation.pupils(year: 2024, school: 4, stage: .senior) - 140) < 1e-9)
        // Kindergarten: no school, so 0.9 · 3 · 140 = 378 unserved.
        let unserved: Double = r.allocation.unserved.reduce(0, +)
        #expect(abs(unserved - 756) < 1e-9)  // two years of 378
    }

    @Test("travel: pupils beyond the limit by district")
    func travel() throws {
        // Move the teaching point 12 km east of A2: 12 × 1.4 / 15 km/h = 67 minutes.
        var schools = ToyCounty.schools
        let s2 = schools[1]
        schools[1] = School(id: s2.id, name: s2.name, district: s2.district, community: s2.community, kind: s2.kind, grades: s2.grades,
                            classrooms: s2.classrooms, latitude: 23.1, longitude: 102.1 + 12 / (111.195 * cos(23.1 * .pi / 180)))
        let r = run(ToyCounty.schooling(schools: schools))
        let d2 = try #require(r.travel.first { $0.district == "D2" && $0.year == 2024 && $0.group == .grades1to3 })
        #expect([d2.pupils, d2.beyondLimit, d2.share ?? 0] == [120, 120, 1])
        let d1 = try #require(r.travel.first { $0.district == "D1" && $0.year == 2024 && $0.group == .grades1to3 })
        #expect(d1.beyondLimit == 0)
    }
}

import Foundation
