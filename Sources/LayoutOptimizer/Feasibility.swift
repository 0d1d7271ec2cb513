import ScenarioModel

/// Checks a `LayoutDecision` against the constraint families of docs/optimizer.md.
public enum Feasibility {
    public struct Violation: Sendable, CustomStringConvertible {
        public let family: LayoutModel.Family
        public let message: String
        public var description: String { "\(family.rawValue): \(message)" }
    }

    public static func violations(_ d: LayoutDecision, _ inst: LayoutInstance,
                                  families: Set<LayoutModel.Family> = Set(LayoutModel.Family.allCases)) -> [Violation] {
        var out: [Violation] = []
        let F = inst.facilities
        if families.contains(.assign) {
            for (p, k) in d.arc.enumerated() where k == nil {
                out.append(Violation(family: .assign, message: "\(inst.points[p].area) \(inst.points[p].group.rawValue) has no school"))
            }
        }
        var capital = 0.0
        for (s, f) in F.enumerated() where d.open[s] {
            let load = d.load(inst, s)
            let total = load.sumInKeyOrder
            if !f.isExisting { capital += f.capital }
            for (stage, n) in d.expansion[s] ?? [:] { capital += Double(n) * (inst.classroomCost[stage] ?? 0) }
            capital += Double(d.beds[s] ?? 0) * inst.bedCost
            if families.contains(.capacity) {
                for (stage, pupils) in load {
                    let seats = (f.seats[stage] ?? 0) + Double((d.expansion[s]?[stage] ?? 0) + (d.temporary[s]?[stage] ?? 0)) * (f.seatsPerClassroom[stage] ?? 0)
                        + d.freedSeats(inst, s, stage)
                    if pupils > seats + 1e-6 { out.append(Violation(family: .capacity, message: "\(f.school.id) \(stage.rawValue): \(pupils) pupils for \(seats) seats")) }
                }
            }
            if families.contains(.ceiling), total > f.ceiling + 1e-6 {
                out.append(Violation(family: .ceiling, message: "\(f.school.id): \(total) pupils above \(f.ceiling)"))
            }
            if families.contains(.minimum), !f.protected {
                let minimum = (f.isExisting ? inst.minimumUtilisation : inst.newSchoolMinimumUtilisation) * f.seats.sumInKeyOrder
                if total < minimum - 1e-6 { out.append(Violation(family: .minimum, message: "\(f.school.id): \(total) pupils below \(minimum)")) }
            }
        }
        if families.contains(.budget), let budget = inst.budget, capital > budget + 1e-6 {
            out.append(Violation(family: .budget, message: "capital \(capital) above \(budget)"))
        }
        if families.contains(.yearlyBudget) {
            for (year, over) in d.yearlyOverruns(inst).sorted(by: { $0.key < $1.key }) where over > 1e-6 {
                out.append(Violation(family: .yearlyBudget, message: "capital \(over) above \(year)'s budget"))
            }
        }
        if families.contains(.concentration) {
            for t in inst.concentration {
                var inside = 0.0, all = 0.0
                for (p, point) in inst.points.enumerated() where t.groups.contains(point.group) {
                    all += point.pupils
                    if let k = d.arc[p], !F[inst.arcs[k].facility].places.isDisjoint(with: t.places) { inside += point.pupils }
                }
                if inside < t.share * all - 1e-6 { out.append(Violation(family: .concentration, message: "\(t.label): \(inside) of \(all)")) }
            }
        }
        if families.contains(.convert) {
            for (e, options) in inst.conversions where (d.open[e] ? 1 : 0) + options.filter({ d.open[$0] }).count > 1 {
                out.append(Violation(family: .convert, message: "\(F[e].school.id) converted while open, or to two kinds"))
            }
        }
        if families.contains(.swap) {
            for pair in d.swaps(inst) {
                out.append(Violation(family: .swap, message: "\(pair.group.rawValue) pupils both ways between \(F[pair.first].school.id) and \(F[pair.second].school.id)"))
            }
        }
        if families.contains(.relocation), let cap = inst.maxRelocatedShare {
            let moved = d.relocated(inst), most = cap * inst.designYearPupils
            if moved > most + 1e-6 { out.append(Violation(family: .relocation, message: "\(moved) pupils relocated, at most \(most)")) }
        }
        if families.contains(.required) {
            for r in inst.requirements {
                let built = r.options.filter { d.open[$0] }.count
                if built < r.count { out.append(Violation(family: .required, message: "\(r.label): \(built) of \(r.count) new schools built")) }
            }
            for (s, byStage) in inst.committedExpansion.sorted(by: { $0.key < $1.key }) {
                for (stage, rooms) in byStage.sorted(by: { $0.key < $1.key }) where !d.open[s] || (d.expansion[s]?[stage] ?? 0) < rooms {
                    out.append(Violation(family: .required, message: "\(F[s].school.id) \(stage.rawValue): \(rooms) classrooms committed, "
                                         + "\(d.open[s] ? d.expansion[s]?[stage] ?? 0 : 0) added"))
                }
            }
        }
        if families.contains(.townshipKindergarten), inst.kindergartensPerTownship > 0 {
            for (district, facilities) in inst.townshipKindergartens {
                let n = facilities.filter { d.teaches(inst, $0, .kindergarten) }.count
                if Double(n) < inst.kindergartensPerTownship {
                    out.append(Violation(family: .townshipKindergarten, message: "\(district) has \(n) public kindergartens"))
                }
            }
        }
        return out
    }
}
