import Demography
import ScenarioModel

/// `fertility.csv`: `age,asfr` — births per woman per year at each age of the mother, ages 15–49 —
/// with an optional `district` column for district schedules (rows without one make the county
/// schedule). An age may be a group such as `15-19`; its rate then applies to each year in it.
/// Ages not listed have rate 0.
enum FertilityTable {
    static func read(_ table: CSVTable, areas: AreaRegistry, log: inout DiagnosticLog)
        -> (county: FertilitySchedule?, districts: [AreaID: FertilitySchedule]) {
        guard table.require(["age", "asfr"], log: &log) else { return (nil, [:]) }
        var rates: [String: [Double]] = [:]
        var setAt: [String: [Int: Int]] = [:]  // schedule → age → line
        for row in table.rows {
            var district = ""
            if table.column("district") != nil {
                district = table.cell(row, "district")
                if !district.isEmpty && !areas.isDistrict(AreaID(district)) {
                    log.error(table.file, line: row.line, column: "district",
                              areas.isKnown(AreaID(district)) ? "\(district) is a community; fertility is given per district"
                                                              : "unknown district id \(district) (not in districts.csv)")
                    continue
                }
            }
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
            guard asfr > 0 else { continue }
            var seen = setAt[district, default: [:]]
            if let clash = (group.lower...upper).first(where: { seen[$0] != nil }), let first = seen[clash] {
                log.error(table.file, line: row.line, column: "age", "age \(clash) is given twice\(district.isEmpty ? "" : " for \(district)") (first on line \(first))")
                continue
            }
            var schedule = rates[district] ?? [Double](repeating: 0, count: Ages.count)
            for a in group.lower...upper {
                schedule[a] = asfr
                seen[a] = row.line
            }
            rates[district] = schedule
            setAt[district] = seen
        }
        var county: FertilitySchedule?
        var districts: [AreaID: FertilitySchedule] = [:]
        for (key, asfr) in rates {
            let schedule = FertilitySchedule(asfr: asfr)
            if schedule.tfr > 8 {
                log.warning(table.file, column: "asfr", "the schedule\(key.isEmpty ? "" : " of \(key)") sums to a TFR of \(format((schedule.tfr * 100).rounded() / 100)); check the units (births per woman per year, not per 1000)")
            }
            if key.isEmpty { county = schedule } else { districts[AreaID(key)] = schedule }
        }
        if rates.isEmpty { log.warning(table.file, "no positive fertility rates: the projection will have no births") }
        if county == nil && rates.isEmpty { county = FertilitySchedule(asfr: [Double](repeating: 0, count: Ages.count)) }
        return (county, districts)
    }
}
