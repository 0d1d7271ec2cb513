import CGSL
import ScenarioModel

/// Draws of the uncertain inputs (`Uncertainty`) from one GSL Mersenne Twister stream
/// (`gsl_rng_mt19937`) seeded with the seed: draw `i` takes the stream's variates in a fixed order —
/// TFR shift, migration scale, mortality improvement shift, then one enrollment shift per rate path
/// (kindergarten, primary, junior, senior) — with `gsl_ran_gaussian` and `gsl_ran_flat`. The draws
/// depend on the seed and their index only: the first N of N + M draws are the N draws, whatever the
/// threads that simulate them.
public enum DrawSampler {
    public static let enrollmentKeys: [EnrollmentRates.Key] = [.kindergarten, .primary, .junior, .senior]

    public static func draws(_ u: Uncertainty, count: Int, seed: UInt) -> [InputDraw] {
        guard count > 0, let rng = gsl_rng_alloc(seatplan_rng_mt19937()) else { return [] }
        defer { gsl_rng_free(rng) }
        gsl_rng_set(rng, seed)
        func sample(_ d: Uncertainty.Distribution) -> Double {
            switch d {
            case let .normal(mean, sd): return sd > 0 ? mean + gsl_ran_gaussian(rng, sd) : mean
            case let .uniform(low, high): return high > low ? gsl_ran_flat(rng, low, high) : low
            }
        }
        return (0..<count).map { _ in
            let tfr = sample(u.tfrShift), migration = sample(u.migrationScale), mortality = sample(u.mortalityImprovementShift)
            var enrollment: [EnrollmentRates.Key: Double] = [:]
            for key in enrollmentKeys { enrollment[key] = sample(u.enrollmentShift) }
            return InputDraw(tfrShift: tfr, migrationScale: migration, mortalityImprovementShift: mortality, enrollmentShift: enrollment)
        }
    }
}
