import Demography
import ScenarioModel

/// `fertility.csv`: `age,asfr` — births per woman per year at each age of the mother, ages 15–49 —
/// with an optional `district` column for district schedules (rows without one make the county
/// schedule) and an optional `year` column for schedules that change by year (interpolated between
/// the years given, see `ScheduleSeries`). An age may be a group such as `15-19`; its rate then
/// applies to each year in it. Ages not listed have rate 0.
enum FertilityTable {
    static func read(_ table: CSVTable, areas: AreaRegistry, log: inout DiagnosticLog)
        -> (county: ScheduleSeries<FertilitySchedule>?, districts: [AreaID: ScheduleSeries<FertilitySchedule>]) {
        guard table.require(["age", "asfr"], log: &log) else { return (nil, [:]) }
        var rates: [TableKey: [Double]] = [:]
        var setAt: [TableKey: [Int: Int]] = [:]  // schedule → age → line
        var firstLine: [TableKey: Int] = [:]
        for row in table.rows {
            guard let key = TableKey.read(table, row, areas: areas, what: "fertility rates", log: &log) else { continue }
            guard let ageText = table.text(row, "age", log: &log) else { continue }
            guard let group = AgeLabel.parse(ageText, openAge: Int.max), let upper = group.upper else {
                log.error(table.file, line: row.line, column: "age", "\"\(ageText)\" is not an age or a closed age group like 15-19")
                continue
            }
            guard let asfr = table.number(row, "asfr", .unitInterval, "a fertility rate (births per woman per year)", log: &log) else { continue }
            if asfr > 0 && (group.lower < Ages.reproductive.lowerBound || upper > Ages.reproductive.upperBound) {
                log.error(table.file, line: row.line, column: "age",
                          "fertility at age \(group) is outside ages 15–49; SeatPlan counts births to mothers aged 15–49 only")
                continue
            }
            firstLine[key] = firstLine[key] ?? row.line
            if rates[key] == nil { rates[key] = [Double](repeating: 0, count: Ages.count) }
            guard asfr > 0 else { continue }
            var seen = setAt[key, default: [:]]
            if let clash = (group.lower...upper).first(where: { seen[$0] != nil }), let first = seen[clash] {
                log.error(table.file, line: row.line, column: "age", "age \(clash) is given twice\(key.label) (first on line \(first))")
                continue
            }
            var schedule = rates[key] ?? []
            for a in group.lower...upper {
                schedule[a] = asfr
                seen[a] = row.line
            }
            rates[key] = schedule
            setAt[key] = seen
        }
        guard TableKey.consistentYears(Array(rates.keys), file: table.file, lines: firstLine, log: &log) else { return (nil, [:]) }
        var schedules: [TableKey: FertilitySchedule] = [:]
        for (key, asfr) in rates.sorted(by: { $0.key < $1.key }) {
            let schedule = FertilitySchedule(asfr: asfr)
            if schedule.tfr > 8 {
                log.warning(table.file, line: firstLine[key], column: "asfr",
                            "the schedule\(key.label) sums to a TFR of \(format((schedule.tfr * 100).rounded() / 100)); check the units (births per woman per year, not per 1000)")
            }
            schedules[key] = schedule
        }
        if !rates.values.contains(where: { $0.contains { $0 > 0 } }) { log.warning(table.file, "no positive fertility rates: the projection will have no births") }
        var result = TableKey.series(schedules)
        if result.county == nil && rates.isEmpty { result.county = ScheduleSeries(FertilitySchedule(asfr: [Double](repeating: 0, count: Ages.count))) }
        return result
    }
}
