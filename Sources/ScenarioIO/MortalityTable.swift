import Demography
import ScenarioModel

/// `mortality.csv`: a single-year life table by sex, `sex,age` plus one of `qx` (probability of
/// dying between ages x and x+1), `mx` (central death rate) or `lx` (survivors at exact age x);
/// optional `ax` (years lived in the year of death by those dying) and `district` (a district's own
/// table; rows without one make the county table). Ages 0–100, 100 being the open group 100+.
enum MortalityTable {
    static func read(_ table: CSVTable, areas: AreaRegistry, log: inout DiagnosticLog)
        -> (county: [MortalitySchedule]?, districts: [AreaID: [MortalitySchedule]]) {
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
        let hasAx = table.column("ax") != nil
        // (district, sex) → age → (value, ax, line)
        var groups: [String: [Int: (value: Double, ax: Double?, line: Int)]] = [:]
        var groupLines: [String: Int] = [:]
        for row in table.rows {
            var district = ""
            if table.column("district") != nil {
                district = table.cell(row, "district")
                if !district.isEmpty && !areas.isDistrict(AreaID(district)) {
                    log.error(table.file, line: row.line, column: "district",
                              areas.isKnown(AreaID(district)) ? "\(district) is a community; life tables are given per district"
                                                              : "unknown district id \(district) (not in districts.csv)")
                    continue
                }
            }
            guard let sexText = table.text(row, "sex", log: &log) else { continue }
            guard let sex = Sex(code: sexText) else {
                log.error(table.file, line: row.line, column: "sex", "\"\(sexText)\" is not a sex; use M or F")
                continue
            }
            guard let ageText = table.text(row, "age", log: &log) else { continue }
            guard let group = AgeLabel.parse(ageText), group.lower == (group.upper ?? group.lower), group.lower <= Ages.open else {
                log.error(table.file, line: row.line, column: "age", "\"\(ageText)\" is not a single year of age 0–100; life tables are read by single year")
                continue
            }
            let age = group.lower
            guard let value = table.number(row, measure, bounds, what, log: &log) else { continue }
            var ax: Double?
            if hasAx, case .some(let v) = table.optionalNumber(row, "ax", .unitInterval, "years lived in the year of death", log: &log) { ax = v }
            let key = "\(district)|\(sex.code)"
            if let previous = groups[key]?[age] {
                log.error(table.file, line: row.line, column: "age", "age \(age) for sex \(sex.code)\(district.isEmpty ? "" : " in \(district)") is given twice (first on line \(previous.line))")
                continue
            }
            groups[key, default: [:]][age] = (value, ax, row.line)
            groupLines[key] = groupLines[key] ?? row.line
        }
        var county: [MortalitySchedule?] = [nil, nil]
        var districts: [AreaID: [MortalitySchedule?]] = [:]
        for (key, ages) in groups.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            let district = String(parts[0])
            guard let sex = Sex(code: String(parts[1])),
                  let schedule = schedule(ages, measure: measure, sex: sex, table: table, firstLine: groupLines[key] ?? 1,
                                          label: "sex \(sex.code)\(district.isEmpty ? "" : " of district \(district)")", log: &log) else { continue }
            if district.isEmpty { county[sex.rawValue] = schedule } else { districts[AreaID(district), default: [nil, nil]][sex.rawValue] = schedule }
        }
        func complete(_ pair: [MortalitySchedule?], _ label: String) -> [MortalitySchedule]? {
            let present = pair.compactMap { $0 }
            if present.count == 2 { return present }
            if present.count == 1 {
                let missing = pair[0] == nil ? "M" : "F"
                log.error(table.file, column: "sex", "no rows for sex \(missing)\(label); the table needs both sexes")
            }
            return nil
        }
        let countyPair = groups.keys.contains { $0.hasPrefix("|") } ? complete(county, "") : nil
        var districtPairs: [AreaID: [MortalitySchedule]] = [:]
        for (id, pair) in districts { districtPairs[id] = complete(pair, " in district \(id)") }
        if groups.isEmpty { log.error(table.file, "the life table has no rows") }
        return (countyPair, districtPairs)
    }

    private static func schedule(_ ages: [Int: (value: Double, ax: Double?, line: Int)], measure: String, sex: Sex,
                                 table: CSVTable, firstLine: Int, label: String, log: inout DiagnosticLog) -> MortalitySchedule? {
        let needed = measure == "qx" ? 0..<Ages.open : 0..<(Ages.open + 1)
        let missing = needed.filter { ages[$0] == nil }
        if !missing.isEmpty {
            log.error(table.file, line: firstLine, column: "age", "\(label): ages \(compactRanges(missing)) are missing; the life table needs every age 0–\(needed.upperBound - 1)")
            return nil
        }
        let values = needed.map { ages[$0]?.value ?? 0 }
        let axGiven = (0..<Ages.open).map { ages[$0]?.ax }
        let ax: [Double]? = axGiven.allSatisfy({ $0 != nil }) ? axGiven.map { $0 ?? 0.5 } : nil
        if axGiven.contains(where: { $0 != nil }) && ax == nil {
            log.warning(table.file, line: firstLine, column: "ax", "\(label): ax is given for some ages only; the defaults are used for all")
        }
        switch measure {
        case "lx":
            guard values[0] > 0 else {
                log.error(table.file, line: ages[0]?.line, column: "lx", "\(label): l0 must be positive (it is the radix, e.g. 100000)")
                return nil
            }
            for x in 1..<values.count where values[x] > values[x - 1] {
                log.error(table.file, line: ages[x]?.line, column: "lx",
                          "\(label): lx rises from \(format(values[x - 1])) at age \(x - 1) to \(format(values[x])) at age \(x); survivors can only fall with age")
                return nil
            }
            return MortalitySchedule.fromLx(values, sex: sex, ax: ax)
        case "mx":
            guard values[Ages.open] > 0 else {
                log.error(table.file, line: ages[Ages.open]?.line, column: "mx", "\(label): the open group's death rate m100 must be positive")
                return nil
            }
            return MortalitySchedule.fromMx(values, sex: sex, ax: ax)
        default:
            if let open = ages[Ages.open], open.value != 1 {
                log.warning(table.file, line: open.line, column: "qx", "\(label): qx at the open age 100+ is \(format(open.value)); it is taken as 1")
            }
            return MortalitySchedule.fromQx(values, sex: sex, ax: ax)
        }
    }
}
