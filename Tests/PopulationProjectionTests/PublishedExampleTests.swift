import CGSL
import Demography
import PopulationProjection
import Testing

/// The projection core reproduces the published worked example of Preston, Heuveline & Guillot
/// (2001), ch. 6, Boxes 6.1 and 6.2 (Sweden 1993, females, 5-year groups and steps), to the printed
/// digits; and a Leslie matrix built independently from the same inputs agrees with it.
@Suite("Sweden 1993 (Preston, Heuveline & Guillot, Boxes 6.1 and 6.2)")
struct PublishedExampleTests {
    private let step = CohortComponentStep(lifeTables: [
        LifeTable(width: 5, radix: 100_000, personYears: Sweden1993.nLxMale),
        LifeTable(width: 5, radix: 100_000, personYears: Sweden1993.nLxFemale),
    ])
    private let rho = 1 / 2.05
    private var start: [Double] { Sweden1993.males1993 + Sweden1993.females1993 }
    private func females(_ p: [Double]) -> [Double] { Array(p[18...]) }

    @Test("Box 6.1: females 1998 and 2003, every group to the printed person")
    func closedProjection() {
        let p1998 = step.advance(population: start, asfr: Sweden1993.asfr, fractionFemale: rho).population
        let p2003 = step.advance(population: p1998, asfr: Sweden1993.asfr, fractionFemale: rho).population
        #expect(females(p1998).map { $0.rounded() } == Sweden1993.box61Female1998)
        #expect(females(p2003).map { $0.rounded() } == Sweden1993.box61Female2003)
        #expect(Sweden1993.females1993.reduce(0, +) == Sweden1993.total1993)
        #expect(females(p1998).reduce(0, +).rounded() == Sweden1993.box61Total1998)
        #expect(females(p2003).reduce(0, +).rounded() == Sweden1993.box61Total2003)
        // The first group from births: B/2.05 · L0/(5 l0), where L0/(5 l0) = 497487/500000 = 0.994974.
        #expect(abs(step.birthSurvival[1] - 0.994974) < 1e-12)
    }

    @Test("Box 6.2: females 1998 with net migration, every group to the printed person")
    func withMigration() {
        let migrants = [Double](repeating: 0, count: 18) + Sweden1993.netMigrantsFemale
        let r = step.advance(population: start, migrants: migrants, asfr: Sweden1993.asfr, fractionFemale: rho)
        #expect(females(r.population).map { $0.rounded() } == Sweden1993.box62Female1998)
        #expect(females(r.population).reduce(0, +).rounded() == Sweden1993.box62Total1998)
        #expect(Sweden1993.netMigrantsFemale.reduce(0, +) == 52_890)
        // Balance of the step: P(t+5) = P(t) + B − D + I, to rounding error.
        let before = start.reduce(0, +), after = r.population.reduce(0, +)
        let c = r.components
        #expect(abs(after - (before + c.births - c.deaths + c.netMigrants)) < 1e-6)
    }

    @Test("a Leslie matrix built from the same inputs gives the same 1998 and 2003 and λ = 1.00111253")
    func leslieMatrix() throws {
        // Independent construction (Preston et al. §6.3): sub-diagonal Sₐ = L₍ₐ₊₁₎/Lₐ, the open group
        // S = T₈₅/(L₈₀ + T₈₅) on the last two columns, first row ρ · L₀/(2 l₀) · (fₐ + fₐ₊₁ Sₐ).
        let g = 18
        let L = Sweden1993.nLxFemale, f = Sweden1993.asfr
        let open = L[17] / (L[16] + L[17])
        let s = (0..<g).map { a in a < 16 ? L[a + 1] / L[a] : open }
        let m = gsl_matrix_calloc(g, g)
        defer { gsl_matrix_free(m) }
        for a in 0..<(g - 1) { gsl_matrix_set(m, a + 1, a, s[a]) }
        gsl_matrix_set(m, g - 1, g - 1, open)
        for a in 0..<(g - 1) {
            gsl_matrix_set(m, 0, a, rho * L[0] / (2 * 100_000) * (f[a] + f[a + 1] * s[a]))
        }
        // Project twice with BLAS: y = M x.
        func multiply(_ x: [Double]) -> [Double] {
            let xv = gsl_vector_alloc(g), yv = gsl_vector_calloc(g)
            defer { gsl_vector_free(xv); gsl_vector_free(yv) }
            for i in 0..<g { gsl_vector_set(xv, i, x[i]) }
            gsl_blas_dgemv(CblasNoTrans, 1, m, xv, 0, yv)
            return (0..<g).map { gsl_vector_get(yv, $0) }
        }
        let leslie1998 = multiply(Sweden1993.females1993)
        let leslie2003 = multiply(leslie1998)
        let p1998 = step.advance(population: start, asfr: f, fractionFemale: rho).population
        let p2003 = step.advance(population: p1998, asfr: f, fractionFemale: rho).population
        for a in 0..<g {
            #expect(abs(leslie1998[a] - p1998[18 + a]) < 1e-9 * p1998[18 + a])
            #expect(abs(leslie2003[a] - p2003[18 + a]) < 1e-9 * p2003[18 + a])
        }
        // Dominant eigenvalue with GSL's non-symmetric eigensolver.
        let copy = gsl_matrix_alloc(g, g)
        defer { gsl_matrix_free(copy) }
        gsl_matrix_memcpy(copy, m)
        let values = gsl_vector_complex_alloc(g)
        let work = gsl_eigen_nonsymm_alloc(g)
        defer { gsl_vector_complex_free(values); gsl_eigen_nonsymm_free(work) }
        #expect(gsl_eigen_nonsymm(copy, values, work) == GSL_SUCCESS)
        let moduli = (0..<g).map { i -> (re: Double, mod: Double) in
            let z = gsl_vector_complex_get(values, i)
            return (z.dat.0, (z.dat.0 * z.dat.0 + z.dat.1 * z.dat.1).squareRoot())
        }
        let dominant = try #require(moduli.max { $0.mod < $1.mod })
        #expect(abs(dominant.re - Sweden1993.lesliesDominantEigenvalue) < 5e-9)
    }
}
