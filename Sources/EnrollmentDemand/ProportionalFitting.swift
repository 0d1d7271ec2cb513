/// Iterative proportional fitting (biproportional balancing, the RAS or Furness method): the matrix
/// `X_ij = a_i · b_j · W_ij` nearest to the seed `W` (in the Kullback–Leibler sense) whose row sums
/// are `r` and column sums are `c` (Bishop, Fienberg & Holland 1975, *Discrete Multivariate
/// Analysis*, ch. 3). Each sweep sets
/// ```
/// a_i = r_i / Σ_j W_ij b_j,    then    b_j = c_j / Σ_i a_i W_ij
/// ```
/// so the column sums hold exactly after every sweep; it stops when every row sum is within
/// `tolerance` of its target or after `maxSweeps` sweeps (a work limit: reruns are identical).
/// Rows and columns whose seed is all zero stay zero.
enum ProportionalFitting {
    struct Result {
        /// `rows × columns`, row-major.
        let values: [Double]
    }

    static func balance(seed: [Double], rows r: [Double], columns c: [Double], maxSweeps: Int, tolerance: Double) -> Result {
        let m = r.count, n = c.count
        precondition(seed.count == m * n)
        var a = [Double](repeating: 1, count: m)
        var b = [Double](repeating: 1, count: n)
        var residual = Double.infinity
        var sweeps = 0
        var columnSums = [Double](repeating: 0, count: n)
        while sweeps < maxSweeps {
            sweeps += 1
            for i in 0..<m {
                var s = 0.0
                for j in 0..<n { s += seed[i * n + j] * b[j] }
                a[i] = s > 0 ? r[i] / s : 0
            }
            for j in 0..<n { columnSums[j] = 0 }
            for i in 0..<m where a[i] > 0 {
                for j in 0..<n { columnSums[j] += a[i] * seed[i * n + j] }
            }
            for j in 0..<n { b[j] = columnSums[j] > 0 ? c[j] / columnSums[j] : 0 }
            residual = 0
            for i in 0..<m {
                var s = 0.0
                for j in 0..<n { s += seed[i * n + j] * b[j] }
                residual = max(residual, abs(a[i] * s - r[i]))
            }
            if residual <= tolerance { break }
        }
        var values = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n { values[i * n + j] = a[i] * seed[i * n + j] * b[j] }
        }
        return Result(values: values)
    }
}
