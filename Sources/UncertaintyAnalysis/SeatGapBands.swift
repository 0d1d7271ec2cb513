import CGSL
import ScenarioModel
import SeatMetrics

/// P10, P50 and P90 of demand and seat gap for every school, district and the county, stage and year,
/// and the probability that each is short, over the draws.
/// ```
/// P_q(x)    = GSL gsl_stats_quantile_from_sorted_data: x sorted, h = (n − 1) q, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋)
/// gap_q     = P_q(demand) − seats          (seats are the network's: the same in every draw)
/// P(short)  = #{draws: demand − seats > ½ pupil} / n          (SeatDemandCells.isShort)
/// ```
public struct SeatGapBand: Sendable, Equatable {
    public enum Level: String, Sendable { case school, district, county }
    public let level: Level
    public let id: String
    public let stage: Stage
    public let year: Int
    public let seats: Double
    /// Demand at P10, P50, P90.
    public let demand: (p10: Double, p50: Double, p90: Double)
    public let shortProbability: Double

    public var gap: (p10: Double, p50: Double, p90: Double) { (demand.p10 - seats, demand.p50 - seats, demand.p90 - seats) }

    public static func == (a: SeatGapBand, b: SeatGapBand) -> Bool {
        a.level == b.level && a.id == b.id && a.stage == b.stage && a.year == b.year && a.seats == b.seats
            && a.demand == b.demand && a.shortProbability == b.shortProbability
    }
}

public enum SeatGapBands {
    /// The bands of every cell with seats or demand in any draw, in the layout's order (year, entity, stage).
    public static func compute(_ r: DrawResults) -> [SeatGapBand] {
        let layout = r.layout
        var out: [SeatGapBand] = []
        var values = [Double](repeating: 0, count: r.draws)
        for year in layout.years {
            for e in 0..<layout.entityCount {
                let (level, id): (SeatGapBand.Level, String) = e < layout.schools.count ? (.school, layout.schools[e].rawValue)
                    : e < layout.county ? (.district, layout.districts[e - layout.schools.count].rawValue) : (.county, "county")
                for (k, stage) in SeatDemandCells.stages.enumerated() {
                    let c = layout.index(year: year, entity: e, stage: k)
                    let seats = layout.seats[c]
                    var short = 0
                    for d in 0..<r.draws {
                        values[d] = r.demand[d * r.cellCount + c]
                        if SeatDemandCells.isShort(values[d] - seats) { short += 1 }
                    }
                    guard seats > 0 || values.contains(where: { $0 > 0 }) else { continue }
                    values.sort()
                    out.append(SeatGapBand(level: level, id: id, stage: stage, year: year, seats: seats,
                                           demand: (quantile(values, 0.1), quantile(values, 0.5), quantile(values, 0.9)),
                                           shortProbability: Double(short) / Double(max(1, r.draws))))
                }
            }
        }
        return out
    }

    /// The `q` quantile of sorted values (GSL).
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, sorted.count, q) }
    }

    /// Per year, the probability that some stage is short somewhere (`isShort(short(σ, t))` for some σ).
    public static func anyStageShort(_ r: DrawResults) -> [(year: Int, probability: Double)] {
        let stages = SeatDemandCells.stages.count
        let perDraw = r.layout.years.count * stages
        return r.layout.years.map { year in
            let y = year - r.layout.years.lowerBound
            let count = (0..<r.draws).filter { d in (0..<stages).contains { SeatDemandCells.isShort(r.short[d * perDraw + y * stages + $0]) } }.count
            return (year, Double(count) / Double(max(1, r.draws)))
        }
    }

    /// Per stage and year, the probability that the stage is short (`isShort(short(σ, t))`: its schools
    /// short of seats, with the residents who have none, by more than half a pupil), and the mean seats
    /// short, `E[short(σ, t)]`.
    public static func stageShortage(_ r: DrawResults) -> [(stage: Stage, year: Int, probability: Double, meanShort: Double)] {
        let stages = SeatDemandCells.stages
        let perDraw = r.layout.years.count * stages.count
        return r.layout.years.flatMap { year in
            stages.enumerated().map { k, stage in
                let i = (year - r.layout.years.lowerBound) * stages.count + k
                var count = 0, sum = 0.0
                for d in 0..<r.draws {
                    let v = r.short[d * perDraw + i]
                    if SeatDemandCells.isShort(v) { count += 1 }
                    sum += v
                }
                let n = Double(max(1, r.draws))
                return (stage, year, Double(count) / n, sum / n)
            }
        }
    }
}
