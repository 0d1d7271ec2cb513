import Demography
import Foundation
import Testing

@Suite("Rogers–Castro migration profile")
struct RogersCastroTests {
    @Test("the fundamental schedule at ages 0 and 20, by hand")
    func values() {
        let rc = RogersCastro.fundamental
        // x = 20 (= μ₂): 0.02·e^(−2) + 0.06·e^(0 − e^0) + 0.003 = 0.0027067 + 0.0220728 + 0.003.
        let at20 = 0.02 * exp(-2.0) + 0.06 * exp(-1.0) + 0.003
        #expect(abs(rc.rate(at: 20) - at20) < 1e-15)
        #expect(abs(at20 - 0.0277795) < 1e-7)
        // x = 0: the labour component is e^(2 − e^8) ≈ 0, so m(0) = 0.02 + 0.003.
        #expect(abs(rc.rate(at: 0) - 0.023) < 1e-12)
    }

    @Test("the labour-force peak sits at μ₂ + ln(λ₂/α₂)/λ₂ ≈ 23.47")
    func peak() {
        let p = RogersCastro.fundamental.profile(maxAge: 100)
        let adult = p[15...60]
        let argmax = adult.indices.max { adult[$0] < adult[$1] }
        #expect(argmax == 23)
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
    }
}
