import Demography
import ScenarioModel

/// The tables around the observed base year: `attendance.csv` (who attends where, from 学籍 records)
/// and `out_of_county.csv` (residents studying outside the county).
enum BaseYearTables {
    /// `attendance.csv`: `community,school,stage,pupils` (the first column may be called `area`).
    /// Each school's rows of a stage add up to its observed pupils of the stage.
    static func attendance(_ table: CSVTable, areas: AreaRegistry, schools: [SchoolID: School], observed: Bool,
                           log: inout DiagnosticLog) -> [AttendanceRecord] {
        let areaColumn = table.column("community") != nil ? "community" : "area"
        guard table.require([areaColumn, "school", "stage", "pupils"], log: &log) else { return [] }
        guard observed else {
            log.error(table.file, "attendance needs the base year's pupils by grade in schools.csv (pupils_<grade> columns) to add up to")
            return []
        }
        var out: [AttendanceRecord] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard let area = SchoolingTables.known(area: table.cell(row, areaColumn), table, row, areaColumn, areas, &log),
                  let school = SchoolingTables.known(school: table.cell(row, "school"), table, row, schools, &log),
                  let stage = SchoolingTables.stage(table, row, &log),
                  let pupils = table.number(row, "pupils", .within(0...1_000_000), "a number of pupils", log: &log) else { continue }
            guard school.stages.contains(stage) else {
                log.error(table.file, line: row.line, column: "stage", "school \(school.id) does not teach the \(stage.rawValue) stage")
                continue
            }
            let key = "\(area)|\(school.id)|\(stage.rawValue)"
            if let first = seen[key] {
                log.report(.givenTwice(what: "\(area) → \(school.id), \(stage.rawValue)", firstLine: first), at: Location(table.file, line: row.line, column: areaColumn))
                continue
            }
            seen[key] = row.line
            out.append(AttendanceRecord(area: area, school: school.id, stage: stage, pupils: pupils, line: row.line))
        }
        // Every school's observed pupils are accounted for, stage by stage.
        let given = Dictionary(grouping: out) { "\($0.school)|\($0.stage.rawValue)" }
        for school in schools.values.sorted(by: { $0.id < $1.id }) {
            guard let observedPupils = school.observed else { continue }
            for stage in school.stages {
                let recorded = school.slots.filter { $0.stage == stage }.reduce(0.0) { $0 + observedPupils.pupils($1) }
                let rows = given["\(school.id)|\(stage.rawValue)"] ?? []
                let total = rows.reduce(0) { $0 + $1.pupils }
                guard abs(total - recorded) > 0.5 else { continue }
                log.error(table.file, line: rows.first?.line, column: "pupils",
                          "school \(school.id)'s \(stage.rawValue) rows add up to \(format(total)) pupils; schools.csv gives \(format(recorded))")
            }
        }
        return out
    }

    /// `out_of_county.csv`: `stage,pupils` with an optional `year` (a path by year per stage).
    static func outOfCounty(_ table: CSVTable, log: inout DiagnosticLog) -> [OutOfCountyPupils] {
        guard table.require(["stage", "pupils"], log: &log) else { return [] }
        var points: [Stage: [Int: Double]] = [:]
        var constant: [Stage: Double] = [:]
        var lines: [String: Int] = [:]
        for row in table.rows {
            guard let stage = SchoolingTables.stage(table, row, &log),
                  let pupils = table.number(row, "pupils", .within(0...1_000_000), "a number of pupils", log: &log) else { continue }
            let hasYear = table.column("year") != nil && !table.cell(row, "year").isEmpty
            var year: Int?
            if hasYear {
                guard let y = table.integer(row, "year", 1900...2200, "a calendar year", log: &log) else { continue }
                year = y
            }
            let key = "\(stage.rawValue)|\(year.map(String.init) ?? "every")"
            if let first = lines[key] {
                log.report(.givenTwice(what: "\(stage.rawValue)\(year.map { " in \($0)" } ?? "")", firstLine: first), at: Location(table.file, line: row.line, column: "stage"))
                continue
            }
            lines[key] = row.line
            if (year == nil && points[stage] != nil) || (year != nil && constant[stage] != nil) {
                log.error(table.file, line: row.line, column: "year", "give \(stage.rawValue) either for every year (no year) or by year, not both")
                continue
            }
            if let year { points[stage, default: [:]][year] = pupils } else { constant[stage] = pupils }
        }
        return Stage.allCases.compactMap { stage in
            if let v = constant[stage] { return OutOfCountyPupils(stage: stage, pupils: YearPath(constant: v)) }
            return points[stage].flatMap(YearPath.init(points:)).map { OutOfCountyPupils(stage: stage, pupils: $0) }
        }
    }
}
