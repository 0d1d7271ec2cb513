import Foundation
import ScenarioModel
import UncertaintyAnalysis

/// The outputs of `seatplan simulate --draws N`: `seat_gap_bands.csv`, `shortage_probability.csv` and
/// the terminal's county table.
public enum UncertaintyReport {
    /// `seat_gap_bands.csv`: P10/P50/P90 of demand and gap per school, district and county, stage, year.
    public static func bands(_ bands: [SeatGapBand]) -> ReportTable {
        var t = ReportTable(file: "seat_gap_bands.csv", sheet: "学位缺口区间 seat_gap_bands", columns: [
            ("level", "层级"), ("id", "编号"), ("stage", "学段"), ("year", "年份"), ("seats", "学位供给"),
            ("demand_p10", "学位需求P10"), ("demand_p50", "学位需求P50"), ("demand_p90", "学位需求P90"),
            ("gap_p10", "学位缺口P10"), ("gap_p50", "学位缺口P50"), ("gap_p90", "学位缺口P90"),
        ])
        for b in bands {
            let g = b.gap
            t.add([.text(b.level.rawValue), .text(b.id), .stage(b.stage), .year(b.year), .count(b.seats),
                   .count(b.demand.p10), .count(b.demand.p50), .count(b.demand.p90), .count(g.p10), .count(g.p50), .count(g.p90)])
        }
        return t
    }

    /// `shortage_probability.csv`: the share of draws in which demand exceeds seats.
    public static func shortage(_ bands: [SeatGapBand]) -> ReportTable {
        var t = ReportTable(file: "shortage_probability.csv", sheet: "学位不足概率 shortage_probability", columns: [
            ("level", "层级"), ("id", "编号"), ("stage", "学段"), ("year", "年份"), ("seats", "学位供给"), ("probability_short", "学位不足概率"),
        ])
        for b in bands {
            t.add([.text(b.level.rawValue), .text(b.id), .stage(b.stage), .year(b.year), .count(b.seats), .share(b.shortProbability)])
        }
        return t
    }

    /// The county's demand band per stage in the chosen years, with the probability that some school
    /// of the stage is short.
    public static func summary(_ bands: [SeatGapBand], stageShortage: [(stage: Stage, year: Int, probability: Double, meanShort: Double)],
                               years: [Int], draws: Int, seed: UInt, title: String) -> String {
        var table = TextTable(header: ["county demand P10–P50–P90 全县学位需求"] + years.map(String.init))
        for stage in Stage.allCases {
            let rows = years.map { y in bands.first { $0.level == .county && $0.stage == stage && $0.year == y } }
            guard rows.contains(where: { $0 != nil }) else { continue }
            table.add(["\(stage.rawValue) \(stage.nameZH)"] + rows.map { b in
                b.map { "\(grouped($0.demand.p10))–\(grouped($0.demand.p50))–\(grouped($0.demand.p90))" } ?? "—"
            })
            table.add(["  seats 学位"] + rows.map { $0.map { grouped($0.seats) } ?? "—" })
            table.add(["  P(a school short) 有校学位不足"] + years.map { y in
                stageShortage.first { $0.stage == stage && $0.year == y }.map { String(format: "%.0f%%", $0.probability * 100) } ?? "—"
            })
        }
        return "\(title) · \(draws) draws 次抽样, seed \(seed)\n\n" + table.render()
    }
}
