/// A mixed-integer linear program in the form a solver takes it, built row by row with named
/// variables so that model-building code reads like the model:
///
/// ```
/// minimise  Σ cⱼ xⱼ   subject to   Σ aᵢⱼ xⱼ {≤, =, ≥} bᵢ,   lⱼ ≤ xⱼ ≤ uⱼ,   xⱼ ∈ ℤ for integer j
/// ```
public struct LinearModel: Sendable {
    public enum Sense: Sendable { case lessOrEqual, equal, greaterOrEqual }

    /// A variable's position in the model.
    public struct Variable: Hashable, Sendable {
        public let index: Int
        public init(index: Int) { self.index = index }
    }

    public private(set) var names: [String] = []
    public private(set) var lower: [Double] = []
    public private(set) var upper: [Double] = []
    public private(set) var objective: [Double] = []
    public private(set) var isInteger: [Bool] = []

    /// Rows in compressed form.
    public private(set) var rowStarts: [Int] = [0]
    public private(set) var rowColumns: [Int32] = []
    public private(set) var rowValues: [Double] = []
    public private(set) var rowSenses: [Sense] = []
    public private(set) var rowRHS: [Double] = []
    public private(set) var rowNames: [String] = []

    public init() {}

    public var variableCount: Int { names.count }
    public var constraintCount: Int { rowSenses.count }
    public var nonzeroCount: Int { rowValues.count }

    /// Adds a continuous variable.
    @discardableResult
    public mutating func continuous(_ name: String, lower: Double = 0, upper: Double = .infinity, cost: Double = 0) -> Variable {
        add(name, lower, upper, cost, false)
    }

    /// Adds a 0–1 variable.
    @discardableResult
    public mutating func binary(_ name: String, cost: Double = 0) -> Variable { add(name, 0, 1, cost, true) }

    /// Adds an integer variable.
    @discardableResult
    public mutating func integer(_ name: String, lower: Double = 0, upper: Double, cost: Double = 0) -> Variable {
        add(name, lower, upper, cost, true)
    }

    private mutating func add(_ name: String, _ l: Double, _ u: Double, _ c: Double, _ integer: Bool) -> Variable {
        names.append(name)
        lower.append(l)
        upper.append(u)
        objective.append(c)
        isInteger.append(integer)
        return Variable(index: names.count - 1)
    }

    /// Adds the constraint `Σ coefficient · variable  sense  rhs`; terms on the same variable add up.
    public mutating func constraint(_ name: String, _ terms: [(Variable, Double)], _ sense: Sense, _ rhs: Double) {
        // One entry per variable, in the order of first appearance (solvers and LP files reject duplicates).
        var position: [Int: Int] = [:]
        var columns: [Int32] = [], values: [Double] = []
        for (v, a) in terms {
            if let k = position[v.index] {
                values[k] += a
            } else {
                position[v.index] = columns.count
                columns.append(Int32(v.index))
                values.append(a)
            }
        }
        for (c, a) in zip(columns, values) where a != 0 {
            rowColumns.append(c)
            rowValues.append(a)
        }
        rowStarts.append(rowColumns.count)
        rowSenses.append(sense)
        rowRHS.append(rhs)
        rowNames.append(name)
    }

    /// Changes a variable's objective coefficient.
    public mutating func setCost(_ v: Variable, _ cost: Double) { objective[v.index] = cost }

    /// The terms of row `r`.
    public func row(_ r: Int) -> [(variable: Variable, coefficient: Double)] {
        (rowStarts[r]..<rowStarts[r + 1]).map { (Variable(index: Int(rowColumns[$0])), rowValues[$0]) }
    }

    /// The same model with another objective: `Σ coefficient · variable` over `terms`, nothing else.
    public func withObjective(_ terms: [(variable: Variable, coefficient: Double)]) -> LinearModel {
        var m = self
        m.objective = Array(repeating: 0, count: variableCount)
        for (v, c) in terms { m.objective[v.index] += c }
        return m
    }

    /// Changes a constraint's right-hand side.
    public mutating func setRHS(_ row: Int, _ rhs: Double) { rowRHS[row] = rhs }

    /// Makes a variable continuous.
    public mutating func setContinuous(_ v: Variable) { isInteger[v.index] = false }

    /// Changes a variable's bounds.
    public mutating func setBounds(_ v: Variable, lower l: Double, upper u: Double) {
        lower[v.index] = l
        upper[v.index] = u
    }

    /// The LP relaxation: the same model with every integer variable continuous.
    public var relaxed: LinearModel {
        var m = self
        m.isInteger = Array(repeating: false, count: variableCount)
        return m
    }

    /// `Σ cⱼ xⱼ` for a vector of values.
    public func objectiveValue(_ x: [Double]) -> Double { zip(objective, x).reduce(0) { $0 + $1.0 * $1.1 } }

    /// The largest violation of any row, bound or integrality by `x` (0 when feasible). CBC, stopped
    /// at its root by a cutoff, can hand back the LP relaxation's columns as its solution: this is
    /// what rejects them.
    public func maximumViolation(_ x: [Double]) -> Double {
        var worst = 0.0
        for j in 0..<variableCount {
            worst = max(worst, lower[j] - x[j], x[j] - upper[j])
            if isInteger[j] { worst = max(worst, abs(x[j] - x[j].rounded())) }
        }
        for r in 0..<constraintCount { worst = max(worst, violation(r, x)) }
        return worst
    }
}

extension LinearModel {
    /// Appends `other`'s variables and rows to this model, their names followed by `suffix` and their
    /// costs multiplied by `costScale`; returns the index its first variable now has (a period of a
    /// phased model is a whole single-period model appended this way).
    public mutating func append(_ other: LinearModel, suffix: String, costScale: Double) -> Int {
        let offset = variableCount
        for j in 0..<other.variableCount {
            names.append(other.names[j] + suffix)
            lower.append(other.lower[j])
            upper.append(other.upper[j])
            objective.append(other.objective[j] * costScale)
            isInteger.append(other.isInteger[j])
        }
        for r in 0..<other.constraintCount {
            for k in other.rowStarts[r]..<other.rowStarts[r + 1] {
                rowColumns.append(other.rowColumns[k] + Int32(offset))
                rowValues.append(other.rowValues[k])
            }
            rowStarts.append(rowColumns.count)
            rowSenses.append(other.rowSenses[r])
            rowRHS.append(other.rowRHS[r])
            rowNames.append(other.rowNames[r] + suffix)
        }
        return offset
    }

    /// `Σ aᵢⱼ xⱼ` of row `r` at `x`.
    public func activity(_ r: Int, _ x: [Double]) -> Double {
        (rowStarts[r]..<rowStarts[r + 1]).reduce(0) { $0 + rowValues[$1] * x[Int(rowColumns[$1])] }
    }

    /// How far `x` violates row `r` (0 or less when it holds).
    public func violation(_ r: Int, _ x: [Double]) -> Double {
        let lhs = activity(r, x)
        switch rowSenses[r] {
        case .lessOrEqual: return lhs - rowRHS[r]
        case .greaterOrEqual: return rowRHS[r] - lhs
        case .equal: return abs(lhs - rowRHS[r])
        }
    }
}
