import ScenarioModel

/// The base-year statistics columns of `schools.csv`: `pupils_<grade>`, `classes_<grade>` or
/// `classes_<stage>`, `big_classes_<stage>`, `super_big_classes_<stage>` (see Scenarios/README.md).
///
/// A file with any `pupils_<grade>` column gives the observed base year: every school then gives the
/// pupils of every grade it teaches (0 where none). A file with any `classes_` column gives classes
/// for every stage with pupils. The figures are checked as a statistician would: no pupils in a grade
/// not taught, no pupils without classes, at most 100 pupils a class, big-class counts the pupils
/// can fill and the class sizes imply.
struct ObservedColumns {
    let table: CSVTable

    /// True when the file carries pupils by grade.
    var present: Bool { Grade.all.contains { table.column(Self.pupilsColumn($0)) != nil } }
    private var hasClasses: Bool { table.header.contains { $0.hasPrefix("classes_") } }

    static func pupilsColumn(_ g: Grade) -> String { "pupils_\(g.id.lowercased())" }
    static func classesColumn(_ g: Grade) -> String { "classes_\(g.id.lowercased())" }

    /// The school's statistics: `.some(nil)` when the file has none, nil after logging an error.
    func read(_ row: CSVTable.Row, school id: SchoolID, grades: [Grade]?, kind: SchoolKind?, gradesText: String,
              classrooms: Int?, bands: ClassSizes, log: inout DiagnosticLog) -> ObservedEnrollment?? {
        guard present else {
            return notTaughtCheck(row, id, grades, gradesText, &log) ? .some(nil) : nil
        }
        guard notTaughtCheck(row, id, grades, gradesText, &log), let grades, let kind else { return nil }
        var pupils: [Grade: Double] = [:]
        var missing: [String] = []
        var ok = true
        for g in grades {
            let name = Self.pupilsColumn(g)
            guard table.column(name) != nil, !table.cell(row, name).isEmpty else { missing.append(g.id); continue }
            if let v = table.number(row, name, .within(0...1_000_000), "pupils of grade \(g.id)", log: &log) { pupils[g] = v } else { ok = false }
        }
        if !missing.isEmpty {
            log.error(table.file, line: row.line, column: Self.pupilsColumn(Grade.all.first { $0.id == missing[0] } ?? grades[0]),
                      "school \(id) gives no pupils for grade\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); "
                      + "the observed base year needs the pupils of every grade taught (0 where none)")
            return nil
        }
        guard ok else { return nil }
        let sum = grades.reduce(0.0) { $0 + (pupils[$1] ?? 0) }
        if table.column("pupils") != nil, !table.cell(row, "pupils").isEmpty, let total = decimalNumber(table.cell(row, "pupils")), abs(total - sum) > 0.5 {
            log.error(table.file, line: row.line, column: "pupils",
                      "pupils (\(format(total))) differs from the sum of the pupils_<grade> columns (\(format(sum)))")
            return nil
        }
        let stages = Dictionary(grouping: grades) { kind.stage(of: $0) }
        var classes: [Stage: ObservedEnrollment.StageClasses] = [:]
        var big: [Stage: Int] = [:], superBig: [Stage: Int] = [:]
        for (stage, stageGrades) in stages.sorted(by: { $0.key < $1.key }) {
            let stagePupils = stageGrades.reduce(0.0) { $0 + (pupils[$1] ?? 0) }
            guard case .some(let c) = stageClasses(row, id, stage, stageGrades, pupils, stagePupils, &log) else { return nil }
            if let c { classes[stage] = c }
            guard case .some(let counts) = bigCounts(row, id, stage, stageGrades, pupils, c, bands, kind, &log) else { return nil }
            if let b = counts.big { big[stage] = b }
            if let s = counts.superBig { superBig[stage] = s }
        }
        let formed = classes.values.reduce(0) { $0 + $1.count }
        if let classrooms, formed > classrooms {
            log.warning(table.file, line: row.line, column: "classrooms",
                        "school \(id) runs \(formed) classes in \(classrooms) classrooms (shifts or borrowed rooms?)")
        }
        return .some(ObservedEnrollment(pupils: pupils, classes: classes, bigClasses: big, superBigClasses: superBig))
    }

    /// No pupils in a grade the school does not teach.
    private func notTaughtCheck(_ row: CSVTable.Row, _ id: SchoolID, _ grades: [Grade]?, _ gradesText: String, _ log: inout DiagnosticLog) -> Bool {
        var ok = true
        for g in Grade.all where table.column(Self.pupilsColumn(g)) != nil && !(grades?.contains(g) ?? true) {
            let name = Self.pupilsColumn(g)
            guard let v = decimalNumber(table.cell(row, name)), v > 0 else { continue }
            log.error(table.file, line: row.line, column: name, "school \(id) has pupils in grade \(g.id), which it does not teach (grades \(gradesText))")
            ok = false
        }
        return ok
    }

    /// Classes of one stage: by grade, or one count for the stage; `.some(nil)` when none are given
    /// and none are needed.
    private func stageClasses(_ row: CSVTable.Row, _ id: SchoolID, _ stage: Stage, _ grades: [Grade], _ pupils: [Grade: Double],
                              _ stagePupils: Double, _ log: inout DiagnosticLog) -> ObservedEnrollment.StageClasses?? {
        let stageColumn = "classes_\(stage.rawValue)"
        let given = grades.filter { table.column(Self.classesColumn($0)) != nil && !table.cell(row, Self.classesColumn($0)).isEmpty }
        let stageGiven = table.column(stageColumn) != nil && !table.cell(row, stageColumn).isEmpty
        if !given.isEmpty {
            let missing = grades.filter { !given.contains($0) }
            guard missing.isEmpty else {
                log.error(table.file, line: row.line, column: Self.classesColumn(missing[0]),
                          "school \(id) gives classes for some grades of the \(stage.rawValue) stage but not for \(missing.map(\.id).joined(separator: ", "))")
                return nil
            }
            var byGrade: [Grade: Int] = [:]
            for g in grades {
                guard let k = table.integer(row, Self.classesColumn(g), 0...1000, "classes of grade \(g.id)", log: &log) else { return nil }
                guard sizeCheck(row, Self.classesColumn(g), id, "grade \(g.id)", pupils[g] ?? 0, k, &log) else { return nil }
                byGrade[g] = k
            }
            if stageGiven, let total = table.integer(row, stageColumn, 0...10_000, "classes", log: &log), total != byGrade.values.reduce(0, +) {
                log.error(table.file, line: row.line, column: stageColumn,
                          "\(stageColumn) (\(total)) differs from the sum of the grades' classes (\(byGrade.values.reduce(0, +)))")
                return nil
            }
            return .some(.byGrade(byGrade))
        }
        if stageGiven {
            guard let k = table.integer(row, stageColumn, 0...10_000, "classes of the \(stage.rawValue) stage", log: &log),
                  sizeCheck(row, stageColumn, id, "the \(stage.rawValue) stage", stagePupils, k, &log) else { return nil }
            return .some(.total(k))
        }
        if hasClasses && stagePupils > 0 {
            log.error(table.file, line: row.line, column: stageColumn,
                      "school \(id) gives no classes for its \(format(stagePupils)) \(stage.rawValue) pupils (give \(stageColumn) or classes by grade)")
            return nil
        }
        return .some(nil)
    }

    /// Pupils need classes, and a class holds at most 100 pupils.
    private func sizeCheck(_ row: CSVTable.Row, _ column: String, _ id: SchoolID, _ what: String, _ pupils: Double, _ classes: Int,
                           _ log: inout DiagnosticLog) -> Bool {
        if pupils > 0 && classes == 0 {
            log.error(table.file, line: row.line, column: column, "school \(id) has \(format(pupils)) pupils in \(what) but 0 classes")
            return false
        }
        if classes > 0 && pupils / Double(classes) > 100 {
            log.error(table.file, line: row.line, column: column,
                      "school \(id): \(format(pupils)) pupils in \(classes) class\(classes == 1 ? "" : "es") of \(what) is more than 100 a class")
            return false
        }
        if classes > 0 && pupils == 0 {
            log.warning(table.file, line: row.line, column: column, "school \(id) has \(classes) classes but no pupils in \(what)")
        }
        return true
    }

    /// `big_classes_<stage>` and `super_big_classes_<stage>`: possible for the pupils and classes.
    private func bigCounts(_ row: CSVTable.Row, _ id: SchoolID, _ stage: Stage, _ grades: [Grade], _ pupils: [Grade: Double],
                           _ classes: ObservedEnrollment.StageClasses?, _ bands: ClassSizes, _ kind: SchoolKind,
                           _ log: inout DiagnosticLog) -> (big: Int?, superBig: Int?)? {
        let bigColumn = "big_classes_\(stage.rawValue)", superColumn = "super_big_classes_\(stage.rawValue)"
        func count(_ name: String) -> Int?? {
            guard table.column(name) != nil, !table.cell(row, name).isEmpty else { return .some(nil) }
            guard let v = table.integer(row, name, 0...10_000, "a number of classes", log: &log) else { return nil }
            return .some(v)
        }
        guard case .some(let big) = count(bigColumn), case .some(let superBig) = count(superColumn) else { return nil }
        guard big != nil || superBig != nil else { return (nil, nil) }
        let slots = grades.map { Slot(stage, $0) }
        let strictest = ClassBands.mixed(slots.map { bands.bands($0) })
        let bigBand = strictest.big, superBand = strictest.superBig
        let stagePupils = grades.reduce(0.0) { $0 + (pupils[$1] ?? 0) }
        let stageClasses = classes?.count
        if let b = big, let s = superBig, s > b {
            log.error(table.file, line: row.line, column: superColumn,
                      "\(s) super-big classes but \(b) big classes: every class of \(superBand)+ is also a class of \(bigBand)+")
            return nil
        }
        for (name, n, band) in [(bigColumn, big, bigBand), (superColumn, superBig, superBand)] {
            guard let n else { continue }
            if let k = stageClasses, n > k {
                log.error(table.file, line: row.line, column: name, "\(n) such classes but only \(k) classes in the \(stage.rawValue) stage")
                return nil
            }
            if Double(n * band) > stagePupils + 0.5 {
                log.error(table.file, line: row.line, column: name,
                          "\(n) classes of \(band) or more need at least \(n * band) pupils; the \(stage.rawValue) stage has \(format(stagePupils))")
                return nil
            }
        }
        // Some class has `band` or more pupils when the classes average more than `band − 1`: grade by
        // grade when the classes are given by grade, else the stage against its most lenient band.
        if let b = big, b == 0, let classes {
            let groups: [(pupils: Double, classes: Int, band: Int)]
            switch classes {
            case .byGrade(let k): groups = grades.map { (pupils[$0] ?? 0, k[$0] ?? 0, bands.bands(Slot(stage, $0)).big) }
            case .total(let k): groups = [(stagePupils, k, slots.map { bands.bands($0).big }.max() ?? bigBand)]
            }
            if let g = groups.first(where: { $0.classes > 0 && $0.pupils / Double($0.classes) > Double($0.band - 1) + 1e-9 }) {
                log.error(table.file, line: row.line, column: bigColumn,
                          "0 big classes, but \(format(g.pupils)) pupils in \(g.classes) classes average more than \(g.band - 1): some class has \(g.band) or more")
                return nil
            }
        }
        return (big, superBig)
    }
}
