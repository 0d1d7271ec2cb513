import Foundation
import PlanComparison
import ScenarioModel

/// The outputs of `seatplan compare`: `comparison.csv` in long form, `comparison.xlsx` with a sheet per
/// topic and one column per plan, `comparison.md` and the terminal's headline table — all from the
/// same rows (`PlanComparison.compare`).
public enum ComparisonReport {
    /// `comparison.csv`: `plan,indicator,stage,year,value`, every row of every plan (totals have an
    /// empty year).
    public static func csv(_ rows: [ComparisonRow]) -> Data {
        var out = CSVOutput(header: ["plan", "indicator", "stage", "year", "value"])
        for r in rows {
            out.row([r.plan, r.indicator, r.stage, r.year.map(String.init) ?? "", ReportCell.number(r.value, places: r.places).csvText])
        }
        return out.data
    }

    /// One table per topic: an indicator (English and Chinese), stage, year, then a column per plan.
    public static func tables(_ rows: [ComparisonRow], plans: [String]) -> [ReportTable] {
        ComparisonTopic.allCases.compactMap { topic in
            let grid = Grid(rows.filter { $0.topic == topic }, plans: plans)
            guard !grid.keys.isEmpty else { return nil }
            var t = ReportTable(file: nil, sheet: topic.title, columns: [("indicator", "指标"), ("name_zh", "指标名称"), ("stage", "学段"), ("year", "年份")]
                                + plans.map { ($0, "") })
            // Money in 万元 in the workbook: the names' unit (元) follows.
            let money = topic == .money
            for key in grid.keys {
                let name = grid.nameZH[key] ?? ""
                t.add([.text(key.indicator), .text(money ? name.replacingOccurrences(of: "(元", with: "(万元") : name), .text(key.stage),
                       key.year.map { .year($0) } ?? .empty]
                      + plans.map { plan in grid.value(key, plan).map { money ? .money($0) : .number($0, places: grid.places[key] ?? 1) } ?? .empty })
            }
            return t
        }
    }

    /// `comparison.md`: each topic's rows in the chosen years and the totals, a column per plan.
    public static func markdown(_ rows: [ComparisonRow], plans: [String], years: [Int], title: String) -> String {
        var out = ["# \(title)", "", "Plans compared 方案比较: " + plans.enumerated().map { "\($0 + 1). \($1)" }.joined(separator: "; ")
                   + ". Years shown: " + years.map(String.init).joined(separator: ", ") + " (every year in comparison.csv and comparison.xlsx)."]
        for topic in ComparisonTopic.allCases {
            let grid = Grid(rows.filter { $0.topic == topic && ($0.year.map(years.contains) ?? true) }, plans: plans)
            guard !grid.keys.isEmpty else { continue }
            out += ["", "## \(topic.title)", "", "| indicator 指标 | stage 学段 | year 年份 | " + plans.joined(separator: " | ") + " |",
                    "|---|---|---|" + String(repeating: "---:|", count: plans.count)]
            for key in grid.keys where !key.indicator.hasPrefix("target_met.") {
                let met = Grid.Key(indicator: key.indicator.replacingOccurrences(of: "target.", with: "target_met."), stage: key.stage, year: key.year)
                let cells = plans.map { plan in
                    grid.value(key, plan).map { v in
                        format(v, places: grid.places[key] ?? 1) + (key.indicator.hasPrefix("target.") ? (grid.value(met, plan) == 1 ? " ✓" : " ✗") : "")
                    } ?? "—"
                }
                out.append("| \(grid.nameZH[key] ?? "") \(key.indicator) | \(key.stage) | \(key.year.map(String.init) ?? "total") | "
                           + cells.joined(separator: " | ") + " |")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The terminal's headline table: money, seats added, schools, pupils moved, the seats short at the
    /// schools per stage in the chosen years and the targets missed.
    public static func headline(_ rows: [ComparisonRow], plans: [String], years: [Int]) -> String {
        let horizon = rows.compactMap(\.year).max() ?? 0
        var table = TextTable(header: ["comparison 方案比较"] + plans)
        let grid = Grid(rows, plans: plans)
        func line(_ label: String, _ indicator: String, stage: String = "", year: Int? = nil, scale: Double = 1, places: Int = 0) {
            let key = Grid.Key(indicator: indicator, stage: stage, year: year)
            guard grid.nameZH[key] != nil else { return }
            table.add([label] + plans.map { p in grid.value(key, p).map { format($0 / scale, places: places) } ?? "—" })
        }
        line("capital 投资 (¥ M)", "capital_total", scale: 1e6, places: 1)
        line("lifetime cost 折现总费用 (¥ M)", "lifetime_cost", scale: 1e6, places: 1)
        line("operating \(horizon) 运行费用 (¥ M/yr)", "operating_cost", year: horizon, scale: 1e6, places: 1)
        for stage in Stage.allCases {
            line("seats added \(horizon) 新增学位 \(stage.nameZH)", "seats_added", stage: stage.rawValue, year: horizon)
        }
        line("schools opened 新建", "schools_opened")
        line("schools closed 撤并", "schools_closed")
        line("pupils relocated \(horizon) 调整就读", "pupils_relocated", year: horizon)
        line("boarders \(horizon) 寄宿生", "boarders", year: horizon)
        for group in PupilGroup.allCases {
            let keys = ["travel_mean_minutes", "travel_p95_minutes"].map { Grid.Key(indicator: $0, stage: group.rawValue, year: horizon) }
            guard keys.allSatisfy({ grid.nameZH[$0] != nil }) else { continue }
            table.add(["travel \(horizon) mean/p95 通学(分钟) \(group.nameZH)"]
                      + plans.map { p in keys.map { grid.value($0, p).map { format($0, places: 0) } ?? "—" }.joined(separator: "/") })
        }
        let yearList = years.map(String.init).joined(separator: "/")
        for stage in Stage.allCases {
            let keys = years.map { Grid.Key(indicator: "seats_short", stage: stage.rawValue, year: $0) }
            guard keys.contains(where: { grid.nameZH[$0] != nil }) else { continue }
            table.add(["short 学位不足 \(stage.nameZH) \(yearList)"]
                      + plans.map { p in keys.map { grid.value($0, p).map { format($0, places: 0) } ?? "—" }.joined(separator: "/") })
        }
        for stage in Stage.allCases {
            let keys = years.map { Grid.Key(indicator: "expected_seats_short", stage: stage.rawValue, year: $0) }
            guard keys.contains(where: { grid.nameZH[$0] != nil }) else { continue }
            table.add(["E[short] 学位不足期望 \(stage.nameZH) \(yearList)"]
                      + plans.map { p in keys.map { grid.value($0, p).map { format($0, places: 0) } ?? "—" }.joined(separator: "/") })
        }
        if grid.nameZH[Grid.Key(indicator: "probability_any_stage_short", stage: "", year: years.first)] != nil {
            let keys = years.map { Grid.Key(indicator: "probability_any_stage_short", stage: "", year: $0) }
            table.add(["P(any stage short) 学位不足概率 \(yearList)"]
                      + plans.map { p in keys.map { grid.value($0, p).map { String(format: "%.0f%%", $0 * 100) } ?? "—" }.joined(separator: "/") })
        }
        line("targets missed 未达标 (target-years)", "targets_missed")
        var out = table.render()
        for (i, a) in plans.enumerated() {
            for b in plans[(i + 1)...] where PlanComparison.differences(rows, a, b).isEmpty {
                out += "\n\(a) and \(b): no figure differs."
            }
        }
        return out
    }

    /// `8,352`, `0.9234`: grouped integers, fixed decimals.
    static func format(_ v: Double, places: Int) -> String {
        places == 0 ? grouped(v) : ReportCell.number(v, places: places).csvText
    }

    /// Rows keyed by indicator, stage and year with a value per plan: indicators and stages in order of
    /// first appearance, each one's years in order and its total last.
    struct Grid {
        struct Key: Hashable { let indicator: String; let stage: String; let year: Int? }
        private(set) var keys: [Key] = []
        private(set) var nameZH: [Key: String] = [:]
        private(set) var places: [Key: Int] = [:]
        private var values: [Key: [String: Double]] = [:]

        init(_ rows: [ComparisonRow], plans: [String]) {
            var series: [String: Int] = [:]
            for r in rows {
                let key = Key(indicator: r.indicator, stage: r.stage, year: r.year)
                if nameZH[key] == nil {
                    keys.append(key)
                    nameZH[key] = r.nameZH
                    places[key] = r.places
                    if series[r.indicator + "\u{1F}" + r.stage] == nil { series[r.indicator + "\u{1F}" + r.stage] = series.count }
                }
                values[key, default: [:]][r.plan] = r.value
            }
            keys.sort { a, b in
                let sa = series[a.indicator + "\u{1F}" + a.stage]!, sb = series[b.indicator + "\u{1F}" + b.stage]!
                return sa != sb ? sa < sb : (a.year ?? Int.max) < (b.year ?? Int.max)
            }
        }

        func value(_ key: Key, _ plan: String) -> Double? { values[key]?[plan] }
    }
}
