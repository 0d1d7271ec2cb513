import Demography
import EnrollmentDemand
import Foundation
import PopulationProjection
import ScenarioModel
import SeatMetrics
import Testing

@Suite("Demand methods, class formation and balance, by hand")
struct MethodTests {
    @Test("rate-based demand applies rates, consolidation as the grades' shape, and the vocational share")
    func rates() {
        let rates = EnrollmentRates(kindergarten: .constant(0.9), primary: .constant(1), junior: .constant(1),
                                    senior: .constant(0.8), vocationalShare: .constant(0.25), consolidation: YearPath(constant: 0.96))
        let d = RateBasedDemand.compute(ToyCounty.projection(), scenario: ToyCounty.scenario, schooling: ToyCounty.schooling(), rates: rates)
        // K2 in A1: 0.9 · 100 = 90.
        #expect(abs(d.pupils(year: 2024, area: 0, slot: Slot(.kindergarten, .k2)) - 90) < 1e-12)
        // Junior: the stage holds rate × children = 1 · 3 · 140 = 420 pupils, shaped by the retention
        // 0.96^((g−1)/8): grade 9 of A1 = 100 · 3 · 0.96 / (0.96^(6/8) + 0.96^(7/8) + 0.96).
        let junior = [6.0, 7, 8].map { pow(0.96, $0 / 8) }.reduce(0, +)
        #expect(abs(d.pupils(year: 2024, area: 0, slot: Slot(.junior, Grade(number: 9))) - 300 * 0.96 / junior) < 1e-9)
        #expect(abs(d.total(year: 2024, stage: .junior) - 420) < 1e-9)
        // Grade 5 of A1 = 100 · 6 · 0.96^(4/8) / Σ_{g=1…6} 0.96^((g−1)/8).
        let primary = (0...5).map { pow(0.96, Double($0) / 8) }.reduce(0, +)
        #expect(abs(d.pupils(year: 2024, area: 0, slot: Slot(.primary, Grade(number: 5))) - 600 * 0.96.squareRoot() / primary) < 1e-9)
        // Grade 11: 0.8 · 100 split 75 : 25 between general and vocational.
        #expect(abs(d.pupils(year: 2024, area: 0, slot: Slot(.senior, Grade(number: 11))) - 60) < 1e-12)
        #expect(abs(d.pupils(year: 2024, area: 0, slot: Slot(.vocational, Grade(number: 11))) - 20) < 1e-12)
    }

    @Test("migrant children join their receiving district, shared by local pupils")
    func migrantChildren() {
        var schooling = ToyCounty.schooling()
        schooling.migrantChildren = [MigrantChildren(area: "D2", stage: .primary, year: 2024, pupils: 60)]
        let d = RateBasedDemand.compute(ToyCounty.projection(), scenario: ToyCounty.scenario, schooling: schooling, rates: EnrollmentRates())
        // A2 is D2's only village: 40 per grade, plus 60 shared by its children over six equal grades = 50.
        #expect(abs(d.pupils(year: 2024, area: 1, slot: Slot(.primary, Grade(number: 3))) - 50) < 1e-12)
        #expect(abs(d.pupils(year: 2025, area: 1, slot: Slot(.primary, Grade(number: 3))) - 40) < 1e-12)
    }

    @Test("school-age population shifts by φ to the next age")
    func calendarShift() {
        // Population at 6 is 100 and at 7 is 200 (A1) in this variant; φ = 0.25 gives 125 children of grade 1.
        var p = ToyCounty.projection()
        var counts = p.counts
        for sex in Sex.allCases { counts[p.offset(year: 2024, area: 0) + Ages.index(sex, 7)] = 100 }
        p = Projection(years: p.years, areas: p.areas, areaDistricts: p.areaDistricts, counts: counts, components: p.components)
        let c = SchoolAgePopulation.compute(p, calendar: SchoolCalendar(shiftToNextAge: 0.25))
        #expect(abs(c[Slot(.primary, Grade(number: 1)).index] - 125) < 1e-12)
    }

    @Test("grade-progression ratios, averaged and trend-fitted, and the next year's pupils")
    func gradeProgression() throws {
        // History of a school teaching grades 1–3:
        //   2022: 50 48 45    2023: 52 49 47    2024: 55 50 48
        // R₁ = 49/50 = 0.98 and 50/52 = 0.961538 → mean 0.970769;  R₂ = 47/48, 48/49 → mean 0.979379.
        // Entry: C(2024, 6) = 100, back-cast C(2023) = P(2024, 7) = 104, C(2022) = P(2024, 8) = 100:
        // Q = 0.5, 0.5, 0.55 → mean 0.516667.
        let school = School(id: "S", name: "小学", district: "D1", community: "A1", kind: .primary, grades: (1...3).map { Grade(number: $0) },
                            classrooms: [.primary: 6], latitude: nil, longitude: nil)
        let history = [(2022, [50.0, 48, 45]), (2023, [52, 49, 47]), (2024, [55, 50, 48])].flatMap { year, values in
            values.enumerated().map { EnrollmentRecord(school: "S", year: year, grade: Grade(number: $0.offset + 1), pupils: $0.element) }
        }
        var counts = ToyCounty.projection(perAge: 0, 0).counts
        let areaBlock = Ages.perArea
        func set(_ year: Int, _ age: Int, _ v: Double) {
            for sex in Sex.allCases { counts[(year - 2024) * 2 * areaBlock + Ages.index(sex, age)] = v / 2 }
        }
        set(2024, 6, 100); set(2024, 7, 104); set(2024, 8, 100); set(2025, 6, 90)
        let projection = Projection(years: 2024...2025, areas: ["A1", "A2"], areaDistricts: ["D1", "D2"], counts: counts,
                                    components: [StepComponents(), StepComponents()])
        var schooling = ToyCounty.schooling(schools: [school])
        let entryBase: [Int: Double] = [2022: 100, 2023: 104, 2024: 100]
        let ratios = try #require(GradeProgressionDemand.fit(history: history, schools: [school], trend: false) { _, _, year in
            entryBase[year] ?? 0
        }.first)
        #expect(abs((ratios.progression[Grade(number: 1)]?.mean ?? 0) - (0.98 + 50.0 / 52) / 2) < 1e-12)
        #expect(abs((ratios.progression[Grade(number: 2)]?.mean ?? 0) - (47.0 / 48 + 48.0 / 49) / 2) < 1e-12)
        #expect(abs((ratios.entry[Grade(number: 1)]?.mean ?? 0) - (0.5 + 0.5 + 0.55) / 3) < 1e-12)

        schooling.method = .gradeProgression(GradeProgressionSettings(fit: .average))
        schooling.history = history
        guard case .gradeProgression(let settings) = schooling.method else { return }
        let d = GradeProgressionDemand.compute(projection, schooling: schooling, settings: settings)
        let p = try #require(d.schoolPupils)
        func pupils(_ year: Int, _ grade: Int) -> Double { p[(year - 2024) * Slot.count + Slot(.primary, Grade(number: grade)).index] }
        #expect(pupils(2024, 1) == 55 && pupils(2024, 3) == 48)  // the record itself
        #expect(abs(pupils(2025, 1) - 90 * 1.55 / 3) < 1e-9)  // 0.516667 · 90 = 46.5
        #expect(abs(pupils(2025, 2) - 55 * (0.98 + 50.0 / 52) / 2) < 1e-9)  // 53.392
        #expect(abs(pupils(2025, 3) - 50 * (47.0 / 48 + 48.0 / 49) / 2) < 1e-9)  // 48.969

        // Trend: the line through (2022, 0.98) and (2023, 0.961538) gives 0.943077 at 2024.
        let trend = ProgressionRatio(observations: [(2022, 0.98), (2023, 50.0 / 52)], trend: true)
        #expect(abs(trend.value(at: 2024) - (50.0 / 52 - (0.98 - 50.0 / 52))) < 1e-9)
    }

    @Test("class formation: standard classes when classrooms suffice, bigger classes when not, mixed grades, the bands")
    func classFormation() {
        let school = ClassBands(big: 56, superBig: 66)
        // 113 pupils of standard 45 need 3 classes; with 3 classrooms: 38, 38, 37 — no big class.
        let a = ClassFormation.projected(pupils: [113], standard: [45], bands: [school], classrooms: 3)
        #expect(a == ClassFormation(classes: 3, bigClasses: 0, superBigClasses: 0, largest: 38))
        // With 2 classrooms the same pupils take classes of 57 and 56: both big, neither super-big.
        let b = ClassFormation.projected(pupils: [113], standard: [45], bands: [school], classrooms: 2)
        #expect(b == ClassFormation(classes: 2, bigClasses: 2, superBigClasses: 0, largest: 57))
        // Two grades of 100 and 40 in 3 classrooms: one each, the third to the larger grade → 50, 50, 40.
        let c = ClassFormation.projected(pupils: [100, 40], standard: [45, 45], bands: [school, school], classrooms: 3)
        #expect(c == ClassFormation(classes: 3, bigClasses: 0, superBigClasses: 0, largest: 50))
        // 3 grades of 20, 25, 30 and 2 classrooms → mixed classes of 38 and 37.
        let d = ClassFormation.projected(pupils: [20, 25, 30], standard: [45, 45, 45], bands: [school, school, school], classrooms: 2)
        #expect(d.classes == 2 && d.largest == 38 && d.bigClasses == 0)
        // No classrooms: no classes formed; 66 pupils in one classroom is super-big.
        #expect(ClassFormation.projected(pupils: [10], standard: [45], bands: [school], classrooms: 0).classes == 0)
        #expect(ClassFormation.projected(pupils: [66], standard: [45], bands: [school], classrooms: 1).superBigClasses == 1)
        // Kindergarten bands: a middle class (中班, norm 30) of 36 is big (31+ is not; 36 = 30 + 6), super-big from 41.
        let k2 = ClassSizes.national.bands(Slot(.kindergarten, .k2))
        #expect(k2 == ClassBands(big: 36, superBig: 41))
        let e = ClassFormation.projected(pupils: [72], standard: [30], bands: [k2], classrooms: 2)
        #expect(e == ClassFormation(classes: 2, bigClasses: 2, superBigClasses: 0, largest: 36))
        // The statistics' classes: 95 pupils in grade 1's 2 classes (48, 47), 40 in grade 2's one;
        // a stage total of 3 classes for the same pupils is shared as classrooms are (48, 47, 40).
        let byGrade = ClassFormation.observed(pupils: [95, 40], classes: .byGrade([Grade(number: 1): 2, Grade(number: 2): 1]),
                                              grades: [Grade(number: 1), Grade(number: 2)], bands: [school, school],
                                              bigClasses: nil, superBigClasses: nil)
        #expect(byGrade == ClassFormation(classes: 3, bigClasses: 0, superBigClasses: 0, largest: 48))
        let total = ClassFormation.observed(pupils: [95, 40], classes: .total(3), grades: [Grade(number: 1), Grade(number: 2)],
                                            bands: [school, school], bigClasses: nil, superBigClasses: nil)
        #expect(total == byGrade)
        // The statistics' own counts win.
        let counted = ClassFormation.observed(pupils: [95, 40], classes: .total(3), grades: [Grade(number: 1), Grade(number: 2)],
                                              bands: [school, school], bigClasses: 1, superBigClasses: 0)
        #expect(counted.bigClasses == 1)
    }

    @Test("优质均衡: the worked example's weighted coefficient of variation is 0.515 (unweighted 0.489)")
    func balanceCV() {
        // shared/domain/standards.md: pupils 45, 37, 89, 76, 55 and books 279, 137, 935, 160, 402.
        let pupils: [Double] = [45, 37, 89, 76, 55]
        let books: [Double] = [279, 137, 935, 160, 402]
        let x = zip(books, pupils).map { $0 / $1 }
        #expect(abs(BalanceCheck.weightedCV(values: x, pupils: pupils) - 0.515) < 0.0005)
        #expect(abs(BalanceCheck.weightedCV(values: x, pupils: [1, 1, 1, 1, 1]) - 0.489) < 0.0005)
    }

    @Test("a school meets the standard with 6 of 7 indicators and none below 85%")
    func schoolStandard() {
        let primary = BalanceCheck.standards[.primary] ?? []
        var values = primary
        values[0] *= 0.86  // one indicator short, but above 85%
        #expect(BalanceCheck.SchoolResult(school: "S", stage: .primary, pupils: 100, values: values).meetsStandard)
        values[0] = primary[0] * 0.84  // below 85%
        #expect(!BalanceCheck.SchoolResult(school: "S", stage: .primary, pupils: 100, values: values).meetsStandard)
        values[0] = primary[0]
        values[1] *= 0.9
        values[2] *= 0.9  // two short
        #expect(!BalanceCheck.SchoolResult(school: "S", stage: .primary, pupils: 100, values: values).meetsStandard)
    }
}
