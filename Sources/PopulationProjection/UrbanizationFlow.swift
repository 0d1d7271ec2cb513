import Demography
import ScenarioModel

/// The rural-to-urban flow that makes the county's urban share follow the urbanization path.
///
/// For a flow of `F` persons in the year starting at `t`, rural area `k` loses
/// `F · m(x) Eₖ,ₛ,ₓ / Σ_rural m(x) E` at (sex `s`, age `x`; `E` the exposure of `OutflowExposure`),
/// and urban area `j` gains the same
/// age–sex mix times its share of the urban population, `Pⱼ / P_urban` (populations at the start of
/// the year). The projection step is linear in migrants, so the end-of-year populations are
/// `P(t+1) = P₀ + F · ΔP` with `P₀` the projection without the flow and `ΔP` the step applied to the
/// unit flow on an empty population. Solving `U(t+1) / P(t+1) = u(t+1)` for `F`:
/// ```
/// F = (u(t+1) · P₀ − U₀) / (ΔU − u(t+1) · ΔP),   floored at 0
/// ```
/// where `U` sums the urban areas and `P` the county.
struct UrbanizationFlow {
    let urbanLeaves: [Int]
    let ruralLeaves: [Int]
    private let rates: [Double]
    private let target: [Double]

    init?(_ scenario: Scenario, _ layout: AreaLayout) {
        guard let u = scenario.urbanization else { return nil }
        var urban: [Int] = []
        var rural: [Int] = []
        for (i, d) in layout.leafDistrict.enumerated() {
            if u.urbanKinds.contains(layout.districts[d].kind) { urban.append(i) } else { rural.append(i) }
        }
        guard !urban.isEmpty, !rural.isEmpty else { return nil }
        urbanLeaves = urban
        ruralLeaves = rural
        rates = (0...Ages.open).map { u.profile.rate(at: Double($0)) }
        target = u.rate.sample(years: scenario.years)
    }

    /// Urban share required at the end of the step with index `yearIndex`.
    private func targetShare(afterStep yearIndex: Int) -> Double { target[yearIndex + 1] }

    /// Migrants of a unit flow (`F = 1`), `leaves × Ages.perArea`.
    private func unitMigrants(population: ArraySlice<Double>, leaves: Int) -> [Double] {
        let p0 = population.startIndex
        var out = [Double](repeating: 0, count: leaves * Ages.perArea)
        var mix = [Double](repeating: 0, count: Ages.perArea)
        var denominator = 0.0
        for i in ruralLeaves {
            for k in 0..<Ages.perArea {
                let w = rates[k % Ages.count] * OutflowExposure.exposed(population, start: p0 + i * Ages.perArea, k: k)
                out[i * Ages.perArea + k] = -w
                mix[k] += w
                denominator += w
            }
        }
        guard denominator > 0 else { return [Double](repeating: 0, count: leaves * Ages.perArea) }
        for i in ruralLeaves {
            for k in 0..<Ages.perArea { out[i * Ages.perArea + k] /= denominator }
        }
        let urbanTotals = urbanLeaves.map { i in population[(p0 + i * Ages.perArea)..<(p0 + (i + 1) * Ages.perArea)].reduce(0, +) }
        let urbanSum = urbanTotals.reduce(0, +)
        for (j, i) in urbanLeaves.enumerated() {
            let share = urbanSum > 0 ? urbanTotals[j] / urbanSum : 1 / Double(urbanLeaves.count)
            for k in 0..<Ages.perArea { out[i * Ages.perArea + k] = mix[k] / denominator * share }
        }
        return out
    }

    /// Adds the year's flow to the end-of-step counts (at `end` in `counts`) and its components.
    func apply(afterStep y: Int, step: YearRates, population: ArraySlice<Double>, counts: inout [Double], end: Int,
               components: inout [StepComponents]) {
        let leaves = step.leafMortality.count
        let block = Ages.perArea
        let size = leaves * block
        // Response of each area to a unit flow: the step applied to the flow alone.
        let unit = unitMigrants(population: population, leaves: leaves)
        let zeros = [Double](repeating: 0, count: size)
        var response = [Double](repeating: 0, count: size)
        let responseComponents = zeros.withUnsafeBufferPointer { z in
            unit.withUnsafeBufferPointer { u in
                response.withUnsafeMutableBufferPointer { r in step.advance(source: z, migrants: u, target: r) }
            }
        }
        var urban0 = 0.0, total0 = 0.0, urbanResponse = 0.0, totalResponse = 0.0
        let urban = Set(urbanLeaves)
        for i in 0..<leaves {
            let after = counts[(end + i * block)..<(end + (i + 1) * block)].reduce(0, +)
            let delta = response[(i * block)..<((i + 1) * block)].reduce(0, +)
            total0 += after
            totalResponse += delta
            if urban.contains(i) {
                urban0 += after
                urbanResponse += delta
            }
        }
        let flow = Self.solve(target: targetShare(afterStep: y), urban0: urban0, total0: total0,
                              urbanResponse: urbanResponse, totalResponse: totalResponse)
        guard flow > 0 else { return }
        for k in 0..<size { counts[end + k] += flow * response[k] }
        for i in 0..<leaves {
            let r = responseComponents[i]
            components[y * leaves + i] += StepComponents(births: flow * r.births, deaths: flow * r.deaths, netMigrants: flow * r.netMigrants)
        }
    }

    /// `F` from the totals without the flow (`urban0`, `total0`) and the response to a unit flow.
    static func solve(target u: Double, urban0: Double, total0: Double, urbanResponse: Double, totalResponse: Double) -> Double {
        let slope = urbanResponse - u * totalResponse
        guard slope > 0 else { return 0 }
        return max(0, (u * total0 - urban0) / slope)
    }
}
