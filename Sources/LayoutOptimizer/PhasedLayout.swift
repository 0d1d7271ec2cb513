import MILP
import ScenarioModel

/// A phased layout problem (docs/optimizer.md, "Phased plans"): one `LayoutInstance` per period
/// year, all with the same facilities, each period's demand its own, weighted by the discounted
/// years it stands for.
public struct PhasedInstance: Sendable {
    public struct Period: Sendable {
        public let year: Int
        /// The last year the period's decisions stand for (the year before the next period; the horizon).
        public let through: Int
        /// `W_t = Σ_{y=t}^{through} (1 + r)^−(y − t₁)`: the period's years, discounted to the first period.
        public let weight: Double
        /// `B_t`: the capital budget of the years `(previous period, t]` (`optimizer.budget_by_year`;
        /// the first period takes every listed year up to it), nil when none of them is listed.
        public let budget: Double?
        public let instance: LayoutInstance
    }

    public let periods: [Period]
    /// `μ_new`, for a new school in the period it opens (`minimum_new_open`).
    public let newSchoolMinimumUtilisation: Double

    public init(periods: [Period], newSchoolMinimumUtilisation: Double) {
        self.periods = periods
        self.newSchoolMinimumUtilisation = newSchoolMinimumUtilisation
    }

    /// `W_t` of a period `[year, through]` with the first period in `first`, at discount rate `rate`.
    public static func weight(year: Int, through: Int, first: Int, rate: Double) -> Double {
        (year...max(year, through)).reduce(0) { $0 + 1 / pow1p(rate, $1 - first) }
    }

    /// `B_t` from the yearly budgets: the years after the previous period up to this one.
    public static func budget(_ byYear: [Int: Double], year: Int, previous: Int?) -> Double? {
        let after = previous ?? Int.min
        let years = byYear.filter { entry in entry.key <= year && entry.key > after }
        return years.isEmpty ? nil : years.sorted { $0.key < $1.key }.reduce(0.0) { $0 + $1.value }
    }

    private static func pow1p(_ r: Double, _ n: Int) -> Double { (0..<max(0, n)).reduce(1.0) { x, _ in x * (1 + r) } }
}

/// The phased MILP: every period's single-period model (docs/optimizer.md's families, each period's
/// variables named `…@year`, its costs weighted by `W_t`), linked by the `persist`, `permanent`,
/// `minimum_new_open` and `budget_y` families.
public struct PhasedModel: Sendable {
    public let model: LinearModel
    /// Each period's model, its variables at their place in `model`.
    public let periods: [LayoutModel]
    /// Capital above each period's yearly budgets (`budget_y`), by period index.
    public let yearlyOverruns: [Int: LinearModel.Variable]
    /// The rows of `budget_y`, by period index.
    public let yearlyBudgetRows: [Int: Int]
}

public enum PhasedModelBuilder {
    public static func build(_ p: PhasedInstance, softBudget: Bool) -> PhasedModel {
        var m = LinearModel()
        var models: [LayoutModel] = []
        for period in p.periods {
            let single = LayoutModelBuilder.build(period.instance, softBudget: softBudget)
            let offset = m.append(single.model, suffix: "@\(period.year)", costScale: period.weight)
            models.append(single.shifted(by: offset))
        }
        let total = p.periods.reduce(0) { $0 + $1.weight }
        var overruns: [Int: LinearModel.Variable] = [:], budgetRows: [Int: Int] = [:]
        for i in p.periods.indices {
            let now = models[i], inst = p.periods[i].instance, year = p.periods[i].year
            let before: (model: LayoutModel, index: [SchoolID: Int])? = i == 0 ? nil : (models[i - 1], p.periods[i - 1].instance.facilityIndex)
            func earlier(_ s: Int) -> Int? { before?.index[inst.facilities[s].school.id] }
            if let before {
                let index = inst.facilityIndex
                let previous = p.periods[i - 1].instance
                // (persist) b_{o,t−1} ≤ b_{o,t}, x_{t−1} ≤ x_t, w_{t−1} ≤ w_t: what is built stays built
                for (s, b0) in before.model.b.sorted(by: { $0.key < $1.key }) {
                    let id = previous.facilities[s].school.id
                    if let t = index[id], let b1 = now.b[t] {
                        m.constraint("persist_b_\(id)@\(year)", [(b0, 1), (b1, -1)], .lessOrEqual, 0)
                    } else {
                        m.setBounds(b0, lower: 0, upper: 0)  // a conversion a later period no longer offers (its school protected then)
                    }
                }
                for (s, byStage) in before.model.x.sorted(by: { $0.key < $1.key }) {
                    guard let t = index[previous.facilities[s].school.id] else { continue }
                    for (stage, x0) in byStage.sorted(by: { $0.key < $1.key }) {
                        guard let x1 = now.x[t]?[stage] else { continue }
                        m.constraint("persist_x_\(previous.facilities[s].school.id)_\(stage.rawValue)@\(year)", [(x0, 1), (x1, -1)], .lessOrEqual, 0)
                    }
                }
                for (s, w0) in before.model.w.sorted(by: { $0.key < $1.key }) {
                    guard let t = index[previous.facilities[s].school.id], let w1 = now.w[t] else { continue }
                    m.constraint("persist_w_\(previous.facilities[s].school.id)@\(year)", [(w0, 1), (w1, -1)], .lessOrEqual, 0)
                }
                // (permanent) u_{e,t} ≤ u_{e,t−1}, v_{eg,t} ≤ v_{eg,t−1}: a closure, a grade given up, is for good
                for (s, u1) in now.u.sorted(by: { $0.key < $1.key }) {
                    guard let e = earlier(s), let u0 = before.model.u[e] else { continue }
                    m.constraint("permanent_u_\(inst.facilities[s].school.id)@\(year)", [(u1, 1), (u0, -1)], .lessOrEqual, 0)
                    for (g, v1) in (now.v[s] ?? [:]).sorted(by: { $0.key < $1.key }) {
                        guard let v0 = before.model.v[e]?[g] else { continue }
                        m.constraint("permanent_v_\(inst.facilities[s].school.id)_\(g.rawValue)@\(year)", [(v1, 1), (v0, -1)], .lessOrEqual, 0)
                    }
                }
                // (minimum_new_open) Σ D_p a_{po,t} ≥ μ_new cap_o (b_{o,t} − b_{o,t−1}): a new school opens well used
                for (s, b1) in now.b.sorted(by: { $0.key < $1.key }) where !inst.facilities[s].protected && inst.offered(s) {
                    let load = inst.facilityArcs[s].map { (now.a[$0], inst.points[inst.arcs[$0].point].peak) }
                    let seats = p.newSchoolMinimumUtilisation * inst.facilities[s].seats.sumInKeyOrder
                    var terms = load + [(b1, -seats)]
                    if let e = earlier(s), let b0 = before.model.b[e] { terms.append((b0, seats)) }
                    m.constraint("minimum_new_open_\(inst.facilities[s].school.id)@\(year)", terms, .greaterOrEqual, 0)
                }
            }
            // (budget_y) capital of the projects opening in the period ≤ B_t (+ overrun when soft)
            guard let budget = p.periods[i].budget else { continue }
            var terms: [(LinearModel.Variable, Double)] = []
            for (s, b1) in now.b.sorted(by: { $0.key < $1.key }) {
                let k = inst.facilities[s].capital
                terms.append((b1, k))
                if let e = earlier(s), let b0 = before?.model.b[e] { terms.append((b0, -k)) }
            }
            for (s, byStage) in now.x.sorted(by: { $0.key < $1.key }) {
                for (stage, x1) in byStage.sorted(by: { $0.key < $1.key }) {
                    let k = inst.classroomCost[stage] ?? 0
                    terms.append((x1, k))
                    if let e = earlier(s), let x0 = before?.model.x[e]?[stage] { terms.append((x0, -k)) }
                }
            }
            for (s, w1) in now.w.sorted(by: { $0.key < $1.key }) {
                terms.append((w1, inst.bedCost))
                if let e = earlier(s), let w0 = before?.model.w[e] { terms.append((w0, -inst.bedCost)) }
            }
            if softBudget {
                let o = m.continuous("budget_overrun@\(year)", cost: LayoutModelBuilder.budgetPenalty * total)
                terms.append((o, -1))
                overruns[i] = o
            }
            budgetRows[i] = m.constraintCount
            m.constraint("budget_y@\(year)", terms, .lessOrEqual, budget)
        }
        return PhasedModel(model: m, periods: models, yearlyOverruns: overruns, yearlyBudgetRows: budgetRows)
    }
}

extension LayoutModel {
    /// The same model's variables `offset` places further on (its period's place in a phased model).
    func shifted(by offset: Int) -> LayoutModel {
        func s(_ v: LinearModel.Variable) -> LinearModel.Variable { LinearModel.Variable(index: v.index + offset) }
        func s<K>(_ d: [K: LinearModel.Variable]) -> [K: LinearModel.Variable] { d.mapValues(s) }
        func s<K, L>(_ d: [K: [L: LinearModel.Variable]]) -> [K: [L: LinearModel.Variable]] { d.mapValues { $0.mapValues(s) } }
        return LayoutModel(model: model, u: s(u), v: s(v), keeps: s(keeps), x: s(x), r: s(r), w: s(w), b: s(b), k: s(k), a: a.map(s), z: z.map(s),
                           slacks: slacks.map { LayoutModel.Slack(family: $0.family, label: $0.label, variable: s($0.variable), unit: $0.unit) },
                           budgetOverrun: budgetOverrun.map(s), yearlyOverruns: s(yearlyOverruns))
    }
}

extension LayoutInstance {
    /// This period's instance after `prior` (the previous period's decision on `previous`, which has
    /// the same facilities): what was built is kept (a requirement and protection for each new school
    /// or conversion, the classrooms added as committed ones), a closed school or a group given up
    /// takes no pupils, and new schools not yet built keep the minimum size `newSchoolMinimum`. The
    /// arcs kept, by their index in `arcs`, come with it (the phased warm start maps its decisions back).
    func following(_ prior: LayoutDecision, of previous: LayoutInstance, newSchoolMinimum: Double) -> (instance: LayoutInstance, arcs: [Int]) {
        let index = previous.facilityIndex
        var facilities = self.facilities
        var committed = committedExpansion
        var requirements = self.requirements
        var closed: Set<Int> = [], dropped: [Int: Set<PupilGroup>] = [:]
        for (s, f) in facilities.enumerated() {
            guard let e = index[f.school.id] else { continue }
            if f.isExisting {
                if !prior.open[e] {
                    closed.insert(s)
                } else {
                    dropped[s] = f.groups.subtracting(prior.teaches[e] ?? f.groups)
                    if let rooms = prior.expansion[e], !rooms.isEmpty {
                        committed[s] = rooms.merging(committed[s] ?? [:], uniquingKeysWith: max)
                        facilities[s] = facilities[s].protecting()
                    }
                }
            } else if prior.open[e] {
                facilities[s] = facilities[s].protecting()
                requirements.append(Requirement(label: "\(f.school.id) (built before \(designYear))", options: [s], count: 1))
            }
        }
        var kept: [Int] = []
        for (k, arc) in arcs.enumerated() {
            let s = arc.facility
            guard !closed.contains(s), !(dropped[s]?.contains(points[arc.point].group) ?? false) else { continue }
            if case .conversion(let school, _) = facilities[s].origin, facilities[school].protected { continue }
            kept.append(k)
        }
        let townships = townshipKindergartens.map { t in (district: t.district, facilities: t.facilities.filter { s in
            !closed.contains(s) && !(dropped[s]?.contains(.kindergarten) ?? false)
        }) }
        let instance = LayoutInstance(
            designYear: designYear, seatsThrough: seatsThrough, expansionYear: expansionYear, bedsYear: bedsYear, points: points,
            facilities: facilities, arcs: kept.map { arcs[$0] }, siteOptions: siteOptions, concentration: concentration,
            townshipKindergartens: townships, kindergartensPerTownship: kindergartensPerTownship, budget: budget,
            annuityFactor: annuityFactor, classroomCost: classroomCost, bedCost: bedCost, maxExpansion: maxExpansion,
            minimumUtilisation: minimumUtilisation, newSchoolMinimumUtilisation: newSchoolMinimum, objective: objective,
            siteNames: siteNames, areaNames: areaNames, maxRelocatedShare: maxRelocatedShare, requirements: requirements,
            committedExpansion: committed, projectNames: projectNames, budgetByYear: budgetByYear, conversions: conversions,
            temporaryLimit: temporaryLimit, temporaryCost: temporaryCost)
        return (instance, kept)
    }
}
