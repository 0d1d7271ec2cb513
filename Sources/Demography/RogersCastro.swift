import Foundation

/// The seven-parameter Rogers–Castro model migration schedule (Rogers & Castro 1981, *Model
/// Migration Schedules*, IIASA RR-81-30):
///
/// ```
/// m(x) = a₁ exp(−α₁ x)                                  childhood (children move with parents)
///      + a₂ exp(−α₂ (x − μ₂) − exp(−λ₂ (x − μ₂)))       labour-force peak
///      + c                                              constant
/// ```
/// SeatPlan uses it as an age *profile*: a yearly total of migrants is spread over single ages in
/// proportion to `m(x)`. The defaults are Rogers and Castro's "fundamental" parameters
/// (a₁ = 0.02, α₁ = 0.1, a₂ = 0.06, α₂ = 0.1, μ₂ = 20, λ₂ = 0.4, c = 0.003), a peak at about age 22.
public struct RogersCastro: Sendable, Equatable {
    public var a1: Double
    public var alpha1: Double
    public var a2: Double
    public var alpha2: Double
    public var mu2: Double
    public var lambda2: Double
    public var c: Double

    public init(a1: Double = 0.02, alpha1: Double = 0.1, a2: Double = 0.06, alpha2: Double = 0.1,
                mu2: Double = 20, lambda2: Double = 0.4, c: Double = 0.003) {
        self.a1 = a1
        self.alpha1 = alpha1
        self.a2 = a2
        self.alpha2 = alpha2
        self.mu2 = mu2
        self.lambda2 = lambda2
        self.c = c
    }

    /// Rogers and Castro's fundamental parameters.
    public static let fundamental = RogersCastro()

    /// `m(x)` at age `x` (the midpoint of a single year is not used: ages are exact integers).
    public func rate(at x: Double) -> Double {
        let d = x - mu2
        return a1 * exp(-alpha1 * x) + a2 * exp(-alpha2 * d - exp(-lambda2 * d)) + c
    }

    /// `m(x) / Σ m(y)` over ages 0 … `maxAge`: shares that sum to 1.
    public func profile(maxAge: Int) -> [Double] {
        let m = (0...maxAge).map { rate(at: Double($0)) }
        let total = m.reduce(0, +)
        return m.map { $0 / total }
    }
}
