import Foundation
import ScenarioModel

/// The pre-check run before any solve (docs/optimizer.md): what cannot hold whatever the plan,
/// in planners' terms.
public enum FeasibilityCheck {
    public struct Finding: Sendable, CustomStringConvertible, Equatable {
        public let family: LayoutModel.Family
        public let message: String
        public var description: String { message }
    }

    public static func run(_ inst: LayoutInstance) -> [Finding] {
        var out: [Finding] = []
        let F = inst.facilities
        func most(_ s: Int, _ stage: Stage) -> Double { inst.mostSeats(s, stage) }
        /// The most seats of `stage` among the facilities `include` admits: every existing school at
        /// its most, each site at its largest option.
        func maxSeats(_ stage: Stage, where include: (Int) -> Bool) -> Double {
            var total = 0.0
            for s in F.indices where F[s].isExisting && include(s) { total += most(s, stage) }
            for options in inst.siteOptions {
                total += options.filter(include).map { most($0, stage) }.max() ?? 0
            }
            return total
        }
        // 1. Seats per stage.
        for stage in Stage.allCases {
            let demand = inst.demand(of: stage)
            guard demand > 0 else { continue }
            let most = maxSeats(stage) { _ in true }
            if most < demand - 1e-6 {
                out.append(Finding(family: .capacity, message: "\(stage.rawValue) (\(stage.nameZH)): \(grouped(demand - most)) seats short county-wide in "
                    + "\(inst.designYear) even with every public school expanded by up to \(inst.maxExpansion) classrooms and every candidate site built "
                    + "(\(grouped(most)) seats at most for \(grouped(demand)) pupils)"))
            }
        }
        // 2. Reach.
        for (p, point) in inst.points.enumerated() where inst.pointArcs[p].isEmpty {
            out.append(Finding(family: .assign, message: "\(inst.name(point.area)) \(point.group.nameZH): no school or candidate site teaching it within reach "
                + "(\(grouped(point.peak)) pupils; the group may not board)"))
        }
        // 2b. Single source: a point goes whole to one school, so that school must be able to hold it.
        for (p, point) in inst.points.enumerated() where !inst.pointArcs[p].isEmpty {
            let largest = inst.pointArcs[p].map { most(inst.arcs[$0].facility, point.group.stage) }.max() ?? 0
            if largest < point.peak - 1e-6 {
                let year = point.peak > point.pupils + 1e-6 ? "by \(inst.seatsThrough)" : "in \(inst.designYear)"
                out.append(Finding(family: .assign, message: "\(inst.name(point.area)) \(point.group.nameZH): \(grouped(point.peak)) pupils \(year), "
                    + "but the largest school within reach can hold \(grouped(largest)); a community goes to one school "
                    + "(add a larger size in optimizer.sizes, or an earlier optimizer.seats_through; a community too large for one school is split by grade only "
                    + "when one grade fits)"))
            }
        }
        // 3. Concentration.
        for t in inst.concentration {
            let stages = Set(t.groups.map(\.stage))
            let demand = inst.points.filter { t.groups.contains($0.group) }.reduce(0) { $0 + $1.pupils }
            let possible = stages.reduce(0.0) { sum, stage in sum + maxSeats(stage) { !F[$0].places.isDisjoint(with: t.places) } }
            if possible < t.share * demand - 1e-6 {
                out.append(Finding(family: .concentration, message: "\(t.label): at most \(grouped(possible)) seats possible in "
                    + "\(t.places.sorted().joined(separator: "/")) for \(grouped(demand)) pupils (\(Int((t.share * 100).rounded()))% required)"))
            }
        }
        // 3b. Required new schools: enough sites offering the kinds (one school per site).
        for r in inst.requirements {
            let sites = Set(r.options.map { o -> String in
                switch F[o].origin {
                case .option(let c, _, _): return "site \(c)"
                case .conversion(let e, _): return "school \(e)"
                case .existing: return "school \(o)"
                }
            })
            if sites.count < r.count {
                out.append(Finding(family: .required, message: "\(r.label): \(r.count) new schools required, \(sites.count) candidate sites offer one opening by \(inst.designYear)"))
            }
        }
        // 4. Township kindergartens.
        if inst.kindergartensPerTownship > 0 {
            for (district, facilities) in inst.townshipKindergartens where facilities.isEmpty {
                out.append(Finding(family: .townshipKindergarten, message: "\(inst.name(district)): no public kindergarten, no candidate site allowing one and no school whose buildings could become one (一乡一公办)"))
            }
        }
        return out
    }
}
