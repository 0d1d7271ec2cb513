import Foundation
import ScenarioIO
import ScenarioModel
import Testing

/// Every kind of malformed input, one change to the default county at a time, tried the way SQLite
/// tests bad input: each must stop the load (or the plan) with one error, at the file, line and
/// column of the change. The table of kinds and messages is `docs/bad-input.md`, written from these
/// cases (`SEATPLAN_WRITE_DOCS=1 swift test --filter BadInputCatalogue` rewrites it).
@Suite("Bad input, every kind, on the default county")
struct BadInputCatalogue {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let county = root.appendingPathComponent("Scenarios/yunling")

    /// One change to one file.
    enum Change {
        /// The first occurrence of a text replaced (the expected line is where it starts).
        case replace(String, String)
        /// One cell of a line set (line 1 is the header).
        case cell(line: Int, column: String, String)
        /// A line added at the end.
        case append(String)
        /// A line removed.
        case removeLine(Int)
        /// The file's bytes.
        case bytes(Data)
        /// The file removed.
        case remove
    }

    /// Where the error is expected: the line of the change, another line, or the whole file.
    enum Where {
        case change
        case line(Int)
        case wholeFile
    }

    struct Kind {
        let file: String
        let what: String
        let change: Change
        let at: Where
        let column: String?
        /// The file the error names, when not the one changed (a missing table is named in scenario.yaml).
        let reportedIn: String?

        init(file: String, what: String, change: Change, at: Where = .change, column: String?, reportedIn: String? = nil) {
            self.file = file
            self.what = what
            self.change = change
            self.at = at
            self.column = column
            self.reportedIn = reportedIn
        }
    }

    /// The kinds, file by file.
    static let kinds: [Kind] = [
        // scenario.yaml
        Kind(file: "scenario.yaml", what: "a YAML syntax error (an unclosed bracket)", change: .replace("horizon: 2040", "horizon: [2040"), at: .line(9), column: "10"),
        Kind(file: "scenario.yaml", what: "a key given twice", change: .replace("horizon: 2040", "horizon: 2040\nhorizon: 2050"), at: .line(10), column: "horizon"),
        Kind(file: "scenario.yaml", what: "the horizon before the base year", change: .replace("horizon: 2040", "horizon: 2020"), column: "horizon"),
        Kind(file: "scenario.yaml", what: "a horizon more than 100 years out", change: .replace("horizon: 2040", "horizon: 2150"), column: "horizon"),
        Kind(file: "scenario.yaml", what: "a base year that is not a number", change: .replace("base_year: 2024", "base_year: 2024x"), column: "base_year"),
        Kind(file: "scenario.yaml", what: "a sex ratio at birth of 2", change: .replace("{2020: 1.09, 2030: 1.06}", "{2020: 1.09, 2030: 2}"), column: "sex_ratio_at_birth.2030"),
        Kind(file: "scenario.yaml", what: "a TFR path year long before the base year", change: .replace("tables:\n", "fertility:\n  tfr: {1990: 1.6, 2030: 1.4}\ntables:\n"),
             at: .line(12), column: "fertility.tfr"),
        Kind(file: "scenario.yaml", what: "a TFR path year beyond any horizon", change: .replace("tables:\n", "fertility:\n  tfr: {2024: 1.6, 2150: 1.4}\ntables:\n"),
             at: .line(12), column: "fertility.tfr"),
        Kind(file: "scenario.yaml", what: "a negative TFR", change: .replace("tables:\n", "fertility:\n  tfr: -1\ntables:\n"), at: .line(12), column: "fertility.tfr"),
        Kind(file: "scenario.yaml", what: "a required table not named", change: .replace("  population: population.csv\n", ""), at: .line(12), column: "tables.population"),
        Kind(file: "scenario.yaml", what: "a table file that does not exist", change: .replace("fertility: fertility.csv", "fertility: fertilty.csv"), column: "tables.fertility"),
        Kind(file: "scenario.yaml", what: "a mortality improvement of 50% a year", change: .replace("improvement: 0.01", "improvement: 0.5"), column: "mortality.improvement"),
        Kind(file: "scenario.yaml", what: "a migration rate for an unknown area", change: .replace("    D09: -0.011\n", "    D99: -0.011\n"), column: "migration.net_rate.D99"),
        Kind(file: "scenario.yaml", what: "a migration rate of 50% a year", change: .replace("    D09: -0.011\n", "    D09: -0.5\n"), column: "migration.net_rate.D09"),
        Kind(file: "scenario.yaml", what: "an urbanization rate above 1", change: .replace("2040: 0.4}", "2040: 1.4}"), column: "urbanization.rate.2040"),
        Kind(file: "scenario.yaml", what: "an enrollment rate above 2 (gross rates may exceed 1)", change: .replace("kindergarten: {2024: observed, 2027: 0.93}", "kindergarten: {2024: observed, 2027: 2.93}"),
             column: "enrollment.rates.kindergarten.2027"),
        Kind(file: "scenario.yaml", what: "an unknown enrollment method", change: .replace("method: rates", "method: guess"), column: "enrollment.method"),
        Kind(file: "scenario.yaml", what: "a negative capital budget", change: .replace("budget: 500000000", "budget: -5"), column: "optimizer.budget"),
        Kind(file: "scenario.yaml", what: "optimizer.keep naming an unknown school", change: .replace("keep: [D01H1, D01V1]", "keep: [D01H1, D01X9]"), column: "optimizer.keep"),
        Kind(file: "scenario.yaml", what: "a committed build on an unknown site", change: .replace("  budget: 500000000", "  committed: [{name: 县第二幼儿园, build: C99, kind: kindergarten}]\n  budget: 500000000"),
             column: "optimizer.committed[0].build"),
        Kind(file: "scenario.yaml", what: "a committed build of a size not in optimizer.sizes", change: .replace("  budget: 500000000", "  committed: [{build: C01, kind: kindergarten, classes: 7}]\n  budget: 500000000"),
             column: "optimizer.committed[0].classes"),
        Kind(file: "scenario.yaml", what: "a committed expansion of a stage the school does not teach", change: .replace("  budget: 500000000", "  committed: [{expand: D01P1, stage: senior, classrooms: 4}]\n  budget: 500000000"),
             column: "optimizer.committed[0].stage"),
        Kind(file: "scenario.yaml", what: "required_new naming no kind of school", change: .replace("  budget: 500000000", "  required_new: {high_school: 1}\n  budget: 500000000"),
             column: "optimizer.required_new.high_school"),
        Kind(file: "scenario.yaml", what: "a lead time for no project", change: .replace("lead_years: {expand: 1,", "lead_years: {build: 2, expand: 1,"),
             column: "optimizer.lead_years.build"),
        Kind(file: "scenario.yaml", what: "optimizer.periods not increasing", change: .replace("  budget: 500000000", "  periods: [2026, 2031, 2028]\n  budget: 500000000"),
             column: "optimizer.periods"),
        Kind(file: "scenario.yaml", what: "optimizer.periods after the horizon", change: .replace("  budget: 500000000", "  periods: [2026, 2031, 2045]\n  budget: 500000000"),
             column: "optimizer.periods"),
        Kind(file: "scenario.yaml", what: "a negative number of temporary classrooms", change: .replace("  budget: 500000000", "  max_temporary_classrooms: -1\n  budget: 500000000"),
             column: "optimizer.max_temporary_classrooms"),
        Kind(file: "scenario.yaml", what: "optimizer.design_year outside the years", change: .replace("  budget: 500000000", "  design_year: 2050\n  budget: 500000000"),
             column: "optimizer.design_year"),
        Kind(file: "scenario.yaml", what: "a travel limit of 0 minutes", change: .replace("travel_limits: {kindergarten: 30", "travel_limits: {kindergarten: 0"), column: "optimizer.travel_limits.kindergarten"),
        Kind(file: "scenario.yaml", what: "a negative standard deviation", change: .replace("migration_scale: {distribution: normal, mean: 1, sd: 0.3}", "migration_scale: {distribution: normal, mean: 1, sd: -0.3}"),
             column: "uncertainty.migration_scale.sd"),
        Kind(file: "scenario.yaml", what: "a concentration target with an unknown place kind", change: .replace("where: [county_seat], share: 1.0", "where: [capital], share: 1.0"),
             column: "targets.concentration[0].where"),
        // districts.csv
        Kind(file: "districts.csv", what: "a district id given twice", change: .cell(line: 3, column: "id", "D01"), column: "id"),
        Kind(file: "districts.csv", what: "an unknown district kind", change: .cell(line: 3, column: "kind", "city"), column: "kind"),
        Kind(file: "districts.csv", what: "a required column missing", change: .replace("id,name,kind", "id,name,type"), at: .line(1), column: "kind"),
        Kind(file: "districts.csv", what: "an empty id", change: .cell(line: 10, column: "id", ""), column: "id"),
        // communities.csv
        Kind(file: "communities.csv", what: "a latitude out of range", change: .cell(line: 3, column: "lat", "123.0034"), column: "lat"),
        Kind(file: "communities.csv", what: "a community in an unknown district", change: .cell(line: 3, column: "district", "D99"), column: "district"),
        Kind(file: "communities.csv", what: "a community id given twice", change: .cell(line: 3, column: "id", "D0101"), column: "id"),
        Kind(file: "communities.csv", what: "an unknown community kind", change: .cell(line: 3, column: "kind", "city"), column: "kind"),
        // population.csv
        Kind(file: "population.csv", what: "a negative count", change: .cell(line: 209, column: "population", "-39"), column: "population"),
        Kind(file: "population.csv", what: "a count of 10²⁰", change: .cell(line: 209, column: "population", "1e20"), column: "population"),
        Kind(file: "population.csv", what: "a NUL byte inside a number", change: .cell(line: 209, column: "population", "3\u{0}9"), column: "population"),
        Kind(file: "population.csv", what: "text for a number", change: .cell(line: 209, column: "population", "thirty"), column: "population"),
        Kind(file: "population.csv", what: "a hexadecimal number", change: .cell(line: 209, column: "population", "0x27"), column: "population"),
        Kind(file: "population.csv", what: "an infinite count", change: .cell(line: 209, column: "population", "inf"), column: "population"),
        Kind(file: "population.csv", what: "an empty count", change: .cell(line: 209, column: "population", ""), column: "population"),
        Kind(file: "population.csv", what: "a row with an extra field", change: .replace("D0102,M,5,39\n", "D0102,M,5,39,40\n"), column: "field 5"),
        Kind(file: "population.csv", what: "an unknown area", change: .cell(line: 209, column: "area", "D0199"), column: "area"),
        Kind(file: "population.csv", what: "an unknown sex", change: .cell(line: 209, column: "sex", "X"), column: "sex"),
        Kind(file: "population.csv", what: "an age that is not an age", change: .cell(line: 209, column: "age", "five"), column: "age"),
        Kind(file: "population.csv", what: "an age given twice", change: .cell(line: 209, column: "age", "4"), column: "age"),
        Kind(file: "population.csv", what: "an age group overlapping single ages", change: .cell(line: 209, column: "age", "5-9"), at: .line(210), column: "age"),
        Kind(file: "population.csv", what: "an age missing", change: .removeLine(209), column: "age"),
        Kind(file: "population.csv", what: "a file that is not UTF-8 (GBK)", change: .bytes(Data([0x61, 0x72, 0x65, 0x61, 0x0A, 0xC4, 0xFA, 0xBA, 0xC3, 0x0A])), at: .wholeFile, column: nil),
        Kind(file: "population.csv", what: "an empty file", change: .bytes(Data()), at: .wholeFile, column: nil),
        Kind(file: "population.csv", what: "a missing file", change: .remove, at: .line(14), column: "tables.population", reportedIn: "scenario.yaml"),
        Kind(file: "population.csv", what: "an unclosed quote", change: .replace("D0102,M,5,39\n", "D0102,M,5,\"39\n"), column: "population"),
        // fertility.csv
        Kind(file: "fertility.csv", what: "a fertility rate above 1", change: .cell(line: 3, column: "asfr", "1.5"), column: "asfr"),
        Kind(file: "fertility.csv", what: "a negative fertility rate", change: .cell(line: 3, column: "asfr", "-0.07"), column: "asfr"),
        Kind(file: "fertility.csv", what: "an unknown district", change: .cell(line: 3, column: "district", "D99"), column: "district"),
        Kind(file: "fertility.csv", what: "an age group that is not one", change: .cell(line: 3, column: "age", "20-24x"), column: "age"),
        // mortality.csv
        Kind(file: "mortality.csv", what: "a negative death rate", change: .cell(line: 3, column: "mx", "-0.0005"), column: "mx"),
        Kind(file: "mortality.csv", what: "an unknown sex", change: .cell(line: 3, column: "sex", "U"), column: "sex"),
        Kind(file: "mortality.csv", what: "a death rate of 10¹⁶", change: .cell(line: 3, column: "mx", "1e16"), column: "mx"),
        // housing.csv
        Kind(file: "housing.csv", what: "20 persons per household", change: .cell(line: 2, column: "persons_per_household", "20"), column: "persons_per_household"),
        Kind(file: "housing.csv", what: "an estate in an unknown area", change: .cell(line: 2, column: "area", "D0999"), column: "area"),
        Kind(file: "housing.csv", what: "a year that is not a year", change: .cell(line: 2, column: "year", "next"), column: "year"),
        Kind(file: "housing.csv", what: "negative households", change: .cell(line: 2, column: "households", "-800"), column: "households"),
        Kind(file: "housing.csv", what: "movers from an unknown district", change: .cell(line: 2, column: "from", "D99"), column: "from"),
        // schools.csv
        Kind(file: "schools.csv", what: "an unknown school kind", change: .cell(line: 7, column: "kind", "college"), column: "kind"),
        Kind(file: "schools.csv", what: "grades beyond 12", change: .cell(line: 7, column: "grades", "1-13"), column: "grades"),
        Kind(file: "schools.csv", what: "negative classrooms", change: .cell(line: 7, column: "classrooms", "-36"), column: "classrooms"),
        Kind(file: "schools.csv", what: "pupils in a grade the school does not teach", change: .cell(line: 7, column: "pupils_7", "40"), column: "pupils_7"),
        Kind(file: "schools.csv", what: "no classes for pupils on record", change: .cell(line: 7, column: "classes_1", "0"), column: "classes_1"),
        Kind(file: "schools.csv", what: "more than 100 pupils a class", change: .cell(line: 7, column: "pupils_1", "650"), column: "classes_1"),
        Kind(file: "schools.csv", what: "10¹⁹ pupils in a grade", change: .cell(line: 7, column: "pupils_1", "1e19"), column: "pupils_1"),
        Kind(file: "schools.csv", what: "a school id given twice", change: .cell(line: 7, column: "id", "D01K1"), column: "id"),
        Kind(file: "schools.csv", what: "a school in an unknown district", change: .cell(line: 7, column: "district", "D99"), column: "district"),
        Kind(file: "schools.csv", what: "a school in a community of another district", change: .cell(line: 7, column: "community", "D0203"), column: "community"),
        Kind(file: "schools.csv", what: "a longitude out of range", change: .cell(line: 7, column: "lon", "302.39"), column: "lon"),
        Kind(file: "schools.csv", what: "a public flag that is neither yes nor no", change: .cell(line: 7, column: "public", "maybe"), column: "public"),
        // catchments.csv
        Kind(file: "catchments.csv", what: "a catchment to an unknown school", change: .cell(line: 2, column: "school", "D01P9"), column: "school"),
        Kind(file: "catchments.csv", what: "an unknown stage", change: .cell(line: 2, column: "stage", "college"), column: "stage"),
        Kind(file: "catchments.csv", what: "a catchment to a school of another stage", change: .cell(line: 2, column: "school", "D01K1"), column: "school"),
        // enrollment_history.csv
        Kind(file: "enrollment_history.csv", what: "a year after the base year", change: .cell(line: 2, column: "year", "2030"), column: "year"),
        Kind(file: "enrollment_history.csv", what: "a grade the school does not teach", change: .cell(line: 2, column: "grade", "9"), column: "grade"),
        Kind(file: "enrollment_history.csv", what: "a school, year and grade given twice", change: .append("D01P1,2016,1,290"), at: .line(442), column: "grade"),
        // out_of_county.csv
        Kind(file: "out_of_county.csv", what: "an unknown stage", change: .cell(line: 2, column: "stage", "college"), column: "stage"),
        Kind(file: "out_of_county.csv", what: "negative pupils", change: .cell(line: 2, column: "pupils", "-492"), column: "pupils"),
        // candidate_sites.csv
        Kind(file: "candidate_sites.csv", what: "an unknown kind allowed", change: .cell(line: 12, column: "allowed_kinds", "kindergarten;college"), column: "allowed_kinds"),
        Kind(file: "candidate_sites.csv", what: "a latitude out of range", change: .cell(line: 12, column: "lat", "-122.7491"), column: "lat"),
        Kind(file: "candidate_sites.csv", what: "a negative land cost", change: .cell(line: 12, column: "land_cost", "-200000"), column: "land_cost"),
        Kind(file: "candidate_sites.csv", what: "a site in an unknown district", change: .cell(line: 12, column: "district", "D99"), column: "district"),
    ]

    /// A plan's kinds: the plan's text (actions from line 3) and the expected line and key.
    struct PlanKind {
        let what: String
        let actions: [String]
        let line: Int?
        let column: String?
    }

    static let planKinds: [PlanKind] = [
        PlanKind(what: "a merge into a school already closed", actions: ["{year: 2025, action: close, school: D02P2}",
                                                                         "{year: 2026, action: merge_into, school: D02P3, into: D02P2}"], line: 4, column: "actions[1].into"),
        PlanKind(what: "a merge of a school into itself", actions: ["{year: 2026, action: merge_into, school: D01P4, into: D01P4}"], line: 3, column: "actions[0].into"),
        PlanKind(what: "a merge into a school built later", actions: ["{year: 2026, action: merge_into, school: D01P4, into: N1}",
                                                                      "{year: 2027, action: build, id: N1, name: 城北新校, site: C01, kind: primary, grades: 1-6, classrooms: 12}"],
                 line: 3, column: "actions[0].into"),
        PlanKind(what: "a merge into a school closing the same year", actions: ["{year: 2026, action: merge_into, school: D01P4, into: D02P2}",
                                                                                "{year: 2026, action: close, school: D02P2}"], line: 3, column: "actions[0].into"),
        PlanKind(what: "two builds on one site", actions: ["{year: 2026, action: build, id: N1, name: 新高中, site: C10, kind: senior, grades: 10-12, classrooms: 24}",
                                                           "{year: 2027, action: build, id: N2, name: 新职中, site: C10, kind: vocational, grades: 10-12, classrooms: 18}"],
                 line: 4, column: "actions[1].site"),
        PlanKind(what: "a senior school on a kindergarten-only site", actions: ["{year: 2026, action: build, id: N1, name: 新高中, site: C11, kind: senior, grades: 10-12, classrooms: 24}"],
                 line: 3, column: "actions[0].kind"),
        PlanKind(what: "an action before the base year", actions: ["{year: 2020, action: expand, school: D01P1, stage: primary, classrooms: 2}"], line: 3, column: "actions[0].year"),
        PlanKind(what: "an action after the horizon", actions: ["{year: 2045, action: expand, school: D01P1, stage: primary, classrooms: 2}"], line: 3, column: "actions[0].year"),
        PlanKind(what: "expanding a closed school", actions: ["{year: 2025, action: close, school: D02P2}",
                                                             "{year: 2027, action: expand, school: D02P2, stage: primary, classrooms: 2}"], line: 4, column: "actions[1].school"),
        PlanKind(what: "expanding a stage the school does not teach", actions: ["{year: 2026, action: expand, school: D01P1, stage: senior, classrooms: 2}"],
                 line: 3, column: "actions[0].stage"),
        PlanKind(what: "keeping grades the school does not teach", actions: ["{year: 2026, action: restrict_grades, school: D01P1, grades: 7-9}"],
                 line: 3, column: "actions[0].grades"),
        PlanKind(what: "a conversion into no kind of school", actions: ["{year: 2026, action: convert, school: D02P2, kind: creche, grades: K1-K3, classrooms: 6}"],
                 line: 3, column: "actions[0].kind"),
        PlanKind(what: "a conversion into a kindergarten teaching grades 1-3", actions: ["{year: 2026, action: convert, school: D02P2, kind: kindergarten, grades: 1-3, classrooms: 3}"],
                 line: 3, column: "actions[0].grades"),
        PlanKind(what: "a conversion without its classrooms", actions: ["{year: 2026, action: convert, school: D02P2, kind: kindergarten, grades: K1-K3}"],
                 line: 3, column: "actions[0].classrooms"),
        PlanKind(what: "an unknown action", actions: ["{year: 2026, action: demolish, school: D01P1}"], line: 3, column: "actions[0].action"),
        PlanKind(what: "an unknown school", actions: ["{year: 2026, action: close, school: D01P9}"], line: 3, column: "actions[0].school"),
        PlanKind(what: "a build with an id already used", actions: ["{year: 2026, action: build, id: D01P1, name: 新校, site: C01, kind: primary, grades: 1-6, classrooms: 12}"],
                 line: 3, column: "actions[0].id"),
        PlanKind(what: "an action without a year", actions: ["{action: close, school: D01P4}"], line: 3, column: "actions[0].year"),
        PlanKind(what: "a YAML syntax error", actions: ["{year: 2026, action: close, school: D01P4"], line: 3, column: "5"),
        PlanKind(what: "a key given twice", actions: ["{year: 2026, year: 2027, action: close, school: D01P4}"], line: 3, column: "year"),
        PlanKind(what: "a catchment to a closed school", actions: ["{year: 2025, action: close, school: D02P2}"], line: 5, column: "catchments[0].school"),
    ]

    /// The text of a file with the change applied, and the line of the change.
    static func apply(_ change: Change, to text: String) -> (text: String?, line: Int?) {
        var lines = text.components(separatedBy: "\n")
        switch change {
        case let .replace(old, new):
            guard let r = text.range(of: old) else { return (text, nil) }
            return (text.replacingCharacters(in: r, with: new), text[..<r.lowerBound].filter { $0 == "\n" }.count + 1)
        case let .cell(line, column, value):
            let header = lines[0].components(separatedBy: ",")
            guard let c = header.firstIndex(of: column) else { return (text, nil) }
            var fields = lines[line - 1].components(separatedBy: ",")
            while fields.count <= c { fields.append("") }
            fields[c] = value
            lines[line - 1] = fields.joined(separator: ",")
            return (lines.joined(separator: "\n"), line)
        case .append(let row):
            let body = text.hasSuffix("\n") ? text : text + "\n"
            return (body + row + "\n", body.filter { $0 == "\n" }.count + 1)
        case .removeLine(let line):
            lines.remove(at: line - 1)
            return (lines.joined(separator: "\n"), line)
        case .bytes, .remove:
            return (nil, nil)
        }
    }

    /// A copy of the default county with one file changed.
    static func county(changing file: String, _ change: Change) throws -> URL {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("seatplan-bad-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: county.path) where name.hasSuffix(".csv") || name.hasSuffix(".yaml") {
            try fm.copyItem(at: county.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let target = folder.appendingPathComponent(file)
        switch change {
        case .remove:
            try fm.removeItem(at: target)
        case .bytes(let data):
            try data.write(to: target)
        default:
            let text = try String(contentsOf: target, encoding: .utf8)
            guard let changed = apply(change, to: text).text else { return folder }
            try Data(changed.utf8).write(to: target)
        }
        return folder
    }

    struct Outcome {
        let file: String
        var reportedIn: String?
        let what: String
        /// The copy's folder, written as SCENARIO in the table (messages that give a path).
        var folder = ""
        let errors: [Diagnostic]
        let expected: (line: Int?, column: String?)
        var located: Bool { errors.count == 1 && errors[0].file == (reportedIn ?? file) && errors[0].line == expected.line && errors[0].column == expected.column }
    }

    static func outcomes() throws -> [Outcome] {
        var out: [Outcome] = []
        for kind in kinds {
            let folder = try county(changing: kind.file, kind.change)
            let original = try? String(contentsOf: county.appendingPathComponent(kind.file), encoding: .utf8)
            let derived = original.flatMap { apply(kind.change, to: $0).line }
            let line: Int?
            switch kind.at {
            case .change: line = derived
            case .line(let n): line = n
            case .wholeFile: line = nil
            }
            let load = ScenarioLoader.load(folder: folder)
            let errors = load.scenario == nil ? load.errors : []
            out.append(Outcome(file: kind.file, reportedIn: kind.reportedIn, what: kind.what, folder: folder.path, errors: errors, expected: (line, kind.column)))
            try? FileManager.default.removeItem(at: folder)
        }
        guard let scenario = ScenarioLoader.load(folder: county).scenario else { return out }
        for kind in planKinds {
            var text = "name: bad plan\nactions:\n" + kind.actions.map { "  - \($0)\n" }.joined()
            if kind.what.hasPrefix("a catchment") { text += "catchments:\n  - {area: D0203, stage: primary, school: D02P2, from: 2026}\n" }
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("seatplan-plan-\(UUID().uuidString).yaml")
            try Data(text.utf8).write(to: url)
            let read = PlanFile.read(url, scenario: scenario)
            let errors = read.plan == nil ? read.diagnostics.filter { $0.severity == .error } : []
            out.append(Outcome(file: url.lastPathComponent, what: kind.what, errors: errors, expected: (kind.line, kind.column)))
            try? FileManager.default.removeItem(at: url)
        }
        return out
    }

    /// `docs/bad-input.md` from the outcomes.
    static func table(_ outcomes: [Outcome]) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var lines = [
            "# Bad input: every kind tried, and the message it gets",
            "",
            "Generated by `Tests/ScenarioIOTests/BadInputCatalogue.swift` (`SEATPLAN_WRITE_DOCS=1 swift test --filter BadInputCatalogue`",
            "rewrites it; the test fails when this file and the messages part). Each row is one change to the default",
            "county (`Scenarios/yunling`) or one plan against it; each gives exactly one error at the file, line and",
            "column of the change, and nothing is written. \(outcomes.count) kinds across \(Set(outcomes.map { $0.file.hasPrefix("seatplan-plan-") ? "plan.yaml" : $0.file }).count) files.",
            "",
            "| # | file | malformed input | location | message |",
            "|---:|---|---|---|---|",
        ]
        for (i, o) in outcomes.enumerated() {
            let file = o.file.hasPrefix("seatplan-plan-") ? "plan.yaml" : o.file
            let e = o.errors.first
            let location = e.map { d in (d.line.map { "line \($0)" } ?? "whole file") + (d.column.map { ", column \($0)" } ?? "") } ?? "—"
            let message = (e?.message ?? "accepted").replacingOccurrences(of: o.folder.isEmpty ? "\u{0}" : o.folder, with: "SCENARIO")
            lines.append("| \(i + 1) | \(file) | \(cell(o.what)) | \(cell(location)) | \(cell(message)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("every kind of bad input gives one error at its file, line and column; docs/bad-input.md lists them")
    func everyKindLocated() throws {
        let outcomes = try Self.outcomes()
        #expect(outcomes.count >= 60)
        for o in outcomes where !o.located {
            Issue.record("\(o.file): \(o.what): expected one error at line \(o.expected.line.map(String.init) ?? "—"), column \(o.expected.column ?? "—"); got \(o.errors.map(\.description))")
        }
        // The table is generated; the fuzz run's figures (from "## Fuzzing" on) are kept as written.
        let doc = Self.root.appendingPathComponent("docs/bad-input.md")
        let current = (try? String(contentsOf: doc, encoding: .utf8)) ?? ""
        let generated = current.range(of: "\n## Fuzzing").map { String(current[..<$0.lowerBound]) } ?? current
        let tail = current.range(of: "\n## Fuzzing").map { String(current[$0.upperBound...]) }.map { "## Fuzzing" + $0 } ?? ""
        let text = Self.table(outcomes)
        if ProcessInfo.processInfo.environment["SEATPLAN_WRITE_DOCS"] != nil {
            try Data((text + (tail.isEmpty ? "" : "\n" + tail)).utf8).write(to: doc)
        } else {
            #expect(generated == text, "docs/bad-input.md is not the table the tests give: rerun with SEATPLAN_WRITE_DOCS=1")
        }
    }
}
