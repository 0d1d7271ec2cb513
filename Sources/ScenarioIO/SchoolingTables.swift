import ScenarioModel

/// The optional tables around the school network.
enum SchoolingTables {
    /// `catchments.csv`: `community,stage,school` (the column may also be called `area`).
    static func catchments(_ table: CSVTable, areas: AreaRegistry, schools: [SchoolID: School], log: inout DiagnosticLog) -> [Catchment] {
        let areaColumn = table.column("community") != nil ? "community" : "area"
        guard table.require([areaColumn, "stage", "school"], log: &log) else { return [] }
        var out: [Catchment] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard let area = known(area: table.cell(row, areaColumn), table, row, areaColumn, areas, &log),
                  let stage = stage(table, row, &log),
                  let school = known(school: table.cell(row, "school"), table, row, schools, &log) else { continue }
            guard school.stages.contains(stage) else {
                log.error(table.file, line: row.line, column: "school", "school \(school.id) does not teach the \(stage.rawValue) stage (grades \(school.grades.map(\.id).joined(separator: ",")))")
                continue
            }
            let key = "\(area)|\(stage.rawValue)"
            if let first = seen[key] {
                log.error(table.file, line: row.line, column: areaColumn, "\(area) has a \(stage.rawValue) catchment already (line \(first))")
                continue
            }
            seen[key] = row.line
            out.append(Catchment(area: area, stage: stage, school: school.id))
        }
        return out
    }

    /// `travel_times.csv`: `from,to,minutes` — from an area to a school.
    static func travelTimes(_ table: CSVTable, areas: AreaRegistry, schools: [SchoolID: School], log: inout DiagnosticLog) -> [AreaID: [SchoolID: Double]] {
        guard table.require(["from", "to", "minutes"], log: &log) else { return [:] }
        var out: [AreaID: [SchoolID: Double]] = [:]
        for row in table.rows {
            guard let from = known(area: table.cell(row, "from"), table, row, "from", areas, &log),
                  let to = known(school: table.cell(row, "to"), table, row, schools, &log, column: "to"),
                  let minutes = table.number(row, "minutes", .within(0...1440), "travel minutes", log: &log) else { continue }
            if out[from]?[to.id] != nil {
                log.error(table.file, line: row.line, column: "to", "travel time from \(from) to \(to.id) is given twice")
                continue
            }
            out[from, default: [:]][to.id] = minutes
        }
        return out
    }

    /// `migrant_children.csv`: `area,stage,pupils` with an optional `year`.
    static func migrantChildren(_ table: CSVTable, areas: AreaRegistry, log: inout DiagnosticLog) -> [MigrantChildren] {
        guard table.require(["area", "stage", "pupils"], log: &log) else { return [] }
        var out: [MigrantChildren] = []
        for row in table.rows {
            guard let area = known(area: table.cell(row, "area"), table, row, "area", areas, &log),
                  let stage = stage(table, row, &log),
                  let pupils = table.number(row, "pupils", .people, "a number of pupils", log: &log) else { continue }
            var year: Int?
            if table.column("year") != nil, !table.cell(row, "year").isEmpty {
                guard let y = table.integer(row, "year", 1900...2200, "a calendar year", log: &log) else { continue }
                year = y
            }
            out.append(MigrantChildren(area: area, stage: stage, year: year, pupils: pupils))
        }
        return out
    }

    /// `enrollment_history.csv`: `school,year,grade,pupils` up to the base year; for grade
    /// progression at least three years per school.
    static func history(_ table: CSVTable, schools: [SchoolID: School], baseYear: Int, progression: Bool,
                        log: inout DiagnosticLog) -> [EnrollmentRecord] {
        guard table.require(["school", "year", "grade", "pupils"], log: &log) else { return [] }
        var out: [EnrollmentRecord] = []
        var seen: [String: Int] = [:]
        var firstLine: [SchoolID: Int] = [:]
        for row in table.rows {
            guard let school = known(school: table.cell(row, "school"), table, row, schools, &log),
                  let year = table.integer(row, "year", 1900...(baseYear > 0 ? baseYear : 2200), "a year up to the base year", log: &log),
                  let pupils = table.number(row, "pupils", .people, "a number of pupils", log: &log) else { continue }
            guard let grade = Grade(id: table.cell(row, "grade")) else {
                log.error(table.file, line: row.line, column: "grade", "\"\(table.cell(row, "grade"))\" is not a grade (K1–K3, 1–12)")
                continue
            }
            guard school.grades.contains(grade) else {
                log.error(table.file, line: row.line, column: "grade", "school \(school.id) does not teach grade \(grade) (schools.csv gives \(school.grades.map(\.id).joined(separator: ",")))")
                continue
            }
            let key = "\(school.id)|\(year)|\(grade)"
            if let first = seen[key] {
                log.report(.givenTwice(what: "school \(school.id), \(year), grade \(grade)", firstLine: first), at: Location(table.file, line: row.line, column: "grade"))
                continue
            }
            seen[key] = row.line
            firstLine[school.id] = firstLine[school.id] ?? row.line
            out.append(EnrollmentRecord(school: school.id, year: year, grade: grade, pupils: pupils))
        }
        for (id, records) in Dictionary(grouping: out, by: \.school).sorted(by: { $0.key < $1.key }) where progression {
            let years = Set(records.map(\.year)).count
            if years < 3 {
                log.error(table.file, line: firstLine[id], column: "year", "school \(id) has \(years) year\(years == 1 ? "" : "s") of history; grade-progression ratios need at least 3")
            }
        }
        return out
    }

    static func known(area text: String, _ table: CSVTable, _ row: CSVTable.Row, _ column: String,
                              _ areas: AreaRegistry, _ log: inout DiagnosticLog) -> AreaID? {
        let id = AreaID(text)
        guard !text.isEmpty, areas.isKnown(id) else {
            if text.isEmpty { log.error(table.file, line: row.line, column: column, "empty cell; an area id is required") } else {
                log.unknownID(.area, text, file: table.file, line: row.line, column: column)
            }
            return nil
        }
        return id
    }

    static func known(school text: String, _ table: CSVTable, _ row: CSVTable.Row, _ schools: [SchoolID: School],
                              _ log: inout DiagnosticLog, column: String = "school") -> School? {
        guard let school = schools[SchoolID(text)] else {
            if text.isEmpty { log.error(table.file, line: row.line, column: column, "empty cell; a school id is required") } else {
                log.unknownID(.school, text, file: table.file, line: row.line, column: column)
            }
            return nil
        }
        return school
    }

    static func stage(_ table: CSVTable, _ row: CSVTable.Row, _ log: inout DiagnosticLog) -> Stage? {
        let text = table.cell(row, "stage")
        guard let stage = Stage(rawValue: text) else {
            log.error(table.file, line: row.line, column: "stage", "\"\(text)\" is not a stage; use \(Stage.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return stage
    }
}
