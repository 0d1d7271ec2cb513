import Demography
import Foundation
import PopulationProjection
import ScenarioModel
import Testing

@Suite("CohortComponentProjection")
struct CohortComponentProjectionTests {
    @Test("a toy of three ages, worked by hand")
    func handWorked() {
        // Ages 0, 1 and 2+ (n = 1). Both sexes share one table: q0 = 0.1, q1 = 0.2, a = 0.5, m(2+) = 0.5,
        // so L = 0.95, 0.81, 1.44 (LifeTableTests): S0 = 0.81/0.95 = 0.852631…, S(1→2+) = S(2+) = 0.64,
        // birth survival L0/l0 = 0.95. Fertility 0.5 at age 1 only; SRB 1 (ρ = 0.5).
        // Start: males 100, 80, 50; females 100, 80, 50; net female migrants +10 at age 1.
        let t = MortalitySchedule(qx: [0.1, 0.2], ax: [0.5, 0.5], openRate: 0.5).lifeTable(radix: 1)
        let step = CohortComponentStep(lifeTables: [t, t])
        let r = step.advance(population: [100, 80, 50, 100, 80, 50], migrants: [0, 0, 0, 0, 10, 0],
                             asfr: [0, 0.5, 0], fractionFemale: 0.5)
        // Males:   age 1 = 100 · 0.852631… = 85.263158;  2+ = (80 + 50) · 0.64 = 83.2.
        // Females: age 1 = 100 · 0.852631… + 10/2 = 90.263158;  2+ = (80 + 5 + 50) · 0.64 = 86.4.
        // Births = 1 · 0.5 · ½ · [(80 + 5) + 90.263158] = 43.815789;
        // age 0 = 43.815789 · 0.5 · 0.95 = 20.812500 for each sex.
        let s0 = 0.81 / 0.95
        let births = 0.5 * 0.5 * (85 + 100 * s0 + 5)
        let expected = [births * 0.5 * 0.95, 100 * s0, 130 * 0.64, births * 0.5 * 0.95, 100 * s0 + 5, 135 * 0.64]
        for (a, b) in zip(r.population, expected) { #expect(abs(a - b) < 1e-12) }
        #expect(abs(births - 43.815789473684) < 1e-9)
        #expect(abs(r.population[0] - 20.8125) < 1e-12)
        // Deaths: (100+80 … ) survivors lost + births not surviving: balance closes exactly.
        let c = r.components
        #expect(abs(c.births - births) < 1e-12)
        #expect(c.netMigrants == 10)
        #expect(abs(r.population.reduce(0, +) - (460 + c.births - c.deaths + 10)) < 1e-12)
    }

    @Test("a stationary population stays constant (replacement fertility, no migration), 1e-9 relative")
    func stationary() throws {
        let srb = 1.06
        let block = ToyScenarios.stationary(femaleBirths: 1000, srb: srb)
        let f = ToyScenarios.flatFertility(ToyScenarios.replacementRate(srb: srb))
        let scenario = ToyScenarios.twoDistricts(seat: block, township: block.map { 2 * $0 },
                                                 fertility: Fertility(county: f), srb: srb, horizon: 2074)
        let p = try CohortComponentProjection.run(scenario)
        for year in p.years {
            for area in 0..<2 {
                for (a, b) in zip(p.block(year: year, area: area), p.block(year: 2024, area: area)) {
                    #expect(abs(a - b) <= 1e-9 * max(b, 1e-3))
                }
            }
        }
        // Births equal the radix times (1 + SRB) every year: 1000 · 2.06 in the seat.
        #expect(abs(p.components[0].births - 2060) < 1e-9)
    }

    @Test("TFR path rescales births: twice the reference TFR doubles the first year's births")
    func tfrPath() throws {
        let county = ToyScenarios.flatFertility(0.04)  // TFR 1.4
        let township = ToyScenarios.flatFertility(0.06)  // TFR 2.1: keeps its ratio 1.5 to the county
        let base = ToyScenarios.twoDistricts(seat: ToyScenarios.even(100), township: ToyScenarios.even(100),
                                             fertility: Fertility(county: county, districts: ["T": township]))
        var doubled = base
        doubled.fertility.tfrPath = YearPath(constant: 2.8)
        let a = try CohortComponentProjection.run(base), b = try CohortComponentProjection.run(doubled)
        // Births use women at the start and at the end of the year; neither depends on fertility.
        #expect(abs(b.components[0].births - 2 * a.components[0].births) < 1e-9)
        #expect(abs(b.components[1].births - 2 * a.components[1].births) < 1e-9)
        // Women aged 15–49 hold 100 per age: seat births 0.04 · 35 · ~100 ≈ 140, township 1.5 times more.
        #expect(abs(a.components[1].births / a.components[0].births - 1.5) < 1e-12)
    }

    @Test("net migration totals, a migration table and housing arrive as written")
    func migrationInputs() throws {
        var migration = Migration()
        migration.netTotals = ["T": YearPath(constant: -100)]
        var table = [Double](repeating: 0, count: Ages.perArea)
        table[Ages.index(.female, 30)] = 7
        migration.byYear = [2026: ["S": table]]
        let housing = Housing(estates: [HousingEstate(area: "S", year: 2025, households: 100, personsPerHousehold: 3, origin: "T"),
                                        HousingEstate(area: "S", year: 2027, households: 50, personsPerHousehold: 2)])
        let s = ToyScenarios.twoDistricts(seat: ToyScenarios.even(50), township: ToyScenarios.even(80),
                                          fertility: Fertility(county: ToyScenarios.flatFertility(0.05)),
                                          migration: migration, housing: housing)
        let p = try CohortComponentProjection.run(s)
        func net(_ year: Int, _ area: Int) -> Double { p.components[(year - 2024) * 2 + area].netMigrants }
        #expect(abs(net(2024, 1) + 100) < 1e-9)          // township: −100 a year
        #expect(abs(net(2024, 0)) < 1e-12)
        #expect(abs(net(2025, 0) - 300) < 1e-9)           // estate: 100 × 3 from the township
        #expect(abs(net(2025, 1) + 400) < 1e-9)           // −100 − 300
        #expect(abs(net(2026, 0) - 7) < 1e-12)            // the table's 7 women aged 30
        #expect(abs(net(2027, 0) - 100) < 1e-9)           // 50 × 2 from outside the county
        #expect(abs(net(2027, 1) + 100) < 1e-9)
    }

    @Test("urbanization flows meet the path exactly at the end of every year")
    func urbanization() throws {
        let path = try #require(YearPath(points: [2024: 0.3, 2034: 0.5]))
        let s = ToyScenarios.twoDistricts(seat: ToyScenarios.even(30), township: ToyScenarios.even(70),
                                          fertility: Fertility(county: ToyScenarios.flatFertility(0.05)),
                                          urbanization: Urbanization(rate: path))
        let p = try CohortComponentProjection.run(s)
        for year in 2025...2034 {
            let urban = p.block(year: year, area: 0).reduce(0, +)
            #expect(abs(urban / p.total(year: year) - path.value(in: year)) < 1e-12)
            // Moves inside the county: net migration sums to zero.
            let c0 = p.components[(year - 2025) * 2], c1 = p.components[(year - 2025) * 2 + 1]
            #expect(abs(c0.netMigrants + c1.netMigrants) < 1e-9)
            #expect(c0.netMigrants > 0)
        }
    }

    @Test("emigration is limited to the people present: an outflow larger than a cohort takes the cohort, no more")
    func outflowLimitedToCohort() throws {
        var migration = Migration()
        var table = [Double](repeating: 0, count: Ages.perArea)
        table[Ages.index(.male, 40)] = -500
        migration.everyYear = ["T": table]
        let fertility = Fertility(county: ToyScenarios.flatFertility(0.05))
        let s = ToyScenarios.twoDistricts(seat: ToyScenarios.even(50), township: ToyScenarios.even(80), fertility: fertility, migration: migration)
        let without = try CohortComponentProjection.run(ToyScenarios.twoDistricts(seat: ToyScenarios.even(50), township: ToyScenarios.even(80),
                                                                                    fertility: fertility))
        let p = try CohortComponentProjection.run(s)
        // −500 asked of the 80 men aged 40: 80 leave, half at the start of the year (exposed: the
        // survivors to 41 are (80 − 40)·S₄₀, half the unmigrated 80·S₄₀) and half at its end (40 fewer at
        // age 40 of the 80·S₃₉ who reach it).
        func at(_ projection: Projection, _ age: Int) -> Double { projection.count(year: 2025, area: 1, sex: .male, age: age) }
        #expect(abs(at(p, 41) - at(without, 41) / 2) < 1e-9)
        #expect(abs(at(p, 40) - (at(without, 40) - 40)) < 1e-9)
        #expect(abs(p.components[1].netMigrants + 80) < 1e-9)
        // Every later year too: no cell below zero, and P(t+1) = P(t) + B − D + I in each area.
        for year in 2024..<2034 {
            #expect(p.block(year: year + 1, area: 1).allSatisfy { $0 >= 0 })
            for area in 0..<2 {
                let c = p.components[(year - 2024) * 2 + area]
                let before = p.block(year: year, area: area).reduce(0, +), after = p.block(year: year + 1, area: area).reduce(0, +)
                #expect(abs(before + c.births - c.deaths + c.netMigrants - after) < 1e-6)
                #expect(c.deaths >= 0)
            }
        }
    }

    @Test("a village with no boys aged 0–4 and a net outflow spread over ages runs to the end of the longest horizon")
    func emptyCohortsWithOutflow() throws {
        var township = ToyScenarios.even(30)
        for age in 0...4 { township[Ages.index(.male, age)] = 0 }
        var migration = Migration()
        migration.netTotals = ["T": YearPath(constant: -40)]
        let s = ToyScenarios.twoDistricts(seat: ToyScenarios.even(50), township: township, fertility: Fertility(county: ToyScenarios.flatFertility(0.05)),
                                          horizon: 2124, migration: migration)
        let p = try CohortComponentProjection.run(s)
        #expect(p.years == 2024...2124)
        for year in p.years {
            #expect(p.block(year: year, area: 1).allSatisfy { $0 >= 0 && $0.isFinite })
        }
        // The outflow is spread in proportion to m(x)·P(x), so the absent boys lose nobody and the 40 leave.
        #expect(abs(p.components[1].netMigrants + 40) < 1e-9)
    }
}
