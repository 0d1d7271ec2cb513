import Demography
import ScenarioModel

/// `migration.csv`: `area,sex,age,net_migrants` with an optional `year` — net migrants over one
/// year (in minus out). Rows without a year apply in every projected year. An age group's count
/// is spread evenly over its single years (an open group over its lower age … 100).
enum MigrationTable {
    static func read(_ table: CSVTable, areas: AreaRegistry, years: ClosedRange<Int>?, log: inout DiagnosticLog)
        -> (everyYear: [AreaID: [Double]], byYear: [Int: [AreaID: [Double]]]) {
        guard table.require(["area", "sex", "age", "net_migrants"], log: &log) else { return ([:], [:]) }
        let hasYear = table.column("year") != nil
        var everyYear: [AreaID: [Double]] = [:]
        var byYear: [Int: [AreaID: [Double]]] = [:]
        var seen: [String: Int] = [:]
        var outside = 0
        for row in table.rows {
            guard let areaText = table.text(row, "area", log: &log) else { continue }
            let area = AreaID(areaText)
            guard areas.isKnown(area) else {
                log.unknownID(.area, area.rawValue, file: table.file, line: row.line, column: "area")
                continue
            }
            guard let sexText = table.text(row, "sex", log: &log) else { continue }
            guard let sex = Sex(code: sexText) else {
                log.report(.notASex(sexText), at: Location(table.file, line: row.line, column: "sex"))
                continue
            }
            guard let ageText = table.text(row, "age", log: &log) else { continue }
            guard let group = AgeLabel.parse(ageText) else {
                log.error(table.file, line: row.line, column: "age", "\"\(ageText)\" is not an age (0–100) or an age group like 20-24")
                continue
            }
            guard let net = table.number(row, "net_migrants", .within(-1e7...1e7), "net migrants in a year", log: &log) else { continue }
            var year: Int?
            if hasYear && !table.cell(row, "year").isEmpty {
                guard let y = table.integer(row, "year", 1900...2200, "a calendar year", log: &log) else { continue }
                year = y
            }
            let key = "\(area)|\(sex.code)|\(group.lower)|\(year.map(String.init) ?? "*")"
            if let first = seen[key] {
                log.report(.givenTwice(what: "area \(area), sex \(sex.code), age \(group)\(year.map { " in \($0)" } ?? "")", firstLine: first),
                           at: Location(table.file, line: row.line, column: "age"))
                continue
            }
            seen[key] = row.line
            if let y = year, let years, !(years.lowerBound..<years.upperBound).contains(y) {
                outside += 1
                continue
            }
            let upper = min(group.upper ?? Ages.open, Ages.open)
            let lower = min(group.lower, Ages.open)
            let perAge = net / Double(upper - lower + 1)
            var block = (year.flatMap { byYear[$0]?[area] } ?? (year == nil ? everyYear[area] : nil)) ?? [Double](repeating: 0, count: Ages.perArea)
            for a in lower...upper { block[Ages.index(sex, a)] += perAge }
            if let y = year { byYear[y, default: [:]][area] = block } else { everyYear[area] = block }
        }
        if outside > 0, let years {
            log.warning(table.file, column: "year", "\(outside) rows have a year outside the projected steps \(years.lowerBound)–\(years.upperBound - 1) and are ignored")
        }
        return (everyYear, byYear)
    }
}

/// `housing.csv`: `area,year,households,persons_per_household` with an optional `from` (the
/// district the movers leave; empty = from outside the county). Movers arrive in the given year with
/// the housing age profile of `scenario.yaml` (default: Rogers–Castro fundamental), half of each sex.
enum HousingTable {
    static func read(_ table: CSVTable, areas: AreaRegistry, years: ClosedRange<Int>?, log: inout DiagnosticLog) -> [HousingEstate] {
        guard table.require(["area", "year", "households", "persons_per_household"], log: &log) else { return [] }
        var estates: [HousingEstate] = []
        for row in table.rows {
            guard let areaText = table.text(row, "area", log: &log) else { continue }
            let area = AreaID(areaText)
            guard areas.isKnown(area) else {
                log.unknownID(.area, area.rawValue, file: table.file, line: row.line, column: "area")
                continue
            }
            let year = table.integer(row, "year", 1900...2200, "a calendar year", log: &log)
            let households = table.number(row, "households", .people, "a number of households", log: &log)
            let pph = table.number(row, "persons_per_household", .within(0.5...10), "persons per household", log: &log)
            var origin: AreaID?
            if table.column("from") != nil, !table.cell(row, "from").isEmpty {
                let id = AreaID(table.cell(row, "from"))
                guard areas.isDistrict(id) else {
                    log.unknownID(.district, id.rawValue, file: table.file, line: row.line, column: "from", also: ": movers come from a district")
                    continue
                }
                origin = id
            }
            guard let year, let households, let pph else { continue }
            if let years, !(years.lowerBound..<years.upperBound).contains(year) {
                log.warning(table.file, line: row.line, column: "year", "\(year) is outside the projected steps \(years.lowerBound)–\(years.upperBound - 1); the estate is ignored")
                continue
            }
            estates.append(HousingEstate(area: area, year: year, households: households, personsPerHousehold: pph, origin: origin))
        }
        return estates
    }
}
