import Foundation
import Demography
import ScenarioModel

/// `mortality.csv`: a life table by sex, `sex,age` plus one of `qx` (probability of dying),
/// `mx` (central death rate) or `lx` (survivors at exact age x); optional `ax` (years lived in the
/// year of death by those dying, single years only), `district` (a district's own table; rows
/// without one make the county table) and `year` (tables for several years, interpolated between
/// them, see `ScheduleSeries`).
///
/// Ages are single years 0–100 (100 = 100+) or, for `mx` and `qx`, groups (`0`, `1-4`, `5-9`, …):
/// a death rate holds at every age of its group (`85+`: from 85 on, and it is then the open group's
/// rate `m₁₀₀`); a group's probability `ₙqₓ` becomes `1 − (1 − ₙqₓ)^(1/n)` at each of its n ages.
/// With `qx` or `lx` the open group's rate is `mortality.open_rate` when given, else the rate at 99.
enum MortalityTable {
    typealias Result = (county: ScheduleSeries<LifeTablePair>?, districts: [AreaID: ScheduleSeries<LifeTablePair>])

    private struct Entry {
        let group: AgeGroup
        let value: Double
        let ax: Double?
        let line: Int
    }

    static func read(_ table: CSVTable, areas: AreaRegistry, openRate: [Sex: Double], log: inout DiagnosticLog) -> Result {
        guard table.require(["sex", "age"], log: &log) else { return (nil, [:]) }
        let measures = ["qx", "mx", "lx"].filter { table.column($0) != nil }
        guard let measure = measures.first else {
            log.error(table.file, line: 1, column: "qx", "the life table needs a column qx, mx or lx (header has: \(table.header.joined(separator: ", ")))")
            return (nil, [:])
        }
        if measures.count > 1 {
            log.warning(table.file, line: 1, column: measures[1], "several life-table columns given; using \(measure) and ignoring \(measures.dropFirst().joined(separator: ", "))")
        }
        let bounds: Bounds = measure == "qx" ? .unitInterval : .nonNegative
        let what = ["qx": "a probability of dying", "mx": "a death rate", "lx": "a number of survivors"][measure] ?? measure
        var entries: [TableKey: [[Entry]]] = [:]  // (district, year) → by sex
        var firstLine: [TableKey: Int] = [:]
        let errorsBefore = log.errorCount
        for row in table.rows {
            guard let key = TableKey.read(table, row, areas: areas, what: "life tables", log: &log) else { continue }
            guard let sexText = table.text(row, "sex", log: &log) else { continue }
            guard let sex = Sex(code: sexText) else {
                log.report(.notASex(sexText), at: Location(table.file, line: row.line, column: "sex"))
                continue
            }
            guard let ageText = table.text(row, "age", log: &log) else { continue }
            guard let group = AgeLabel.parse(ageText, openAge: Int.max), group.lower <= Ages.open else {
                log.error(table.file, line: row.line, column: "age", "\"\(ageText)\" is not an age 0–100 or an age group like 1-4 or 85+")
                continue
            }
            if measure == "lx" && group.upper != group.lower && !(group.isOpen && group.lower == Ages.open) {
                log.error(table.file, line: row.line, column: "age", "survivors lx are read by single year of age; give age groups as mx or qx")
                continue
            }
            if measure == "qx" && group.isOpen && group.lower < Ages.open {
                log.error(table.file, line: row.line, column: "age",
                          "an open age group below 100 (\(group)) needs a death rate: give the table as mx, or continue it to age 100")
                continue
            }
            guard let value = table.number(row, measure, bounds, what, log: &log) else { continue }
            var ax: Double?
            if table.column("ax") != nil, case .some(let v) = table.optionalNumber(row, "ax", .unitInterval, "years lived in the year of death", log: &log) { ax = v }
            var bySex = entries[key] ?? [[], []]
            bySex[sex.rawValue].append(Entry(group: group, value: value, ax: ax, line: row.line))
            entries[key] = bySex
            firstLine[key] = firstLine[key] ?? row.line
        }
        // A row rejected with an error leaves ages missing that are not a second problem.
        let complete = log.errorCount == errorsBefore
        guard TableKey.consistentYears(Array(entries.keys), file: table.file, lines: firstLine, log: &log) else { return (nil, [:]) }
        var pairs: [TableKey: LifeTablePair] = [:]
        for (key, bySex) in entries.sorted(by: { $0.key < $1.key }) {
            var tables: [MortalitySchedule] = []
            for sex in Sex.allCases {
                let label = "sex \(sex.code)\(key.label)"
                guard !bySex[sex.rawValue].isEmpty else {
                    log.error(table.file, line: firstLine[key], column: "sex", "no rows for \(label); the table needs both sexes")
                    break
                }
                guard let s = schedule(bySex[sex.rawValue], measure: measure, sex: sex, openRate: openRate[sex], table: table,
                                       label: label, complete: complete, log: &log) else { break }
                tables.append(s)
            }
            if tables.count == 2 { pairs[key] = LifeTablePair(tables) }
        }
        if entries.isEmpty { log.error(table.file, "the life table has no rows") }
        return TableKey.series(pairs)
    }

    /// One sex's table: groups spread to single years, then the life-table measure turned into a schedule.
    private static func schedule(_ rows: [Entry], measure: String, sex: Sex, openRate: Double?, table: CSVTable, label: String,
                                 complete: Bool, log: inout DiagnosticLog) -> MortalitySchedule? {
        var values = [Double?](repeating: nil, count: Ages.count)
        var lines = [Int?](repeating: nil, count: Ages.count)
        var ax = [Double?](repeating: nil, count: Ages.open)
        for e in rows.sorted(by: { $0.group.lower < $1.group.lower }) {
            let upper = min(e.group.upper ?? Ages.open, Ages.open)
            let width = Double(upper - e.group.lower + 1)
            for x in e.group.lower...upper {
                if let first = lines[x] {
                    log.report(.givenTwice(what: "\(label): age \(x)", firstLine: first), at: Location(table.file, line: e.line, column: "age"))
                    return nil
                }
                let single = measure == "qx" && width > 1 && x < Ages.open ? 1 - pow(1 - min(e.value, 1), 1 / width) : e.value
                values[x] = single
                lines[x] = e.line
                if x < Ages.open, e.group.upper == e.group.lower { ax[x] = e.ax }
            }
        }
        let needed = measure == "qx" ? 0..<Ages.open : 0..<(Ages.open + 1)
        let missing = needed.filter { values[$0] == nil }
        if !missing.isEmpty {
            if complete {
                let after = rows.filter { $0.group.lower > missing[0] }.map(\.line).min() ?? rows.map(\.line).max()
                log.error(table.file, line: after, column: "age",
                          "\(label): ages \(compactRanges(missing)) are missing; the life table needs every age 0–\(needed.upperBound - 1)")
            }
            return nil
        }
        let v = needed.map { values[$0] ?? 0 }
        let axGiven = ax
        let axValues: [Double]? = axGiven.allSatisfy({ $0 != nil }) ? axGiven.map { $0 ?? 0.5 } : nil
        if axGiven.contains(where: { $0 != nil }) && axValues == nil {
            log.warning(table.file, line: rows.map(\.line).min(), column: "ax", "\(label): ax is given for some ages only; the defaults are used for all")
        }
        switch measure {
        case "lx":
            guard v[0] > 0 else {
                log.error(table.file, line: lines[0], column: "lx", "\(label): l0 must be positive (it is the radix, e.g. 100000)")
                return nil
            }
            for x in 1..<v.count where v[x] > v[x - 1] {
                log.error(table.file, line: lines[x], column: "lx",
                          "\(label): lx rises from \(format(v[x - 1])) at age \(x - 1) to \(format(v[x])) at age \(x); survivors can only fall with age")
                return nil
            }
            return MortalitySchedule.fromLx(v, sex: sex, ax: axValues, openRate: openRate)
        case "mx":
            guard v[Ages.open] > 0 else {
                log.error(table.file, line: lines[Ages.open], column: "mx", "\(label): the open group's death rate m100 must be positive")
                return nil
            }
            return MortalitySchedule.fromMx(v, sex: sex, ax: axValues)
        default:
            if let line = lines[Ages.open], let open = values[Ages.open], open != 1 {
                log.warning(table.file, line: line, column: "qx", "\(label): qx at the open age 100+ is \(format(open)); it is taken as 1")
            }
            if v.enumerated().contains(where: { $0.offset < Ages.open - 1 && $0.element >= 1 }),
               let x = v.indices.first(where: { $0 < Ages.open - 1 && v[$0] >= 1 }) {
                log.error(table.file, line: lines[x], column: "qx", "\(label): qx = 1 at age \(x) leaves nobody alive at older ages; only the last age may have qx = 1")
                return nil
            }
            return MortalitySchedule.fromQx(v, sex: sex, ax: axValues, openRate: openRate)
        }
    }
}

/// The district and year a row of `fertility.csv` or `mortality.csv` belongs to.
struct TableKey: Hashable, Comparable {
    /// Empty for the county's rows.
    let district: String
    let year: Int?

    var label: String { (district.isEmpty ? "" : " of district \(district)") + (year.map { " in \($0)" } ?? "") }

    static func < (a: TableKey, b: TableKey) -> Bool { (a.district, a.year ?? Int.min) < (b.district, b.year ?? Int.min) }

    /// The row's district (a district id or empty) and year (when the file has a `year` column).
    static func read(_ table: CSVTable, _ row: CSVTable.Row, areas: AreaRegistry, what: String, log: inout DiagnosticLog) -> TableKey? {
        var district = ""
        if table.column("district") != nil {
            district = table.cell(row, "district")
            if !district.isEmpty && !areas.isDistrict(AreaID(district)) {
                if areas.isKnown(AreaID(district)) {
                    log.error(table.file, line: row.line, column: "district", "\(district) is a community; \(what) are given per district")
                } else {
                    log.unknownID(.district, district, file: table.file, line: row.line, column: "district")
                }
                return nil
            }
        }
        var year: Int?
        if table.column("year") != nil, !table.cell(row, "year").isEmpty {
            guard let y = table.integer(row, "year", 1900...2200, "a calendar year", log: &log) else { return nil }
            year = y
        }
        return TableKey(district: district, year: year)
    }

    /// A district's tables are either all by year or all without one.
    static func consistentYears(_ keys: [TableKey], file: String, lines: [TableKey: Int], log: inout DiagnosticLog) -> Bool {
        var ok = true
        for (district, group) in Dictionary(grouping: keys, by: \.district).sorted(by: { $0.key < $1.key }) {
            let dated = group.filter { $0.year != nil }
            guard !dated.isEmpty, dated.count < group.count, let undated = group.first(where: { $0.year == nil }) else { continue }
            log.error(file, line: lines[undated], column: "year",
                      "rows\(district.isEmpty ? " of the county" : " of district \(district)") without a year beside rows with years; give a year on every row or on none")
            ok = false
        }
        return ok
    }

    /// Schedules by key → a series per district (the county under "").
    static func series<V: YearInterpolable>(_ byKey: [TableKey: V]) -> (county: ScheduleSeries<V>?, districts: [AreaID: ScheduleSeries<V>]) {
        var county: ScheduleSeries<V>?
        var districts: [AreaID: ScheduleSeries<V>] = [:]
        for (district, group) in Dictionary(grouping: byKey, by: { $0.key.district }) {
            let series: ScheduleSeries<V>?
            if group.count == 1, let only = group.first, only.key.year == nil {
                series = ScheduleSeries(only.value)
            } else {
                series = ScheduleSeries(byYear: Dictionary(group.compactMap { e in e.key.year.map { ($0, e.value) } }, uniquingKeysWith: { a, _ in a }))
            }
            if district.isEmpty { county = series } else { districts[AreaID(district)] = series }
        }
        return (county, districts)
    }
}
