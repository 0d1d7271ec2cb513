import CbcProgress
import CCbc
import Dispatch
import Foundation

/// Options of a MILP solve.
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds (nil: none).
    public var timeLimit: Double?
    /// Stop when `(incumbent − bound) / |incumbent|` is at most this (0: prove optimality).
    public var relativeGap: Double
    /// A starting solution (values for every variable), e.g. from a heuristic.
    public var start: [Double]?
    /// Prune nodes whose bound is not below this (e.g. a known solution's value).
    public var cutoff: Double?
    /// Solver threads; 1 unless asked (see `CBCSolver`).
    public var threads: Int
    /// CBC's own log on standard output (0 silent).
    public var logLevel: Int
    /// Called with the incumbent, bound, nodes and seconds as the search progresses; return true to stop.
    public var progress: (@Sendable (SolveProgress) -> Bool)?
    /// Stop after this many branch-and-bound nodes (nil: no limit). Unlike a time limit, the result
    /// does not depend on the machine's speed.
    public var nodeLimit: Int?
    /// Run CBC's feasibility pump, which only searches for a first solution: off when a good start is given.
    public var feasibilityPump: Bool
    /// How a start reaches CBC.
    public var startMethod: StartMethod
    /// Branch and bound on the LP alone: no preprocessing, cut generation or primal heuristics. For
    /// small models whose LP bound is already tight (small facility-location instances in the strong
    /// formulation: cap41–cap131 solve in 7–20 ms instead of 13–40 ms), not for hard ones (capa1
    /// after site fixing takes 11.5 s instead of 7.9 s).
    public var plainBranchAndBound: Bool

    public enum StartMethod: Sendable {
        /// As the incumbent (`Cbc_setInitialSolution`): always safe.
        case incumbent
        /// As a MIP start (`Cbc_setMIPStartI`): CBC also uses it in its heuristics (capa1 solves in
        /// 7.6 s instead of 15.5 s), but CBC 2.10 reads past its column list when preprocessing
        /// removes columns ("Illegal index … in ClpModel::getColumnName") and then reports the model
        /// infeasible, as it does on the layout model; use only on models shown to be unaffected.
        case mipStart
    }

    public init(timeLimit: Double? = nil, relativeGap: Double = 0, start: [Double]? = nil, cutoff: Double? = nil,
                threads: Int = 1, logLevel: Int = 0, nodeLimit: Int? = nil, feasibilityPump: Bool = true,
                startMethod: StartMethod = .incumbent, plainBranchAndBound: Bool = false,
                progress: (@Sendable (SolveProgress) -> Bool)? = nil) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.start = start
        self.cutoff = cutoff
        self.threads = threads
        self.logLevel = logLevel
        self.nodeLimit = nodeLimit
        self.feasibilityPump = feasibilityPump
        self.startMethod = startMethod
        self.plainBranchAndBound = plainBranchAndBound
        self.progress = progress
    }
}

/// A progress report during a solve.
public struct SolveProgress: Sendable {
    /// True when a new incumbent was just found.
    public let newIncumbent: Bool
    public let incumbent: Double?
    public let bound: Double
    public let nodes: Int
    public let seconds: Double

    public init(newIncumbent: Bool, incumbent: Double?, bound: Double, nodes: Int, seconds: Double) {
        self.newIncumbent = newIncumbent
        self.incumbent = incumbent
        self.bound = bound
        self.nodes = nodes
        self.seconds = seconds
    }

    /// Relative gap `(incumbent − bound) / |incumbent|`, when there is an incumbent.
    public var gap: Double? { incumbent.map { relativeGap(incumbent: $0, bound: bound) } }
}

/// `(incumbent − bound) / max(|incumbent|, 1e-10)`, never negative.
public func relativeGap(incumbent: Double, bound: Double) -> Double {
    max(0, incumbent - bound) / max(abs(incumbent), 1e-10)
}

/// The outcome of a MILP solve.
public struct SolveResult: Sendable {
    public enum Status: String, Sendable {
        /// Proven optimal (within the requested gap when one was set).
        case optimal
        /// Stopped by the time limit with a solution.
        case timeLimit = "time_limit"
        /// Stopped by the time limit without any solution.
        case timeLimitNoSolution = "time_limit_no_solution"
        /// Stopped by the node limit with a solution, and without one.
        case nodeLimit = "node_limit"
        case nodeLimitNoSolution = "node_limit_no_solution"
        case infeasible
        case unbounded
        /// Stopped by the progress callback.
        case stopped
        /// The solver gave up (numerical difficulties).
        case abandoned
    }

    public let status: Status
    /// Variable values of the best solution found.
    public let solution: [Double]?
    public let objective: Double?
    /// Best lower bound on the optimum (minimisation).
    public let bound: Double
    public let seconds: Double
    public let nodes: Int

    public var gap: Double? { objective.map { relativeGap(incumbent: $0, bound: bound) } }

    /// True when the wall clock ended the solve: its result depends on the machine's speed.
    public var stoppedByClock: Bool { status == .timeLimit || status == .timeLimitNoSolution }
}

/// Solves `LinearModel`s with COIN-OR CBC through its C interface (`Cbc_C_Interface.h`).
///
/// CBC is not safe to run concurrently, even on separate models (measured: wrong results under
/// parallel solves), so every solve takes one process-wide lock.
public enum CBCSolver {
    private static let lock = NSLock()

    /// The CBC version string.
    public static var version: String { String(cString: Cbc_getVersion()) }

    public static func solve(_ model: LinearModel, options: SolveOptions = SolveOptions()) -> SolveResult {
        lock.lock()
        defer { lock.unlock() }
        let start = DispatchTime.now().uptimeNanoseconds
        guard let cbc = Cbc_newModel() else { fatalError("CBC could not allocate a model") }
        defer { Cbc_deleteModel(cbc) }
        load(model, into: cbc)
        Cbc_setLogLevel(cbc, Int32(options.logLevel))
        if let t = options.timeLimit {
            // CBC counts CPU time unless told otherwise; the limit is wall-clock time.
            Cbc_setParameter(cbc, "timeMode", "elapsed")
            Cbc_setMaximumSeconds(cbc, max(0.01, t))
        }
        if let n = options.nodeLimit { Cbc_setMaximumNodes(cbc, Int32(clamping: n)) }
        Cbc_setAllowableFractionGap(cbc, options.relativeGap)
        if options.threads > 1 { Cbc_setParameter(cbc, "threads", String(options.threads)) }
        if !options.feasibilityPump { Cbc_setParameter(cbc, "feas", "off") }
        if options.plainBranchAndBound {
            for name in ["preprocess", "cuts", "heuristicsOnOff"] { Cbc_setParameter(cbc, name, "off") }
        }
        if let cutoff = options.cutoff { Cbc_setCutoff(cbc, cutoff) }
        if let x = options.start, x.count == model.variableCount, model.maximumViolation(x) <= 1e-6 {
            switch options.startMethod {
            case .incumbent:
                Cbc_setInitialSolution(cbc, x)
            case .mipStart:
                var indices = (0..<Int32(x.count)).map { $0 }
                var values = x
                Cbc_setMIPStartI(cbc, Int32(x.count), &indices, &values)
            }
        }
        let box = ProgressBox(options.progress, start: start)
        if options.progress != nil {
            seatplan_cbc_attach_progress(UnsafeMutableRawPointer(cbc), { context, kind, incumbent, bound, nodes, _ in
                guard let context else { return 0 }
                let box = Unmanaged<ProgressBox>.fromOpaque(context).takeUnretainedValue()
                return box.report(kind == 1, incumbent, bound, Int(nodes)) ? 1 : 0
            }, Unmanaged.passUnretained(box).toOpaque(), 0.5)
        }
        _ = Cbc_solve(cbc)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return result(cbc, model: model, seconds: seconds, stoppedByUser: box.stopped)
    }

    /// Writes the model in LP format (names included) to `path`, for inspection or another solver.
    /// CBC appends ".lp" to the name.
    public static func writeLP(_ model: LinearModel, path: String) {
        lock.lock()
        defer { lock.unlock() }
        guard let cbc = Cbc_newModel() else { return }
        defer { Cbc_deleteModel(cbc) }
        load(model, into: cbc)
        for j in 0..<model.variableCount { Cbc_setColName(cbc, Int32(j), sanitized(model.names[j])) }
        for r in 0..<model.constraintCount { Cbc_setRowName(cbc, Int32(r), sanitized(model.rowNames[r])) }
        Cbc_writeLp(cbc, path.hasSuffix(".lp") ? String(path.dropLast(3)) : path)
    }

    /// LP-format names: ASCII letters, digits and underscores.
    private static func sanitized(_ name: String) -> String {
        String(name.unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") ? Character($0) : "_" })
    }

    /// Loads the model column by column (CBC's compressed-column form).
    private static func load(_ model: LinearModel, into cbc: UnsafeMutableRawPointer) {
        let n = model.variableCount, m = model.constraintCount
        var counts = [Int32](repeating: 0, count: n + 1)
        for c in model.rowColumns { counts[Int(c) + 1] += 1 }
        for j in 0..<n { counts[j + 1] += counts[j] }
        var starts = counts
        var index = [Int32](repeating: 0, count: model.nonzeroCount)
        var value = [Double](repeating: 0, count: model.nonzeroCount)
        var next = counts
        for r in 0..<m {
            for k in model.rowStarts[r]..<model.rowStarts[r + 1] {
                let j = Int(model.rowColumns[k])
                let p = Int(next[j])
                index[p] = Int32(r)
                value[p] = model.rowValues[k]
                next[j] += 1
            }
        }
        let infinity = Double.greatestFiniteMagnitude
        var rowLower = model.rowSenses.enumerated().map { r, s in s == .lessOrEqual ? -infinity : model.rowRHS[r] }
        var rowUpper = model.rowSenses.enumerated().map { r, s in s == .greaterOrEqual ? infinity : model.rowRHS[r] }
        var lower = model.lower.map { $0.isFinite ? $0 : -infinity }
        var upper = model.upper.map { $0.isFinite ? $0 : infinity }
        var objective = model.objective
        Cbc_loadProblem(cbc, Int32(n), Int32(m), &starts, &index, &value, &lower, &upper, &objective, &rowLower, &rowUpper)
        for j in 0..<n where model.isInteger[j] { Cbc_setInteger(cbc, Int32(j)) }
    }

    private static func result(_ cbc: UnsafeMutableRawPointer, model: LinearModel, seconds: Double, stoppedByUser: Bool) -> SolveResult {
        let n = model.variableCount
        let hasSolution = Cbc_numberSavedSolutions(cbc) > 0 || (Cbc_isProvenOptimal(cbc) != 0)
        var solution: [Double]?
        var objective: Double?
        if hasSolution, let x = Cbc_getColSolution(cbc) {
            let values = Array(UnsafeBufferPointer(start: x, count: n))
            if model.maximumViolation(values) <= 1e-5 {
                solution = values
                objective = Cbc_getObjValue(cbc)
            }
        }
        let bound = Cbc_getBestPossibleObjValue(cbc)
        let secondary = Cbc_secondaryStatus(cbc)
        let status: SolveResult.Status
        if Cbc_isProvenInfeasible(cbc) != 0 || (secondary == 1 && solution == nil) {
            status = .infeasible
        } else if Cbc_isContinuousUnbounded(cbc) != 0 || secondary == 7 {
            status = .unbounded
        } else if stoppedByUser || secondary == 5 {
            status = .stopped
        } else if Cbc_isSecondsLimitReached(cbc) != 0 || secondary == 4 {
            status = solution == nil ? .timeLimitNoSolution : .timeLimit
        } else if Cbc_isNodeLimitReached(cbc) != 0 || secondary == 3 {
            status = solution == nil ? .nodeLimitNoSolution : .nodeLimit
        } else if Cbc_isAbandoned(cbc) != 0 {
            status = .abandoned
        } else {
            status = solution == nil ? .infeasible : .optimal
        }
        let finalBound: Double
        switch status {
        case .infeasible: finalBound = .infinity
        case .optimal where secondary == 0: finalBound = objective ?? bound
        default: finalBound = min(bound, objective ?? bound)
        }
        return SolveResult(status: status, solution: solution, objective: objective, bound: finalBound, seconds: seconds,
                           nodes: Int(Cbc_getNodeCount(cbc)))
    }
}

/// Carries the progress callback into the C handler.
private final class ProgressBox: @unchecked Sendable {
    let callback: (@Sendable (SolveProgress) -> Bool)?
    let start: UInt64
    private(set) var stopped = false

    init(_ callback: (@Sendable (SolveProgress) -> Bool)?, start: UInt64) {
        self.callback = callback
        self.start = start
    }

    func report(_ newIncumbent: Bool, _ incumbent: Double, _ bound: Double, _ nodes: Int) -> Bool {
        guard let callback else { return false }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let known = incumbent < 1e49 ? incumbent : nil
        let stop = callback(SolveProgress(newIncumbent: newIncumbent, incumbent: known, bound: bound, nodes: nodes, seconds: seconds))
        if stop { stopped = true }
        return stop
    }
}
