import ScenarioModel

/// The population an outflow at (sex, age x) can be drawn from.
///
/// The projection counts half of a year's migrants of age x at the start of the year, in the cohort
/// aged x, and half at its end, in the cohort that has reached x from x − 1 (`CohortComponentStep`).
/// An outflow spread over ages in proportion to `m(x) · P(x)` can therefore overdraw a cohort when the
/// one below it is empty. Outflows spread by a profile (net totals, net rates, urbanization, movers to
/// a housing estate) use instead
/// ```
/// E(x) = min(P(x − 1), P(x))   (x ≥ 1),    E(0) = P(0)
/// ```
/// so an age next to an empty cohort loses nobody and no cohort is emptied below zero.
enum OutflowExposure {
    /// `E` at index `k` (sex-major, `Ages.count` ages per sex) of an area's block starting at `start`.
    static func exposed(_ population: ArraySlice<Double>, start: Int, k: Int) -> Double {
        let age = k % Ages.count
        let here = population[start + k]
        return age == 0 ? here : min(here, population[start + k - 1])
    }
}
