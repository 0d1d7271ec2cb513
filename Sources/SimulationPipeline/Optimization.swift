import EnrollmentDemand
import LayoutOptimizer
import MILP
import PopulationProjection
import SchoolNetwork
import ScenarioModel
import SeatMetrics

/// Everything `seatplan optimize` computes.
public struct OptimizationOutcome: Sendable {
    public let instance: LayoutInstance
    public let result: LayoutResult
    /// The simulation of the current network.
    public let base: SimulationResult
    /// The plan and its simulation, when a solution was found.
    public let plan: Plan?
    public let planned: SimulationResult?
    /// The plan's cost in the design year as the simulator computes it.
    public let cost: LayoutCost?
    /// A phased plan's periods (nil for a single-period one).
    public var phased: PhasedOutcome? = nil
}

/// A phased plan's periods: the problem, the solve, and each period's yearly cost by the model's
/// formula (its decision) and as the simulator computes it from the plan.
public struct PhasedOutcome: Sendable {
    public let instance: PhasedInstance
    public let result: PhasedResult
    public let modelCost: [Double]
    public let simulatedCost: [LayoutCost]
}

/// The optimizer in the pipeline: simulate the current network, build the layout instance for the
/// design year, optimize, turn the solution into a dated `Plan`, and simulate that plan with the same
/// code as any planner's plan.
public enum Optimization {
    public static func run(_ scenario: Scenario, designYear: Int? = nil, objective: OptimizerSettings.Objective? = nil,
                           options: LayoutOptimizer.Options = .init()) throws(SimulationError) -> OptimizationOutcome {
        guard var schooling = scenario.schooling else { throw .noSchools }
        if let y = designYear { schooling.optimizer.designYear = y }
        if let o = objective { schooling.optimizer.objective = o }
        let base = try Simulation.run(scenario)
        if !schooling.optimizer.periods.isEmpty {
            return try phased(scenario, schooling: schooling, base: base, options: options)
        }
        let year = LayoutInstanceBuilder.designYear(base.allocation, settings: schooling.optimizer, baseYear: scenario.baseYear)
        let instance = LayoutInstanceBuilder.make(scenario: scenario, schooling: schooling, base: base.allocation, designYear: year)
        let result = LayoutOptimizer.optimize(instance, options: options)
        guard let decision = result.decision else {
            return OptimizationOutcome(instance: instance, result: result, base: base, plan: nil, planned: nil, cost: nil)
        }
        let gap = result.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "unknown"
        let plan = PlanExtraction.plan(decision, inst: instance, baseYear: scenario.baseYear,
                                       name: "optimizer plan (\(instance.objective.rawValue), design year \(year), gap \(gap))")
        let evaluated = try evaluate(plan, scenario: scenario, schooling: schooling, projection: base.projection, demand: base.demand)
        return OptimizationOutcome(instance: instance, result: result, base: base, plan: plan, planned: evaluated.result, cost: evaluated.cost(year))
    }

    /// The phased optimizer (`optimizer.periods`): the periods' problem, its solve, one plan dated over
    /// the horizon, simulated; the first period stands for the design year in the single-period parts
    /// of the outcome.
    static func phased(_ scenario: Scenario, schooling: Schooling, base: SimulationResult,
                       options: LayoutOptimizer.Options) throws(SimulationError) -> OptimizationOutcome {
        let phased = LayoutInstanceBuilder.phased(scenario: scenario, schooling: schooling, base: base.allocation, years: schooling.optimizer.periods)
        let r = PhasedOptimizer.optimize(phased, options: options)
        let first = phased.periods[0].instance
        guard let decisions = r.decisions else {
            return OptimizationOutcome(instance: first, result: r.firstPeriod, base: base, plan: nil, planned: nil, cost: nil)
        }
        let gap = r.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "unknown"
        let years = phased.periods.map { String($0.year) }.joined(separator: ", ")
        let plan = PhasedPlanExtraction.plan(decisions, phased: phased,
                                             name: "optimizer plan (\(first.objective.rawValue), periods \(years), gap \(gap))")
        let evaluated = try evaluate(plan, scenario: scenario, schooling: schooling, projection: base.projection, demand: base.demand)
        var outcome = OptimizationOutcome(instance: first, result: r.firstPeriod, base: base, plan: plan, planned: evaluated.result,
                                          cost: evaluated.cost(phased.periods[0].year))
        outcome.phased = PhasedOutcome(instance: phased, result: r,
                                       modelCost: zip(decisions, phased.periods).map { $0.cost($1.instance).total },
                                       simulatedCost: phased.periods.map { evaluated.cost($0.year) })
        return outcome
    }

    /// A plan simulated: its network applied year by year, and its cost in any year (`demand`: the base
    /// run's, which a plan does not change).
    public static func evaluate(_ plan: Plan, scenario: Scenario, schooling: Schooling, projection: Projection,
                                demand: Demand? = nil) throws(SimulationError) -> (result: SimulationResult, cost: (Int) -> LayoutCost) {
        let network: NetworkTimeline
        do {
            network = try PlanApplication.apply(plan, to: schooling, years: projection.years)
        } catch {
            throw .plan(error)
        }
        let result = Simulation.evaluate(scenario, schooling: schooling, projection: projection, demand: demand, network: network)
        return (result, { year in LayoutCostEvaluation.evaluate(result.allocation, plan: plan, scenario: scenario, schooling: schooling, year: year) })
    }
}
