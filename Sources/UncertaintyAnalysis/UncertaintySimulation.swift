import Dispatch
import EnrollmentDemand
import Foundation
import SchoolAllocation
import SchoolNetwork
import ScenarioModel
import SeatMetrics
import SimulationPipeline

/// Demand of every school, district and the county by stage and year in each draw, on one network
/// (the status quo's or a plan's), with the seats it has.
public struct DrawResults: Sendable {
    /// The cells' layout and seats (`SeatDemandCells` of the central run).
    public let layout: SeatDemandCells
    public let draws: Int
    /// `draw · cells + cell`, cells as in `layout`.
    public let demand: [Double]
    /// Seats short at the schools (`SeatDemandCells.short`), `draw · (years · stages) + (year − base) · stages + stage`.
    public let short: [Double]

    public var cellCount: Int { layout.demand.count }
}

/// Runs the pipeline once per draw on a loaded scenario: the scenario with the draw's inputs
/// (`Scenario.applying`) → `CohortComponentProjection` → demand (the base year's calibrated attendance
/// reused: the draws change no base-year input) → `AttendanceAllocation` on the given network (its
/// share table reused when it builds no school) → `SeatDemandCells` (laid out once). Draws are spread over `threads` workers; each writes only its own draws' slots,
/// so the results do not depend on the number of threads.
public enum UncertaintySimulation {
    public static func run(_ scenario: Scenario, network: NetworkTimeline, draws: [InputDraw], threads: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) throws(SimulationError) -> DrawResults {
        let central = try simulate(scenario, network: network, attendance: nil, layout: nil, shares: nil)
        let reused = central.shares.flatMap { $0.reusable ? $0 : nil }
        let cells = central.cells.demand.count
        let stages = SeatDemandCells.stages.count
        let shortCount = central.cells.years.count * stages
        let n = draws.count
        var demand = [Double](repeating: 0, count: n * cells)
        var short = [Double](repeating: 0, count: n * shortCount)
        let failure = FirstError()
        let done = Counter()
        let workers = max(1, min(threads, n))
        demand.withUnsafeMutableBufferPointer { demandOut in
            short.withUnsafeMutableBufferPointer { shortOut in
                let d = SendableBuffer(demandOut), s = SendableBuffer(shortOut)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    for i in stride(from: worker, to: n, by: workers) where !failure.isSet {
                        do throws(SimulationError) {
                            let result = try simulate(scenario.applying(draws[i]), network: network, attendance: central.attendance,
                                                      layout: central.cells, shares: reused).cells
                            for c in 0..<cells { d[i * cells + c] = result.demand[c] }
                            for year in result.years {
                                for k in 0..<stages { s[i * shortCount + (year - result.years.lowerBound) * stages + k] = result.short(stage: k, year: year) }
                            }
                        } catch {
                            failure.set(error, draw: i)
                        }
                        done.increment(report: progress)
                    }
                }
            }
        }
        if let error = failure.error { throw error }
        return DrawResults(layout: central.cells, draws: n, demand: demand, short: short)
    }

    /// One run, with what later runs reuse: `attendance` nil calibrates the base year; `layout` nil lays
    /// the cells out; `shares` nil computes them (none for demand from school records, already at schools).
    static func simulate(_ scenario: Scenario, network: NetworkTimeline, attendance: BaseYearAttendance?,
                         layout: SeatDemandCells?, shares: AttendanceShareTable?) throws(SimulationError)
        -> (cells: SeatDemandCells, attendance: BaseYearAttendance?, shares: AttendanceShareTable?) {
        let (schooling, projection) = try Simulation.projected(scenario)
        let demand = Simulation.demand(scenario, schooling: schooling, projection: projection, attendance: attendance)
        let table = demand.schoolPupils != nil ? nil : shares ?? AttendanceShareTable(demand: demand, scenario: scenario, schooling: schooling, network: network)
        let allocation = AttendanceAllocation.allocate(demand, scenario: scenario, schooling: schooling, network: network, pupilsOnly: true, shares: table)
        let cells = layout.map { SeatDemandCells(allocation, layout: $0) } ?? SeatDemandCells(allocation, scenario: scenario, schooling: schooling)
        return (cells, demand.attendance, table)
    }
}

/// A buffer the workers write into at disjoint indices.
struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>
    init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }
    subscript(i: Int) -> Double {
        get { buffer[i] }
        nonmutating set { buffer[i] = newValue }
    }
}

/// Draws finished so far; `report` sees the counts in increasing order.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment(report: ((Int) -> Void)?) {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        report?(value)
    }
}

/// The error of the lowest-numbered draw that failed among those run (the workers stop at their next draw).
final class FirstError: @unchecked Sendable {
    private var stored: (draw: Int, error: SimulationError)?
    private let lock = NSLock()
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return stored != nil }
    var error: SimulationError? { lock.lock(); defer { lock.unlock() }; return stored?.error }
    func set(_ e: SimulationError, draw: Int) {
        lock.lock()
        defer { lock.unlock() }
        if stored == nil || draw < stored!.draw { stored = (draw, e) }
    }
}
