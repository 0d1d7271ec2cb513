import Demography
import Testing

@Suite("LifeTable and MortalitySchedule")
struct LifeTableTests {
    @Test("a three-age table worked by hand")
    func handTable() {
        // q0 = 0.1, q1 = 0.2, a = 0.5 at both ages, m(2+) = 0.5, radix 1:
        // l = 1, 0.9, 0.72;  L0 = 0.9 + 0.5·0.1 = 0.95;  L1 = 0.72 + 0.5·0.18 = 0.81;  T2 = 0.72/0.5 = 1.44.
        let m = MortalitySchedule(qx: [0.1, 0.2], ax: [0.5, 0.5], openRate: 0.5)
        let t = m.lifeTable(radix: 1)
        #expect(zip(t.survivors, [1, 0.9, 0.72]).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(zip(t.personYears, [0.95, 0.81, 1.44]).allSatisfy { abs($0 - $1) < 1e-15 })
        // S0 = L1/L0 = 0.81/0.95;  open: T2/(L1 + T2) = 1.44/2.25 = 0.64 for ages 1 and 2+.
        let s = t.survivalRatios
        #expect(abs(s[0] - 0.81 / 0.95) < 1e-15)
        #expect(abs(s[1] - 0.64) < 1e-15)
        #expect(abs(s[2] - 0.64) < 1e-15)
        #expect(abs(t.birthSurvival - 0.95) < 1e-15)
        #expect(abs(t.lifeExpectancyAtBirth - 3.2) < 1e-14)
    }

    @Test("Coale–Demeny a0 (Preston et al. Table 3.3)")
    func coaleDemeny() {
        // m0 = 0.05: males 0.045 + 2.684·0.05 = 0.1792; females 0.053 + 2.8·0.05 = 0.193.
        #expect(abs(MortalitySchedule.coaleDemenyA0(m0: 0.05, sex: .male) - 0.1792) < 1e-15)
        #expect(abs(MortalitySchedule.coaleDemenyA0(m0: 0.05, sex: .female) - 0.193) < 1e-15)
        // At or above m0 = 0.107 the values are constants.
        #expect(MortalitySchedule.coaleDemenyA0(m0: 0.2, sex: .male) == 0.330)
        #expect(MortalitySchedule.coaleDemenyA0(m0: 0.2, sex: .female) == 0.350)
    }

    @Test("qx, mx and lx inputs describe the same table")
    func threeInputs() {
        // A Gompertz-like set of death rates mx = 0.0005·e^(0.085x) (capped), ages 0 … 100.
        let mx = (0...100).map { min(0.9, 0.0005 * exp(0.085 * Double($0))) }
        let fromM = MortalitySchedule.fromMx(mx, sex: .female)
        // The same table as lx:
        let lx = fromM.lifeTable(radix: 100_000).survivors
        let fromL = MortalitySchedule.fromLx(lx, sex: .female, openRate: mx[100])
        for x in 0..<100 { #expect(abs(fromM.qx[x] - fromL.qx[x]) < 1e-12) }
        // qx from mx with a = 0.5: q = m / (1 + 0.5 m).
        #expect(abs(fromM.qx[40] - mx[40] / (1 + 0.5 * mx[40])) < 1e-15)
        // The a0 rule, solved back from q0, gives the a0 used to make q0.
        let fromQ = MortalitySchedule.fromQx(fromM.qx, sex: .female, openRate: mx[100])
        #expect(abs(fromQ.ax[0] - fromM.ax[0]) < 1e-12)
        let a = fromM.lifeTable().personYears, b = fromQ.lifeTable().personYears
        for x in 0...100 { #expect(abs(a[x] - b[x]) < 1e-7 * a[x]) }
    }

    @Test("improvement lowers every qx by (1 − r)^years")
    func improvement() {
        let m = MortalitySchedule(qx: [0.02, 0.1], ax: [0.5, 0.5], openRate: 0.4)
        let later = m.improved(rate: 0.01, years: 10)
        let f = pow(0.99, 10.0)  // 0.904382…
        #expect(abs(later.qx[0] - 0.02 * f) < 1e-15)
        #expect(abs(later.qx[1] - 0.1 * f) < 1e-15)
        #expect(abs(later.openRate - 0.4 * f) < 1e-15)
        #expect(m.improved(rate: 0.01, years: 0) == m)
    }
}

import Foundation
