import Foundation
import ScenarioIO
import Testing

/// Every kind of bad input named in the foundation issue stops the load with a diagnostic naming
/// the file, the line (header = line 1) and the column.
@Suite("ScenarioLoader: bad input")
struct BadInputTests {
    /// Loads the fixture and checks that an error with this location (and text) is among the errors.
    private func expectError(_ fixture: ScenarioFixture, file: String, line: Int?, column: String?, _ text: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let load = ScenarioLoader.load(folder: try fixture.write())
        #expect(load.scenario == nil, sourceLocation: sourceLocation)
        let match = load.errors.contains { $0.file == file && $0.line == line && $0.column == column && $0.message.contains(text) }
        #expect(match, "no error \(file):\(line ?? 0) [\(column ?? "-")] “\(text)” among \(load.errors.map(\.description))",
                sourceLocation: sourceLocation)
    }

    @Test("a missing table file")
    func missingFile() throws {
        var f = ScenarioFixture.valid
        f.files["fertility.csv"] = nil
        // Reported where scenario.yaml names it (line 8 of the minimal scenario).
        try expectError(f, file: "scenario.yaml", line: 8, column: "tables.fertility", "file not found (looked for")
    }

    @Test("a missing scenario.yaml")
    func missingYAML() throws {
        var f = ScenarioFixture.valid
        f.files["scenario.yaml"] = nil
        try expectError(f, file: "scenario.yaml", line: nil, column: nil, "file not found")
    }

    @Test("a missing column")
    func missingColumn() throws {
        var f = ScenarioFixture.valid
        f.replace("population.csv", "area,sex,age,population", "area,sex,age,persons")
        try expectError(f, file: "population.csv", line: 1, column: "population", "required column \"population\" is missing")
    }

    @Test("an unknown area id")
    func unknownArea() throws {
        var f = ScenarioFixture.valid
        f.replace("population.csv", "D2,M,7,97", "D9,M,7,97")  // line 2 + 202 + 7 = 211
        try expectError(f, file: "population.csv", line: 211, column: "area", "unknown area id D9")
    }

    @Test("a negative count")
    func negativeCount() throws {
        var f = ScenarioFixture.valid
        f.replace("population.csv", "D1,F,3,99", "D1,F,3,-4")  // line 2 + 101 + 3 = 106
        try expectError(f, file: "population.csv", line: 106, column: "population", "-4 is out of range: a population count must be between 0 and 100,000,000")
    }

    @Test("rates outside their range: asfr above 1, qx above 1, sex ratio at birth of 2")
    func ratesOutOfRange() throws {
        var f = ScenarioFixture.valid
        f.replace("fertility.csv", "20,0.045", "20,1.5")  // line 2 + 5 = 7
        try expectError(f, file: "fertility.csv", line: 7, column: "asfr", "must be between 0 and 1")
        var g = ScenarioFixture.valid
        g.replace("mortality.csv", "M,0,0.0005\n", "M,0,1.2\n")  // line 2
        try expectError(g, file: "mortality.csv", line: 2, column: "qx", "1.2 is out of range")
        var h = ScenarioFixture.valid
        h.replace("scenario.yaml", "sex_ratio_at_birth: 1.12", "sex_ratio_at_birth: 2")
        try expectError(h, file: "scenario.yaml", line: 4, column: "sex_ratio_at_birth", "must be between 0.8 and 1.5")
    }

    @Test("fertility at an age outside 15–49")
    func asfrOutsideAges() throws {
        var f = ScenarioFixture.valid
        f.files["fertility.csv"] = (f.files["fertility.csv"] ?? "") + "12,0.001\n"  // line 2 + 35 = 37
        try expectError(f, file: "fertility.csv", line: 37, column: "age", "outside ages 15–49")
    }

    @Test("a non-monotone lx")
    func nonMonotoneLx() throws {
        var f = ScenarioFixture.valid
        var rows = "sex,age,lx\n"
        for sex in ["M", "F"] {
            for age in 0...100 { rows += "\(sex),\(age),\(sex == "F" && age == 60 ? 99_000 : 100_000 - 900 * age)\n" }
        }
        f.files["mortality.csv"] = rows  // F 60 is on line 2 + 101 + 60 = 163
        try expectError(f, file: "mortality.csv", line: 163, column: "lx", "lx rises from 46900 at age 59 to 99000 at age 60")
    }

    @Test("the horizon before the base year")
    func horizonBeforeBase() throws {
        var f = ScenarioFixture.valid
        f.replace("scenario.yaml", "horizon: 2040", "horizon: 2020")
        try expectError(f, file: "scenario.yaml", line: 3, column: "horizon", "horizon 2020 is not after base_year 2024")
    }

    @Test("an impossible base year")
    func impossibleYear() throws {
        var f = ScenarioFixture.valid
        f.replace("scenario.yaml", "base_year: 2024", "base_year: 20024")
        try expectError(f, file: "scenario.yaml", line: 2, column: "base_year", "must be between 1950 and 2100")
    }

    @Test("duplicate ids and duplicate rows")
    func duplicates() throws {
        var f = ScenarioFixture.valid
        f.replace("districts.csv", "D2,山乡,township\n", "D2,山乡,township\nD1,又一个,town\n")
        try expectError(f, file: "districts.csv", line: 4, column: "id", "duplicate district id D1 (first on line 2)")
        var g = ScenarioFixture.valid
        g.replace("population.csv", "D1,M,5,98\n", "D1,M,5,98\nD1,M,5,98\n")  // the copy is line 8
        try expectError(g, file: "population.csv", line: 8, column: "age", "given twice (first on line 7)")
    }

    @Test("non-numeric cells")
    func nonNumeric() throws {
        var f = ScenarioFixture.valid
        f.replace("population.csv", "D1,M,9,96", "D1,M,9,九十六")  // line 11
        try expectError(f, file: "population.csv", line: 11, column: "population", "\"九十六\" is not a number")
        var g = ScenarioFixture.valid
        g.replace("scenario.yaml", "base_year: 2024", "base_year: next year")
        try expectError(g, file: "scenario.yaml", line: 2, column: "base_year", "is not a whole number")
    }

    @Test("missing ages in the population")
    func missingAge() throws {
        var f = ScenarioFixture.valid
        f.replace("population.csv", "D2,F,37,82\n", "")
        // At the row after the gap (age 38, now on line 342), where the sequence breaks.
        try expectError(f, file: "population.csv", line: 342, column: "age", "area D2, sex F: age groups must cover every age from 0 once; the problem starts at age 37")
    }

    @Test("a bad sex code, a bad district kind, a bad age label")
    func badCodes() throws {
        var f = ScenarioFixture.valid
        f.replace("population.csv", "D1,M,4,98", "D1,X,4,98")  // line 6
        try expectError(f, file: "population.csv", line: 6, column: "sex", "\"X\" is not a sex")
        var g = ScenarioFixture.valid
        g.replace("districts.csv", "township", "village")
        try expectError(g, file: "districts.csv", line: 3, column: "kind", "\"village\" is not a district kind")
        var h = ScenarioFixture.valid
        h.replace("population.csv", "D1,M,4,98", "D1,M,four,98")
        try expectError(h, file: "population.csv", line: 6, column: "age", "\"four\" is not an age")
    }

    @Test("YAML that does not parse names its line")
    func brokenYAML() throws {
        var f = ScenarioFixture.valid
        f.replace("scenario.yaml", "horizon: 2040", "horizon: [2040")
        let load = ScenarioLoader.load(folder: try f.write())
        #expect(load.scenario == nil)
        #expect(load.errors.first?.file == "scenario.yaml" && load.errors.first?.message.contains("not valid YAML") == true)
        #expect(load.errors.first?.line != nil)
    }

    @Test("every problem is reported, not only the first")
    func allProblems() throws {
        var f = ScenarioFixture.valid
        f.replace("population.csv", "D1,F,3,99", "D1,F,3,-4")
        f.replace("population.csv", "D1,M,9,96", "D1,M,9,abc")
        f.replace("fertility.csv", "20,0.045", "20,1.5")
        f.replace("scenario.yaml", "horizon: 2040", "horizon: 2020")
        f.replace("districts.csv", "D2,山乡,township", "D2,山乡,hamlet")
        let load = ScenarioLoader.load(folder: try f.write())
        let files = Set(load.errors.map(\.file))
        #expect(files == ["population.csv", "fertility.csv", "scenario.yaml", "districts.csv"])
        #expect(load.errors.count >= 5)
    }

    @Test("an unknown key is a warning naming its line, not an error")
    func unknownKey() throws {
        var f = ScenarioFixture.valid
        f.files["scenario.yaml"] = (f.files["scenario.yaml"] ?? "") + "\nhorizen: 2050\n"
        let load = ScenarioLoader.load(folder: try f.write())
        #expect(load.scenario != nil)
        #expect(load.diagnostics.contains { $0.severity == .warning && $0.line == 10 && $0.message.contains("unknown key \"horizen\"") })
    }

    @Test("a million problems of one kind print ten and a count: 5,000 unknown keys, 6,000 duplicate rows")
    func cappedPerKind() throws {
        var f = ScenarioFixture.valid
        f.files["scenario.yaml"] = ScenarioFixture.minimalYAML + "\n" + (1...5000).map { "extra_\($0): 1" }.joined(separator: "\n") + "\n"
        let rows = f.files["population.csv"] ?? ""
        f.files["population.csv"] = rows + String(repeating: "D1,M,4,98\n", count: 6000)
        let load = ScenarioLoader.load(folder: try f.write())
        #expect(load.scenario == nil)
        let unknown = load.diagnostics.filter { $0.severity == .warning && $0.message.hasPrefix("unknown key") }
        #expect(unknown.count == 10)
        #expect(load.diagnostics.contains { $0.severity == .warning && $0.message.hasPrefix("… and 4,990 more like this: unknown key \"…\" is ignored") })
        let twice = load.errors.filter { $0.message.contains("is given twice") && !$0.message.hasPrefix("…") }
        #expect(twice.count == 10 && twice.first?.line == 406)  // the first duplicate: after the header and 404 rows
        #expect(load.errors.contains { $0.message.hasPrefix("… and 5,990 more like this: area D#, sex M, age # is given twice") })
        #expect(load.diagnostics.count < 40)
    }

    @Test("problems are typed: a number that is not one is the same problem in a table and in scenario.yaml, each at its location")
    func typedProblems() throws {
        var f = ScenarioFixture.valid
        f.replace("population.csv", "D1,M,9,96", "D1,M,9,x")  // line 11
        f.replace("scenario.yaml", "sex_ratio_at_birth: 1.12", "sex_ratio_at_birth: y")
        let load = ScenarioLoader.load(folder: try f.write())
        let problems = load.errors.map(\.problem)
        #expect(problems.contains(.notANumber(text: "x", what: "a population count")))
        #expect(problems.contains(.notANumber(text: "y", what: "the sex ratio at birth (males per female birth)")))
        let csv = try #require(load.errors.first { $0.problem == .notANumber(text: "x", what: "a population count") })
        #expect(csv.location == Location("population.csv", line: 11, column: "population"))
        #expect(csv.message == "\"x\" is not a number (a population count)")
        let yaml = try #require(load.errors.first { $0.file == "scenario.yaml" })
        #expect(yaml.location == Location("scenario.yaml", line: 4, column: "sex_ratio_at_birth"))
        #expect(yaml.message == "\"y\" is not a number (the sex ratio at birth (males per female birth))")
    }
}
