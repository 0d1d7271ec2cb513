import Demography
import Foundation
import ScenarioIO
import ScenarioModel
import Testing

/// Loads `f` and expects no scenario and an error at (file, line, column) whose message contains `text`.
func expectError(_ f: ScenarioFixture, file: String, line: Int?, column: String?, _ text: String,
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
    let load = ScenarioLoader.load(folder: try f.write())
    #expect(load.scenario == nil, sourceLocation: sourceLocation)
    #expect(load.errors.contains { $0.file == file && $0.line == line && $0.column == column && $0.message.contains(text) },
            "\(load.errors.map(\.description))", sourceLocation: sourceLocation)
}

@Suite("ScenarioLoader: schools and the school settings")
struct SchoolingInputTests {
    static let enrollmentBlock = """

        enrollment:
          method: rates
          rates:
            kindergarten: {2024: 0.88, 2027: 0.92}
            primary: 1.0
            junior: 1.0
            senior: {2024: 0.90, 2030: 0.95}
        class_size: {kindergarten: 30, primary: 45, junior: 50, senior: 50}
        """

    static let schools = """
        id,name,district,community,kind,grades,classrooms,lat,lon,boarding_beds,public,classrooms_primary,classrooms_junior
        S1,城关一小,D1,,primary,1-6,24,23.00,102.40,,1,,
        S2,山乡九年一贯制学校,D2,,nine_year,1-9,18,23.10,102.50,200,是,12,6
        S3,城关幼儿园,D1,,kindergarten,K1-K3,9,23.00,102.41,,0,,
        S4,县一中,D1,,senior,10-12,30,23.01,102.40,900,1,,

        """

    private func fixture(_ extraYAML: String = enrollmentBlock, schools: String = schools) -> ScenarioFixture {
        var f = ScenarioFixture.valid
        f.files["scenario.yaml"] = ScenarioFixture.minimalYAML + "\n  schools: schools.csv" + extraYAML
        f.files["schools.csv"] = schools
        return f
    }

    @Test("the enrollment block of the issue is accepted as written")
    func enrollmentBlock() throws {
        let load = ScenarioLoader.load(folder: try fixture().write())
        #expect(load.errors.isEmpty, "\(load.errors)")
        let schooling = try #require(load.scenario?.schooling)
        guard case .rates(let rates) = schooling.method else { Issue.record("not rates"); return }
        // {2024: 0.88, 2027: 0.92}: 0.8933… in 2025, held at 0.92 after 2027.
        let kindergarten = rates.kindergarten.resolved(observed: nil)
        #expect(abs(kindergarten.value(in: 2025) - (0.88 + 0.04 / 3)) < 1e-12)
        #expect(kindergarten.value(in: 2035) == 0.92)
        #expect(rates.primary.resolved(observed: nil).value(in: 2030) == 1 && rates.senior.resolved(observed: nil).value(in: 2027) == 0.925)
        // class_size: kindergarten 30 for all three grades; primary 45; teaching points keep 30.
        #expect(schooling.classSizes.standard[Slot(.kindergarten, .k1).index] == 30)
        #expect(schooling.classSizes.standard[Slot(.junior, Grade(number: 8)).index] == 50)
        // Classrooms: S2 gives its split; S1 is one stage.
        #expect(schooling.schools[1].classrooms == [.primary: 12, .junior: 6])
        #expect(schooling.schools[1].isPublic && !schooling.schools[2].isPublic)
        #expect(schooling.schools[3].slots.map(\.stage) == [.senior, .senior, .senior])
        // Calendar default: cut-off 31 August, population counted on 1 November: φ = 62/365.
        #expect(abs(schooling.calendar.shiftToNextAge - 62.0 / 365) < 1e-12)
    }

    @Test("school settings and targets are read")
    func settingsAndTargets() throws {
        let yaml = Self.enrollmentBlock + """

            school_calendar: {cutoff: "08-31", population_date: "12-31", primary_entry_age: 6}
            travel: {detour_factor: 1.5, speed_kmh: 12}
            warnings: {yellow: 0.85}
            school_size_ceiling: {primary: 1800}
            targets:
              preschool_gross_enrollment: {2024: 0.92}
              big_class_share: 0.05
              concentration:
                - {grades: 4-6, where: [town, admin_village], share: 0.9}
            """
        let load = ScenarioLoader.load(folder: try fixture(yaml).write())
        #expect(load.errors.isEmpty, "\(load.errors)")
        let s = try #require(load.scenario?.schooling)
        #expect(abs(s.calendar.shiftToNextAge - 122.0 / 365) < 1e-12)  // 31 Aug → 31 Dec
        #expect(s.travel.detourFactor == 1.5 && s.travel.speedKmh == 12)
        #expect(s.warnings.yellow == 0.85 && s.sizeCeilings[.primary] == 1800)
        #expect(s.targets.preschoolGrossEnrollment?.value(in: 2030) == 0.92)
        #expect(s.targets.concentration.first?.grades == (4...6).map { Grade(number: $0) })
        #expect(s.targets.concentration.first?.places == ["town", "admin_village"])
    }

    @Test("duplicate schools, unknown districts, kinds that cannot teach their grades, bad splits")
    func badSchools() throws {
        try expectError(fixture(schools: Self.schools + "S1,又一所,D1,,primary,1-6,6,23,102,,1,,\n"),
                        file: "schools.csv", line: 6, column: "id", "duplicate school id S1 (first on line 2)")
        try expectError(fixture(schools: Self.schools.replacingOccurrences(of: "S4,县一中,D1", with: "S4,县一中,D7")),
                        file: "schools.csv", line: 5, column: "district", "unknown district id D7")
        try expectError(fixture(schools: Self.schools.replacingOccurrences(of: "kindergarten,K1-K3", with: "kindergarten,K1-K3;1-2")),
                        file: "schools.csv", line: 4, column: "grades", "a kindergarten teaches K1–K3 only")
        try expectError(fixture(schools: Self.schools.replacingOccurrences(of: "nine_year,1-9,18", with: "nine_year,1-9,20")),
                        file: "schools.csv", line: 3, column: "classrooms", "differs from the sum")
        try expectError(fixture(schools: Self.schools.replacingOccurrences(of: "primary,1-6,24", with: "primary,1-13,24")),
                        file: "schools.csv", line: 2, column: "grades", "is not a grade range")
    }

    @Test("pupils by grade and building areas are read; pupils in a grade not taught or a grade left out are refused")
    func pupilsByGrade() throws {
        let table = "id,name,district,community,kind,grades,classrooms,lat,lon,pupils_1,pupils_2,pupils_3,pupils_4,pupils_5,pupils_6,pupils_k1,floor_area_m2\n"
            + "S1,城关一小,D1,,primary,1-6,24,23.00,102.40,45,47,40,41,44,43,,5200\n"
        let load = ScenarioLoader.load(folder: try fixture(schools: table).write())
        let school = try #require(load.scenario?.schooling?.schools.first)
        #expect(school.observed?.pupils == [1: 45, 2: 47, 3: 40, 4: 41, 5: 44, 6: 43].reduce(into: [:]) { $0[Grade(number: $1.key)] = $1.value })
        #expect(school.currentPupils == 260 && school.floorArea == 5200)
        try expectError(fixture(schools: table.replacingOccurrences(of: "44,43,,5200", with: "44,43,30,5200")),
                        file: "schools.csv", line: 2, column: "pupils_k1", "does not teach")
        try expectError(fixture(schools: table.replacingOccurrences(of: "45,47,40,41,44,43", with: "45,47,40,41,44,")),
                        file: "schools.csv", line: 2, column: "pupils_6", "gives no pupils for grade 6")
    }

    @Test("catchments, travel times and history name known schools that teach the stage")
    func badSideTables() throws {
        var f = fixture()
        f.files["scenario.yaml"] = (f.files["scenario.yaml"] ?? "").replacingOccurrences(
            of: "  schools: schools.csv", with: "  schools: schools.csv\n  catchments: catchments.csv\n  travel_times: travel_times.csv")
        f.files["catchments.csv"] = "community,stage,school\nD2,junior,S1\n"
        f.files["travel_times.csv"] = "from,to,minutes\nD2,S9,40\n"
        let load = ScenarioLoader.load(folder: try f.write())
        #expect(load.errors.contains { $0.file == "catchments.csv" && $0.line == 2 && $0.column == "school" && $0.message.contains("does not teach the junior stage") })
        #expect(load.errors.contains { $0.file == "travel_times.csv" && $0.line == 2 && $0.column == "to" && $0.message.contains("unknown school id S9") })
    }

    @Test("grade progression needs at least three years of history per school")
    func shortHistory() throws {
        var f = fixture("\nenrollment:\n  method: grade_progression\n")
        f.files["scenario.yaml"] = (f.files["scenario.yaml"] ?? "").replacingOccurrences(
            of: "  schools: schools.csv", with: "  schools: schools.csv\n  enrollment_history: history.csv")
        f.files["history.csv"] = "school,year,grade,pupils\nS1,2023,1,40\nS1,2024,1,42\nS1,2024,2,41\n"
        try expectError(f, file: "history.csv", line: 2, column: "year", "school S1 has 2 years of history")
        f.files["history.csv"] = "school,year,grade,pupils\nS1,2022,7,40\n"
        try expectError(f, file: "history.csv", line: 2, column: "grade", "does not teach grade 7")
    }

    @Test("school keys without a schools table are warnings")
    func keysWithoutSchools() throws {
        var f = ScenarioFixture.valid
        f.files["scenario.yaml"] = ScenarioFixture.minimalYAML + Self.enrollmentBlock
        let load = ScenarioLoader.load(folder: try f.write())
        #expect(load.scenario != nil && load.scenario?.schooling == nil)
        #expect(load.diagnostics.contains { $0.severity == .warning && $0.column == "enrollment" })
    }
}

@Suite("ScenarioLoader: the base year's statistics")
struct ObservedInputTests {
    /// S1 (primary, 12 classrooms) and K1 (kindergarten, 6) with pupils and classes by grade.
    static let header = "id,name,district,community,kind,grades,classrooms,lat,lon,"
        + "pupils_k1,pupils_k2,pupils_k3,pupils_1,pupils_2,pupils_3,pupils_4,pupils_5,pupils_6,"
        + "classes_k1,classes_k2,classes_k3,classes_1,classes_2,classes_3,classes_4,classes_5,classes_6,big_classes_primary\n"
    static func row(_ fields: [String]) -> String { fields.joined(separator: ",") + "\n" }
    static let empty6 = [String](repeating: "", count: 6), empty3 = [String](repeating: "", count: 3)
    static let schools = header
        + row(["S1", "城关一小", "D1", "", "primary", "1-6", "12", "23.00", "102.40"] + empty3 + ["90", "92", "88", "95", "91", "93"]
              + empty3 + ["2", "2", "2", "2", "2", "2"] + [""])
        + row(["K1", "城关幼儿园", "D1", "", "kindergarten", "K1-K3", "6", "23.00", "102.41", "50", "58", "66"] + empty6
              + ["2", "2", "2"] + empty6 + [""])

    private func fixture(schools: String = ObservedInputTests.schools, yaml: String = "", extra: [String: String] = [:]) -> ScenarioFixture {
        var f = ScenarioFixture.valid
        f.files["scenario.yaml"] = ScenarioFixture.minimalYAML + "\n  schools: schools.csv" + yaml
        f.files["schools.csv"] = schools
        for (k, v) in extra { f.files[k] = v }
        return f
    }

    @Test("pupils and classes by grade are read as the observed base year")
    func read() throws {
        let load = ScenarioLoader.load(folder: try fixture().write())
        #expect(load.errors.isEmpty, "\(load.errors)")
        let schooling = try #require(load.scenario?.schooling)
        #expect(schooling.hasObservedBaseYear)
        let s1 = try #require(schooling.schools.first?.observed)
        #expect(s1.total == 549 && s1.classes[.primary] == .byGrade(Dictionary(uniqueKeysWithValues: (1...6).map { (Grade(number: $0), 2) })))
    }

    @Test("inconsistent statistics are refused with file, line and column")
    func inconsistent() throws {
        // Pupils without classes.
        try expectError(fixture(schools: Self.schools.replacingOccurrences(of: "90,92,88,95,91,93,,,,2,2", with: "90,92,88,95,91,93,,,,0,2")),
                        file: "schools.csv", line: 2, column: "classes_1", "90 pupils in grade 1 but 0 classes")
        // More than 100 a class.
        try expectError(fixture(schools: Self.schools.replacingOccurrences(of: "90,92,88,95,91,93,,,,2,2", with: "290,92,88,95,91,93,,,,2,2")),
                        file: "schools.csv", line: 2, column: "classes_1", "more than 100 a class")
        // A grade left out.
        try expectError(fixture(schools: Self.schools.replacingOccurrences(of: "90,92,88,95,91,93", with: "90,92,88,95,91,")),
                        file: "schools.csv", line: 2, column: "pupils_6", "gives no pupils for grade 6")
        // Big classes the pupils cannot fill: 11 classes of 56+ need 616 pupils; S1 has 549.
        try expectError(fixture(schools: Self.schools.replacingOccurrences(of: ",,,2,2,2,2,2,2,\n", with: ",,,2,2,2,2,2,2,11\n")),
                        file: "schools.csv", line: 2, column: "big_classes_primary", "11 classes of 56 or more need at least 616 pupils")
        // No big class although the classes average more than 55: 549 pupils in 6 classes.
        try expectError(fixture(schools: Self.schools.replacingOccurrences(of: ",,,2,2,2,2,2,2,\n", with: ",,,1,1,1,1,1,1,0\n")),
                        file: "schools.csv", line: 2, column: "big_classes_primary", "some class has 56 or more")
    }

    @Test("kindergarten classes are judged grade by grade against their own bands, which follow the norms")
    func kindergartenBands() throws {
        // 25, 30 and 40 children in one class each: no class reaches its band (31, 36, 41), though the
        // stage averages 31.7 — more than the strictest band allows — so "0 big classes" stands.
        let header = "id,name,district,community,kind,grades,classrooms,lat,lon,pupils_k1,pupils_k2,pupils_k3,classes_k1,classes_k2,classes_k3,big_classes_kindergarten\n"
        let fine = ScenarioLoader.load(folder: try fixture(schools: header + "K1,园,D1,,kindergarten,K1-K3,3,23.0,102.4,25,30,40,1,1,1,0\n").write())
        #expect(fine.errors.isEmpty, "\(fine.errors)")
        // 45 in the K3 class averages more than 40: some class has 41 or more.
        try expectError(fixture(schools: header + "K1,园,D1,,kindergarten,K1-K3,3,23.0,102.4,25,30,45,1,1,1,0\n"),
                        file: "schools.csv", line: 2, column: "big_classes_kindergarten", "some class has 41 or more")
        // Norms of 30 for every kindergarten grade move the bands to 36 and 41.
        let norms = ScenarioLoader.load(folder: try fixture(yaml: "\nclass_size: {kindergarten: 30}\n").write())
        let sizes = try #require(norms.scenario?.schooling?.classSizes)
        #expect(sizes.bands(Slot(.kindergarten, .k1)) == ClassBands(big: 36, superBig: 41))
        #expect(sizes.bands(Slot(.primary, Grade(number: 1))) == ClassBands(big: 56, superBig: 66))
    }

    @Test("observed anchors a rate path at the base year and needs the statistics")
    func observedKeyword() throws {
        let yaml = "\nenrollment:\n  rates:\n    kindergarten: {2024: observed, 2027: 0.92}\n"
        let load = ScenarioLoader.load(folder: try fixture(yaml: yaml).write())
        #expect(load.errors.isEmpty, "\(load.errors)")
        guard case .rates(let rates) = load.scenario?.schooling?.method else { Issue.record("not rates"); return }
        #expect(rates.kindergarten.observedYear == 2024)
        // From an observed 0.86 in 2024 to 0.92 in 2027: 0.88 in 2025.
        #expect(abs(rates.kindergarten.resolved(observed: 0.86).value(in: 2025) - 0.88) < 1e-12)
        try expectError(fixture(yaml: yaml.replacingOccurrences(of: "2024: observed", with: "2025: observed")),
                        file: "scenario.yaml", line: 13, column: "enrollment.rates.kindergarten", "observed stands for the base year 2024, not 2025")
        try expectError(fixture(yaml: yaml.replacingOccurrences(of: "2027: 0.92", with: "2020: 0.92")),
                        file: "scenario.yaml", line: 13, column: "enrollment.rates.kindergarten", "every other year of the path must come after it")
        try expectError(fixture(schools: SchoolingInputTests.schools, yaml: yaml),
                        file: "scenario.yaml", line: 13, column: "enrollment.rates.kindergarten", "observed needs the base year's pupils by grade")
    }

    @Test("attendance rows add up to each school's pupils; out-of-county students by stage")
    func attendanceAndOutOfCounty() throws {
        let tables = "\n  attendance: attendance.csv\n  out_of_county: out_of_county.csv"
        let attendance = "community,school,stage,pupils\nD1,S1,primary,500\nD2,S1,primary,49\nD1,K1,kindergarten,174\n"
        let good = fixture(yaml: tables, extra: ["attendance.csv": attendance, "out_of_county.csv": "stage,year,pupils\nsenior,2024,30\nsenior,2030,20\n"])
        let load = ScenarioLoader.load(folder: try good.write())
        #expect(load.errors.isEmpty, "\(load.errors)")
        let schooling = try #require(load.scenario?.schooling)
        #expect(schooling.attendance.count == 3 && schooling.outOfCounty(.senior, in: 2027) == 25)
        try expectError(fixture(yaml: tables, extra: ["attendance.csv": attendance.replacingOccurrences(of: ",49", with: ",40"),
                                                      "out_of_county.csv": "stage,pupils\nsenior,30\n"]),
                        file: "attendance.csv", line: 2, column: "pupils", "school S1's primary rows add up to 540 pupils; schools.csv gives 549")
        try expectError(fixture(yaml: tables, extra: ["attendance.csv": attendance, "out_of_county.csv": "stage,year,pupils\nsenior,,30\nsenior,2030,20\n"]),
                        file: "out_of_county.csv", line: 3, column: "year", "either for every year (no year) or by year")
    }
}
