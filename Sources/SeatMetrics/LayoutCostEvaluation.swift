import Foundation
import SchoolAllocation
import SchoolNetwork
import ScenarioModel

/// The yearly cost of a network in one year, by the same formulas as the optimizer's objective
/// (docs/optimizer.md), computed from the simulation itself — so a plan's reported cost can be
/// checked against the optimizer's.
public struct LayoutCost: Sendable, Equatable {
    /// Capital spent by the plan up to the year evaluated (builds, expansions, beds, conversions), yuan.
    public var capital = 0.0
    /// `ρ × capital`, yuan a year.
    public var annualisedCapital = 0.0
    /// Fixed operating cost of the open schools, yuan a year.
    public var fixedOperating = 0.0
    /// Classes: by group taught, the cost of a class × max(pupils ÷ standard class, a class per grade), yuan a year.
    public var classes = 0.0
    /// Day pupils' transport, yuan a year.
    public var transport = 0.0
    /// Boarders' cost, yuan a year.
    public var boarding = 0.0
    /// Pupils boarding: those of a boarding group beyond their group's travel limit. Pupils of other
    /// groups beyond it (kept at their current school) travel daily and count as transport.
    public var boarders = 0.0
    /// Boarding beds added by the plan.
    public var bedsAdded = 0
    /// Temporary classrooms standing: their yearly cost, yuan a year.
    public var temporaryClassrooms = 0.0

    public init() {}

    /// The yearly total the optimizer minimises.
    public var total: Double { annualisedCapital + fixedOperating + classes + transport + boarding + temporaryClassrooms }
}

public enum LayoutCostEvaluation {
    /// Capital cost of a plan's actions: builds (classrooms by stage, land of the site, beds),
    /// expansions and beds.
    public static func capital(of plan: Plan, schooling: Schooling) -> (capital: Double, beds: Int) {
        plan.actions.reduce((0.0, 0)) { sum, action in
            let c = capital(of: action, schooling: schooling)
            return (sum.0 + c.capital, sum.1 + c.beds)
        }
    }

    /// Capital of the plan's actions dated `year`.
    public static func capital(of plan: Plan, in year: Int, schooling: Schooling) -> Double {
        plan.actions.filter { $0.year == year }.reduce(0.0) { $0 + capital(of: $1, schooling: schooling).capital }
    }

    /// Capital cost of one action and the boarding beds it adds:
    /// ```
    /// build:             Σ_stage classrooms · cost per classroom + land of the site + beds · cost per bed
    /// expand:            classrooms · cost per classroom of the stage
    /// convert_boarding:  beds · cost per bed;      close, merge_into, restrict_grades: 0
    /// convert:           classrooms · conversion cost per classroom
    /// ```
    public static func capital(of action: PlanAction, schooling: Schooling) -> (capital: Double, beds: Int) {
        let costs = schooling.optimizer.costs
        switch action.kind {
        case .build(let b):
            let land = b.site.flatMap { id in schooling.candidateSites.first { $0.id == id }?.landCost } ?? 0
            let rooms = b.classrooms.sorted { $0.key < $1.key }.reduce(0.0) { $0 + Double($1.value) * (costs.classroom[$1.key] ?? 0) }
            return (rooms + land + Double(b.boardingBeds) * costs.bed, b.boardingBeds)
        case let .expand(_, stage, classrooms):
            return (Double(classrooms) * (costs.classroom[stage] ?? 0), 0)
        case let .convertBoarding(_, n):
            return (Double(n) * costs.bed, n)
        case let .convert(_, _, _, classrooms):
            return (Double(classrooms.values.reduce(0, +)) * costs.conversionPerClassroom, 0)
        case .close, .restrictGrades, .temporaryClassrooms:
            return (0, 0)
        }
    }

    /// The yearly cost of the network in `year`: the capital of the plan's actions dated up to it, annualised,
    /// and the year's operating costs (the temporary classrooms standing in it included).
    public static func evaluate(_ allocation: Allocation, plan: Plan?, scenario: Scenario, schooling: Schooling, year: Int) -> LayoutCost {
        let settings = schooling.optimizer
        let costs = settings.costs
        var cost = LayoutCost()
        if let plan {
            let c = capital(of: Plan(name: plan.name, actions: plan.actions.filter { $0.year <= year }, catchments: []), schooling: schooling)
            cost.capital = c.capital
            cost.bedsAdded = c.beds
            cost.temporaryClassrooms = Double(plan.temporaryClassrooms(in: year).values.reduce(0) { $0 + $1.values.reduce(0, +) })
                * costs.temporaryClassroom
        }
        cost.annualisedCapital = settings.annuityFactor * cost.capital
        let open = allocation.network.open(in: year)
        // The fewest classes a group needs count the classrooms a school has before the plan (expansions
        // add seats, not classes), a new or converted school's its own, as the optimizer does.
        let before = Dictionary(schooling.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (s, school) in open {
            cost.fixedOperating += costs.schoolFixed[school.kind] ?? 0
            let floors = before[school.id].flatMap { $0.kind == school.kind ? $0 : nil } ?? school
            // Classes by group taught, with pupils: κ max(pupils / q, a class per grade), as the optimizer's
            // `classes` (a group without pupils forms no class).
            for group in PupilGroup.allCases where group.slots.allSatisfy({ school.teaches($0) }) {
                let q = schooling.classSizes.seatsPerClassroom(school, group.stage)
                let pupils = group.slots.reduce(0.0) { $0 + allocation.pupils(year: year, school: s, slot: $1) }
                guard pupils > 1e-9 else { continue }
                cost.classes += costs.costPerClass(group.stage, seats: q, staffing: schooling.staffing)
                    * LayoutCosts.classes(pupils: pupils, seatsPerClass: q, floor: floors.classFloor(group))
            }
        }
        // Travel: each area's pupils of each slot, at the schools they attend.
        let travel = TravelModel(scenario: scenario, schools: allocation.network.schools, travel: schooling.travel)
        let demand = allocation.demand
        for (a, area) in demand.areas.enumerated() {
            for slot in Slot.all {
                let group = PupilGroup(slot)
                let limit = settings.travelLimits[group] ?? .infinity
                let mayBoard = settings.boardingGroups.contains(group)
                for flow in allocation.flows(year: year, area: a, slot: slot) where flow.pupils > 0 {
                    if (flow.minutes ?? 0) > limit && mayBoard {
                        cost.boarding += flow.pupils * costs.boardingPerPupil
                        cost.boarders += flow.pupils
                    } else {
                        let school = allocation.network.schools[flow.school]
                        cost.transport += flow.pupils * (travel.kilometres(from: area, to: school) ?? 0) * costs.transportPerPupilKm
                    }
                }
            }
        }
        return cost
    }
}
