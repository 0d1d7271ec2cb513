import ScenarioModel

/// A complete layout: which facilities are open, what they teach, expansions, beds, and the arc
/// (school) of every demand point — from the MILP or from the heuristic.
public struct LayoutDecision: Sendable, Equatable {
    /// Per facility: open (existing kept / option built).
    public var open: [Bool]
    /// Groups each open existing facility keeps teaching.
    public var teaches: [Int: Set<PupilGroup>]
    /// Classrooms added by facility and stage.
    public var expansion: [Int: [Stage: Int]]
    /// Boarding beds added by facility.
    public var beds: [Int: Int]
    /// Chosen arc per point (nil: unserved, elastic only).
    public var arc: [Int?]
    /// Temporary classrooms by facility and stage (`r`; yearly cost, no capital).
    public var temporary: [Int: [Stage: Int]]

    public init(open: [Bool], teaches: [Int: Set<PupilGroup>], expansion: [Int: [Stage: Int]], beds: [Int: Int], arc: [Int?],
                temporary: [Int: [Stage: Int]] = [:]) {
        self.temporary = temporary
        self.open = open
        self.teaches = teaches
        self.expansion = expansion
        self.beds = beds
        self.arc = arc
    }

    /// Whether open facility s teaches group g (an existing school the groups it keeps, a new one all).
    public func teaches(_ inst: LayoutInstance, _ s: Int, _ g: PupilGroup) -> Bool {
        open[s] && inst.facilities[s].groups.contains(g) && (inst.facilities[s].isExisting ? teaches[s]?.contains(g) ?? false : true)
    }

    /// Design-year pupils of each facility by group (`d_p`, for the classes).
    public func groupPupils(_ inst: LayoutInstance) -> [[PupilGroup: Double]] {
        var out = [[PupilGroup: Double]](repeating: [:], count: inst.facilities.count)
        for (p, k) in arc.enumerated() { if let k { out[inst.arcs[k].facility][inst.points[p].group, default: 0] += inst.points[p].pupils } }
        return out
    }

    /// Yearly cost by the objective's formula, and the capital spent.
    public func cost(_ inst: LayoutInstance) -> (total: Double, capital: Double) {
        var capital = 0.0, yearly = 0.0
        let pupils = groupPupils(inst)
        for (s, f) in inst.facilities.enumerated() where open[s] {
            yearly += f.fixedCost
            if !f.isExisting { capital += f.capital }
            for g in f.groups.sorted() { yearly += f.classCost(g, pupils: pupils[s][g] ?? 0, taught: teaches(inst, s, g)) }
        }
        for (s, byStage) in expansion { for (stage, n) in byStage where open[s] { capital += Double(n) * (inst.classroomCost[stage] ?? 0) } }
        for (_, n) in beds { capital += Double(n) * inst.bedCost }
        for (s, byStage) in temporary.sorted(by: { $0.key < $1.key }) where open[s] { yearly += Double(byStage.values.reduce(0, +)) * inst.temporaryCost }
        for k in arc.compactMap({ $0 }) { yearly += inst.arcs[k].cost }
        return (yearly + inst.annuityFactor * capital, capital)
    }

    /// Pupil-minutes (one way) of the assignment.
    public func pupilMinutes(_ inst: LayoutInstance) -> Double {
        arc.enumerated().reduce(0) { sum, e in e.element.map { sum + inst.points[e.offset].pupils * inst.arcs[$0].minutes } ?? sum }
    }

    /// The objective the instance minimises.
    public func objective(_ inst: LayoutInstance) -> Double {
        inst.objective == .travel ? pupilMinutes(inst) : cost(inst).total
    }

    /// Capital by the year it is spent (`LayoutInstance.capitalYear`).
    public func capitalByYear(_ inst: LayoutInstance) -> [Int: Double] {
        var out: [Int: Double] = [:]
        for (s, f) in inst.facilities.enumerated() where open[s] {
            if !f.isExisting { out[inst.capitalYear(s), default: 0] += f.capital }
            for (stage, n) in expansion[s] ?? [:] { out[inst.capitalYear(s), default: 0] += Double(n) * (inst.classroomCost[stage] ?? 0) }
        }
        for (s, n) in beds { out[inst.bedsCapitalYear(s), default: 0] += Double(n) * inst.bedCost }
        return out
    }

    /// Capital spent above the budget of each year listed (`budget_y`), by year.
    public func yearlyOverruns(_ inst: LayoutInstance) -> [Int: Double] {
        guard !inst.budgetByYear.isEmpty else { return [:] }
        let spent = capitalByYear(inst)
        var out: [Int: Double] = [:]
        for (year, budget) in inst.budgetByYear where (spent[year] ?? 0) > budget { out[year] = (spent[year] ?? 0) - budget }
        return out
    }

    /// Capital spent above the budget for the whole plan (0 within it).
    public func budgetOverrun(_ inst: LayoutInstance) -> Double { inst.budget.map { max(0, cost(inst).capital - $0) } ?? 0 }

    /// Capital spent above the budget and above each year's budget (0 within them).
    public func overrun(_ inst: LayoutInstance) -> Double { budgetOverrun(inst) + yearlyOverruns(inst).values.sorted().reduce(0, +) }

    /// The objective of the model with a soft budget.
    public func penalizedObjective(_ inst: LayoutInstance) -> Double {
        objective(inst) + LayoutModelBuilder.budgetPenalty * overrun(inst)
    }

    /// True when the assignment uses one of `arcs`.
    public func choosesAny(of arcs: [Int], _ inst: LayoutInstance) -> Bool { arcs.contains { arc[inst.arcs[$0].point] == $0 } }

    /// The two-way swaps of the assignment (`swap`): pairs with a chosen arc in each direction.
    public func swaps(_ inst: LayoutInstance) -> [LayoutInstance.SwapPair] {
        inst.swapPairs.filter { choosesAny(of: $0.firstToSecond, inst) && choosesAny(of: $0.secondToFirst, inst) }
    }

    /// Pupils of the design year sent to another school than the one they attend now (`relocation`).
    public func relocated(_ inst: LayoutInstance) -> Double {
        arc.enumerated().reduce(0) { sum, e in e.element.map { inst.relocates($0) ? sum + inst.points[e.offset].pupils : sum } ?? sum }
    }

    /// Seats stage `stage` of s gains from the classrooms of a stage s gives up (`freedClassrooms`).
    public func freedSeats(_ inst: LayoutInstance, _ s: Int, _ stage: Stage) -> Double {
        guard open[s] else { return 0 }
        let kept = teaches[s] ?? inst.facilities[s].groups
        return inst.freedClassrooms(s).filter { freed in freed.to == stage && !kept.contains { $0.stage == freed.from } }
            .reduce(0) { $0 + Double($1.rooms) * (inst.facilities[s].seatsPerClassroom[stage] ?? 0) }
    }

    /// Load of facility s by stage.
    public func load(_ inst: LayoutInstance, _ s: Int) -> [Stage: Double] {
        var out: [Stage: Double] = [:]
        for k in inst.facilityArcs[s] where arc[inst.arcs[k].point] == k {
            let p = inst.points[inst.arcs[k].point]
            out[p.group.stage, default: 0] += p.peak
        }
        return out
    }
}
