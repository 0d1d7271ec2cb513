import Foundation
import ScenarioModel

/// `schools.csv`: the school network in the base year (see Scenarios/README.md for every column).
enum SchoolTable {
    static let required = ["id", "name", "district", "community", "kind", "grades", "classrooms", "lat", "lon"]

    static func read(_ table: CSVTable, areas: AreaRegistry, classSizes: ClassSizes, log: inout DiagnosticLog) -> [School] {
        guard table.require(required, log: &log) else {
            log.unreadable(.school)
            return []
        }
        let statistics = ObservedColumns(table: table)
        var schools: [School] = []
        var firstLine: [SchoolID: Int] = [:]
        for row in table.rows {
            guard let idText = table.text(row, "id", log: &log) else {
                log.unreadable(.school)  // a row without its id: what refers to it cannot be told from a typo
                continue
            }
            let id = SchoolID(idText)
            var ok = true
            if let first = firstLine[id] {
                log.report(.duplicateID(.school, id: id.rawValue, firstLine: first), at: Location(table.file, line: row.line, column: "id"))
                log.unreadable(.school)  // the row's own id is not known, so no reference is reported as unknown
                ok = false
            }
            let district = AreaID(table.cell(row, "district"))
            if !areas.isDistrict(district) {
                log.unknownID(.district, district.rawValue, file: table.file, line: row.line, column: "district")
                ok = false
            }
            var community: AreaID?
            if !table.cell(row, "community").isEmpty {
                let c = AreaID(table.cell(row, "community"))
                if areas.isDistrict(c) || !areas.isKnown(c) {
                    log.unknownID(.community, c.rawValue, file: table.file, line: row.line, column: "community")
                    ok = false
                } else if areas.isDistrict(district), areas.district(of: c) != district {
                    log.error(table.file, line: row.line, column: "community",
                              "community \(c) lies in district \(areas.district(of: c)?.rawValue ?? "?"), not \(district)")
                    ok = false
                }
                community = c
            }
            let kindText = table.cell(row, "kind")
            let kind = SchoolKind(rawValue: kindText)
            if kind == nil {
                log.error(table.file, line: row.line, column: "kind",
                          "\"\(kindText)\" is not a school kind; use one of \(SchoolKind.allCases.map { "\($0.rawValue) (\($0.nameZH))" }.joined(separator: ", "))")
            }
            let gradesText = table.cell(row, "grades")
            let grades = GradeRange.parse(gradesText)
            if grades == nil {
                log.error(table.file, line: row.line, column: "grades", "\"\(gradesText)\" is not a grade range like K1-K3, 1-6, 7-9 or 10-12")
            }
            if let kind, let grades, let problem = mismatch(kind, grades) {
                log.error(table.file, line: row.line, column: "grades", problem)
                ok = false
            }
            let classrooms = table.integer(row, "classrooms", 0...10_000, "a number of classrooms", log: &log)
            let lat = table.optionalNumber(row, "lat", .within(-90...90), "latitude in degrees", log: &log)
            let lon = table.optionalNumber(row, "lon", .within(-180...180), "longitude in degrees", log: &log)
            let beds = optionalInt(table, row, "boarding_beds", "boarding beds", &log)
            let pupils = table.column("pupils") == nil ? .some(nil) : table.optionalNumber(row, "pupils", .people, "pupils", log: &log)
            let isPublic = flag(table, row, "public", &log)
            let inclusive = flag(table, row, "inclusive", &log)
            let keep = flag(table, row, "keep", &log)
            let central = flag(table, row, "central", &log)
            let resources = readResources(table, row, &log)
            let floor = table.column("floor_area_m2") == nil ? .some(nil) : table.optionalNumber(row, "floor_area_m2", .nonNegative, "a floor area in m²", log: &log)
            let site = table.column("site_area_m2") == nil ? .some(nil) : table.optionalNumber(row, "site_area_m2", .nonNegative, "a site area in m²", log: &log)
            let staff = table.column("staff") == nil ? .some(nil) : table.optionalNumber(row, "staff", .people, "staff (教职工数)", log: &log)
            let observed = statistics.read(row, school: id, grades: grades, kind: kind, gradesText: gradesText,
                                           classrooms: classrooms, bands: classSizes, log: &log)
            guard ok, let observed, let kind, let grades, let classrooms, let lat, let lon, let beds, let pupils,
                  let isPublic, let inclusive, let keep, let resources, let floor, let site, let staff, let central else {
                log.rejected(.school, idText)
                continue
            }
            let byStage = stageClassrooms(table, row, total: classrooms, grades: grades, kind: kind, &log)
            guard let byStage else {
                log.rejected(.school, idText)
                continue
            }
            if lat == nil || lon == nil {
                log.warning(table.file, line: row.line, column: "lat", "school \(id) has no coordinates; only catchments.csv and travel_times.csv can send pupils to it")
            }
            firstLine[id] = row.line
            schools.append(School(id: id, name: table.cell(row, "name"), district: district, community: community, kind: kind,
                                  grades: grades, classrooms: byStage, latitude: lat, longitude: lon, boardingBeds: beds ?? 0,
                                  isPublic: isPublic ?? true, isInclusive: inclusive, currentPupils: pupils,
                                  observed: observed, floorArea: floor, siteArea: site,
                                  resources: resources, keep: keep ?? false, staff: staff, isCentral: central ?? false))
        }
        return schools
    }

    /// Kinds that cannot teach the given grades.
    private static func mismatch(_ kind: SchoolKind, _ grades: [Grade]) -> String? {
        let stages = Set(grades.map { kind.stage(of: $0) })
        switch kind {
        case .kindergarten where stages != [.kindergarten]:
            return "a kindergarten teaches K1–K3 only"
        case .teachingPoint where !stages.isSubset(of: [.primary, .kindergarten]):
            return "a teaching point teaches primary grades (usually 1–3)"
        case .vocational where stages != [.vocational]:
            return "a vocational school teaches grades 10–12"
        case .senior where !stages.isSubset(of: [.senior]):
            return "a senior high school teaches grades 10–12"
        default:
            return nil
        }
    }

    private static func optionalInt(_ table: CSVTable, _ row: CSVTable.Row, _ name: String, _ what: String,
                                    _ log: inout DiagnosticLog) -> Int?? {
        guard table.column(name) != nil, !table.cell(row, name).isEmpty else { return .some(nil) }
        guard let v = table.integer(row, name, 0...1_000_000, what, log: &log) else { return nil }
        return .some(v)
    }

    private static func flag(_ table: CSVTable, _ row: CSVTable.Row, _ name: String, _ log: inout DiagnosticLog) -> Bool?? {
        guard table.column(name) != nil, !table.cell(row, name).isEmpty else { return .some(nil) }
        guard let v = YesNo.parse(table.cell(row, name)) else {
            log.error(table.file, line: row.line, column: name, "\"\(table.cell(row, name))\" is not yes or no (1/0, yes/no, 是/否)")
            return nil
        }
        return .some(v)
    }

    /// The seven 优质均衡 columns: all or none.
    private static func readResources(_ table: CSVTable, _ row: CSVTable.Row, _ log: inout DiagnosticLog) -> SchoolResources?? {
        let present = SchoolResources.columns.filter { table.column($0) != nil && !table.cell(row, $0).isEmpty }
        guard !present.isEmpty else { return .some(nil) }
        guard present.count == SchoolResources.columns.count else {
            let missing = SchoolResources.columns.filter { !present.contains($0) }
            log.error(table.file, line: row.line, column: missing[0], "give all seven resource columns or none (missing: \(missing.joined(separator: ", ")))")
            return nil
        }
        var values: [Double] = []
        for name in SchoolResources.columns {
            guard let v = table.number(row, name, .nonNegative, "a resource total", log: &log) else { return nil }
            values.append(v)
        }
        return .some(SchoolResources(values: values))
    }

    /// Classrooms by stage: `classrooms_<stage>` columns where given, else `classrooms` shared
    /// among the stages by their number of grades.
    private static func stageClassrooms(_ table: CSVTable, _ row: CSVTable.Row, total: Int, grades: [Grade], kind: SchoolKind,
                                        _ log: inout DiagnosticLog) -> [Stage: Int]? {
        let stages = Set(grades.map { kind.stage(of: $0) })
        let explicit = stages.filter { table.column("classrooms_\($0.rawValue)") != nil && !table.cell(row, "classrooms_\($0.rawValue)").isEmpty }
        guard !explicit.isEmpty else { return School.splitClassrooms(total, grades: grades, kind: kind) }
        var byStage: [Stage: Int] = [:]
        for stage in stages {
            let name = "classrooms_\(stage.rawValue)"
            guard let v = table.integer(row, name, 0...10_000, "classrooms of the \(stage.rawValue) stage", log: &log) else { return nil }
            byStage[stage] = v
        }
        if byStage.values.reduce(0, +) != total {
            log.error(table.file, line: row.line, column: "classrooms",
                      "classrooms (\(total)) differs from the sum of the classrooms_<stage> columns (\(byStage.values.reduce(0, +)))")
            return nil
        }
        return byStage
    }
}
