extension Dictionary where Key: Comparable, Value == Double {
    /// The sum of the values taken in key order. Dictionary order is seeded afresh in every process,
    /// and floating-point addition is not associative: summing in key order keeps the model's
    /// coefficients and the heuristics' comparisons — hence the plan — the same from run to run.
    var sumInKeyOrder: Double { sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } }
}
