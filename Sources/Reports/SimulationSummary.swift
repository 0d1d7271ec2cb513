import Foundation
import ScenarioModel
import SeatMetrics
import EnrollmentDemand
import LayoutOptimizer
import SimulationPipeline

/// The terminal summary of `seatplan simulate`: the county's seat gap by stage, the worst
/// shortages, every missed target (with its Chinese name) and travel for the youngest.
public enum SimulationSummary {
    public static func render(_ r: SimulationResult, scenario: Scenario, schooling: Schooling) -> String {
        let years = r.allocation.years
        var out: [String] = []
        let method: String
        switch schooling.method {
        case .rates: method = "enrollment rates 按入学率"
        case .gradeProgression: method = "grade progression 年级升级比"
        }
        out.append("\(scenario.name) · seat simulation 学位模拟 \(years.lowerBound)–\(years.upperBound) · "
                   + "\(schooling.schools.count) schools · demand by \(method)")
        out.append("")
        out.append(countyTable(r, years: years, designYear: LayoutInstanceBuilder.designYear(r.allocation, settings: schooling.optimizer, baseYear: scenario.baseYear)))
        out.append("")
        out.append(indicatorTable(r, years: years))
        let notes = rateNotes(r, schooling: schooling)
        if !notes.isEmpty { out.append(notes) }
        out.append("")
        out.append(shortages(r, schooling: schooling))
        out.append("")
        out.append(missedTargets(r))
        if !r.travel.isEmpty {
            out.append("")
            out.append(travel(r, limit: schooling.travel.youngLimitMinutes))
        }
        return out.joined(separator: "\n")
    }

    /// Years shown in the county table: base, every third year, the optimizer's design year, horizon.
    static func shownYears(_ years: ClosedRange<Int>, designYear: Int? = nil) -> [Int] {
        var y = Array(stride(from: years.lowerBound, to: years.upperBound, by: 3))
        y.append(years.upperBound)
        if let d = designYear, years.contains(d), !y.contains(d) { y.append(d) }
        return y.sorted()
    }

    static func countyTable(_ r: SimulationResult, years: ClosedRange<Int>, designYear: Int? = nil) -> String {
        let shown = shownYears(years, designYear: designYear)
        var table = TextTable(header: ["county gap 全县学位缺口"] + shown.map(String.init))
        for stage in Stage.allCases {
            let rows = shown.map { y in r.seatGaps.first { $0.level == .county && $0.stage == stage && $0.year == y } }
            guard rows.contains(where: { $0 != nil }) else { continue }
            table.add(["\(stage.rawValue) \(stage.nameZH) demand"] + rows.map { $0.map { grouped($0.demand) } ?? "—" })
            table.add(["  seats 学位"] + rows.map { $0.map { grouped($0.seats) } ?? "—" })
            table.add(["  gap 缺口 (+ short)"] + rows.map { $0.map { signed($0.gap) } ?? "—" })
        }
        return table.render()
    }

    /// The headline indicators by their official definitions, in the county table's years.
    static func indicatorTable(_ r: SimulationResult, years: ClosedRange<Int>) -> String {
        let shown = shownYears(years)
        let observed = r.demand.attendance != nil
        var table = TextTable(header: ["indicators 指标" + (observed ? " (\(years.lowerBound) observed 实际)" : "")] + shown.map(String.init))
        let lines: [(Indicator, Stage?)] = [
            (.preschoolGrossEnrollment, nil), (.grossEnrollment, .primary), (.grossEnrollment, .junior), (.compulsoryConsolidation, nil),
            (.highSchoolGrossEnrollment, nil), (.seatGuarantee, .kindergarten), (.seatGuarantee, .primary), (.seatGuarantee, .junior),
            (.seatGuarantee, .senior), (.bigClassShare, .primary), (.bigClassShare, .junior), (.bigClassShare, .senior),
            (.averageClassSize, .primary), (.averageClassSize, .junior), (.superBigClasses, nil),
        ]
        let byKey = Dictionary(r.indicators.map { ("\($0.indicator.rawValue)|\($0.stage?.rawValue ?? "")|\($0.year)", $0) }, uniquingKeysWith: { a, _ in a })
        for (indicator, stage) in lines {
            let values = shown.map { byKey["\(indicator.rawValue)|\(stage?.rawValue ?? "")|\($0)"]?.value }
            guard values.contains(where: { $0 != nil }) else { continue }
            table.add([indicator.nameZH(stage)] + values.map { v in
                guard let v else { return "—" }
                return indicator.isRatio ? String(format: "%.1f%%", v * 100) : (v == v.rounded() ? grouped(v) : String(format: "%.1f", v))
            })
        }
        return table.render()
    }

    /// Where a rate path given as numbers starts away from the observed base year, and children the
    /// base year's attendance could not place.
    static func rateNotes(_ r: SimulationResult, schooling: Schooling) -> String {
        guard case .rates(let rates) = schooling.method, !r.demand.observedRates.isEmpty else { return "" }
        let base = r.allocation.years.lowerBound
        var lines: [String] = []
        if let unmatched = r.demand.attendance?.unmatched, !unmatched.isEmpty {
            let short = unmatched.reduce(0) { $0 + $1.pupils }
            let areas = Set(unmatched.map(\.area)).count
            lines.append("note: the attendance model places \(grouped(short)) pupils fewer than \(areas) area\(areas == 1 ? "" : "s") would send "
                         + "at the county's rates (no school within reach of some): counted as not enrolled")
        }
        for key in EnrollmentRates.Key.allCases {
            let path = rates[key]
            guard !path.startsObserved, let observed = r.demand.observedRates[key] else { continue }
            let given = path.resolved(observed: nil).value(in: base + 1)
            guard abs(given - observed) > 0.005 else { continue }
            lines.append("note: \(key.yamlKey) gives \(String(format: "%.3f", given)) in \(base + 1); the base year's statistics imply "
                         + "\(String(format: "%.3f", observed)) — the projection jumps there (write {\(base): observed, …} to start from them)")
        }
        return lines.joined(separator: "\n")
    }

    static func shortages(_ r: SimulationResult, schooling: Schooling, limit: Int = 10) -> String {
        let names = Dictionary(uniqueKeysWithValues: schooling.schools.map { ($0.id.rawValue, $0.name) })
        let worst = Dictionary(grouping: r.seatGaps.filter { $0.level == .school && $0.gap > 0.5 }) { "\($0.id)|\($0.stage.rawValue)" }
            .values.compactMap { $0.max { $0.gap < $1.gap } }
            .sorted { $0.gap > $1.gap }
        guard !worst.isEmpty else { return "Worst shortages 学位缺口: none — every school has seats for its pupils in every year." }
        var table = TextTable(header: ["worst shortages 学位缺口最大", "stage 学段", "year", "gap 缺口", "use 使用率", "big 大班额", "first red 首次红色预警"])
        let firstRed = Dictionary(uniqueKeysWithValues: r.warnings.filter { $0.level == .school }.map { ("\($0.id)|\($0.stage.rawValue)", $0.firstRed) })
        for row in worst.prefix(limit) {
            table.add(["\(row.id) \(names[row.id] ?? "")", row.stage.nameZH, String(row.year), signed(row.gap),
                       row.utilisation.map { String(format: "%.0f%%", $0 * 100) } ?? "—", String(row.formation.bigClasses),
                       (firstRed["\(row.id)|\(row.stage.rawValue)"] ?? nil).map(String.init) ?? "—"])
        }
        let more = worst.count > limit ? "\n… and \(worst.count - limit) more school stages short of seats in some year (seat_gap.csv)" : ""
        return table.render() + more
    }

    static func missedTargets(_ r: SimulationResult) -> String {
        var lines: [String] = []
        var order: [String] = []
        let groups = Dictionary(grouping: r.targets) { row -> String in
            if !order.contains(row.target) { order.append(row.target) }
            return row.target
        }
        for id in order {
            guard let rows = groups[id] else { continue }
            let missed = rows.filter { $0.met == false }
            let sign = rows[0].comparison == .atLeast ? "≥" : "≤"
            if missed.isEmpty {
                if rows.allSatisfy({ $0.met == nil }), let note = rows[0].note { lines.append("  ? \(rows[0].nameZH) (\(id)): \(note)") }
                continue
            }
            let worst = rows[0].comparison == .atLeast ? missed.min { ($0.achieved ?? 0) < ($1.achieved ?? 0) }
                                                       : missed.max { ($0.achieved ?? 0) < ($1.achieved ?? 0) }
            let years = missed.map(\.year)
            let span = years.count == 1 ? "\(years[0])" : "\(years.first ?? 0)–\(years.last ?? 0) (\(years.count) of \(rows.count) years)"
            lines.append("  ✗ \(rows[0].nameZH) (\(id)) \(sign) \(number(worst?.required ?? 0)): missed in \(span); "
                         + "worst \(number(worst?.achieved ?? 0)) in \(worst?.year ?? 0)")
        }
        if lines.isEmpty { return "Targets 目标: all met in every year (targets.csv)." }
        return "Missed targets 未达标目标:\n" + lines.joined(separator: "\n")
    }

    static func travel(_ r: SimulationResult, limit: Double) -> String {
        let base = r.allocation.years.lowerBound
        let rows = r.travel.filter { $0.year == base && $0.beyondLimit > 0.5 }.sorted { ($0.share ?? 0) > ($1.share ?? 0) }
        guard !rows.isEmpty else { return "Travel 通学: no kindergarten or grade 1–3 pupil lives beyond \(Int(limit)) minutes of the assigned school in \(base)." }
        var table = TextTable(header: ["beyond \(Int(limit)) min in \(base) 超出通学时限", "group 学段组", "pupils 学生", "beyond 超出", "share 比例"])
        for row in rows {
            table.add([row.district.rawValue, row.group.nameZH, grouped(row.pupils), grouped(row.beyondLimit),
                       row.share.map { String(format: "%.0f%%", $0 * 100) } ?? "—"])
        }
        return table.render()
    }

    private static func signed(_ v: Double) -> String { v > 0.5 ? "+" + grouped(v) : grouped(v) }

    private static func number(_ v: Double) -> String { abs(v) < 10 && v != v.rounded() ? String(format: "%.3f", v) : grouped(v) }
}
