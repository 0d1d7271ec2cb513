import EnrollmentDemand
import PopulationProjection
import SchoolAllocation
import SchoolNetwork
import ScenarioModel
import SeatMetrics

/// Everything `seatplan simulate` computes for a scenario.
public struct SimulationResult: Sendable {
    public let projection: Projection
    public let demand: Demand
    public let allocation: Allocation
    public let seatGaps: [SeatGapRow]
    /// The indicators by their official definitions, year by year.
    public let indicators: [IndicatorRow]
    public let targets: [TargetRow]
    public let warnings: [WarningSummary]
    public let travel: [TravelRow]
    public let balance: (schools: [BalanceCheck.SchoolResult], stages: [BalanceCheck.StageResult])
    /// The staff the schools need, against the staff they have.
    public let staffing: [StaffingRow]
}

/// Why a simulation could not run.
public enum SimulationError: Error, CustomStringConvertible {
    case projection(ProjectionError)
    case noSchools
    case plan(PlanError)

    public var description: String {
        switch self {
        case .projection(let e): return e.description
        case .noSchools: return "the scenario has no schools table (tables.schools in scenario.yaml): there is nothing to compare demand with"
        case .plan(let e): return "the plan cannot be applied: \(e)"
        }
    }
}

/// The pipeline: `Scenario` → `Projection` → `Demand` → `Allocation` → metrics.
public enum Simulation {
    public static func run(_ scenario: Scenario) throws(SimulationError) -> SimulationResult {
        let (schooling, projection) = try projected(scenario)
        return evaluate(scenario, schooling: schooling, projection: projection)
    }

    /// The scenario's schools and its projection: the first stage every run shares.
    public static func projected(_ scenario: Scenario) throws(SimulationError) -> (schooling: Schooling, projection: Projection) {
        guard let schooling = scenario.schooling else { throw .noSchools }
        do {
            return (schooling, try CohortComponentProjection.run(scenario))
        } catch {
            throw .projection(error)
        }
    }

    /// The stages after the projection, for the base network or a plan's network. Demand does not
    /// depend on the network: pass the base run's (`demand`) to evaluate a plan without computing it again.
    public static func evaluate(_ scenario: Scenario, schooling: Schooling, projection: Projection, demand known: Demand? = nil,
                                network: NetworkTimeline? = nil) -> SimulationResult {
        let demand = known ?? self.demand(scenario, schooling: schooling, projection: projection)
        let allocation = AttendanceAllocation.allocate(demand, scenario: scenario, schooling: schooling,
                                                       network: network ?? .constant(schooling, years: projection.years))
        let rows = SeatGapTable.compute(allocation, scenario: scenario, schooling: schooling)
        let indicators = Indicators.compute(allocation, rows: rows, scenario: scenario, schooling: schooling)
        return SimulationResult(
            projection: projection, demand: demand, allocation: allocation, seatGaps: rows, indicators: indicators,
            targets: TargetCheck.compute(allocation, indicators: indicators, scenario: scenario, schooling: schooling),
            warnings: WarningSummary.compute(rows),
            travel: TravelRow.compute(allocation, scenario: scenario, limitMinutes: schooling.travel.youngLimitMinutes),
            balance: BalanceCheck.compute(allocation),
            staffing: StaffingTable.compute(rows, allocation: allocation, scenario: scenario, schooling: schooling))
    }

    /// Pupils by area, year and grade from the projection, by the scenario's method (`attendance`: the
    /// base year's, when already calibrated).
    public static func demand(_ scenario: Scenario, schooling: Schooling, projection: Projection, attendance: BaseYearAttendance? = nil) -> Demand {
        switch schooling.method {
        case .rates(let rates): return RateBasedDemand.compute(projection, scenario: scenario, schooling: schooling, rates: rates, attendance: attendance)
        case .gradeProgression(let settings): return GradeProgressionDemand.compute(projection, schooling: schooling, settings: settings)
        }
    }
}
