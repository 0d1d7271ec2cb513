import ScenarioModel

/// Reads `uncertainty:` of `scenario.yaml` (see `Uncertainty`): for each input a distribution,
/// `{distribution: normal, mean: 0, sd: 0.3}` or `{distribution: uniform, low: -0.5, high: 0.5}`; keys left
/// out keep their defaults, so `{sd: 0.2}` narrows a normal distribution around its default mean.
enum UncertaintySettingsReader {
    /// Each input's key, what it is, and the ranges of its mean (or bounds) and of its standard deviation
    /// (constant: key paths are not Sendable).
    nonisolated(unsafe) static let inputs: [(key: String, what: String, range: ClosedRange<Double>, sd: ClosedRange<Double>, path: WritableKeyPath<Uncertainty, Uncertainty.Distribution>)] = [
        ("tfr_shift", "the shift of the TFR (children per woman)", -3...3, 0...2, \.tfrShift),
        ("migration_scale", "the factor on net migration", 0...5, 0...3, \.migrationScale),
        ("mortality_improvement_shift", "the shift of the yearly mortality improvement rate", -0.05...0.05, 0...0.05, \.mortalityImprovementShift),
        ("enrollment_shift", "the shift of the enrollment rate targets", -0.5...0.5, 0...0.5, \.enrollmentShift),
    ]

    static func read(_ value: YAMLValue, log: inout DiagnosticLog) -> Uncertainty {
        var u = Uncertainty()
        guard let entries = value.mapping(log: &log) else { return u }
        YAMLValue.warnUnknown(entries, allowed: Set(inputs.map(\.key) + ["phase_in_years"]), log: &log)
        for (key, v) in entries {
            if key == "phase_in_years" {
                u.phaseInYears = v.integer(1...50, "the years over which the TFR shift grows to its full size", log: &log) ?? u.phaseInYears
            } else if let input = inputs.first(where: { $0.key == key }) {
                u[keyPath: input.path] = distribution(v, default: u[keyPath: input.path], range: input.range, sd: input.sd, what: input.what, log: &log)
            }
        }
        return u
    }

    private static func distribution(_ value: YAMLValue, default current: Uncertainty.Distribution, range: ClosedRange<Double>,
                                     sd sdRange: ClosedRange<Double>, what: String, log: inout DiagnosticLog) -> Uncertainty.Distribution {
        guard let entries = value.mapping(log: &log) else { return current }
        let map = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        var kind: String
        switch current { case .normal: kind = "normal"; case .uniform: kind = "uniform" }
        if let d = map["distribution"] {
            guard let text = d.string(log: &log), ["normal", "uniform"].contains(text) else {
                log.error(d.file, line: d.line, column: d.key, "\"\(d.scalarText ?? "…")\" is not a distribution; use normal or uniform")
                return current
            }
            kind = text
        }
        if kind == "normal" {
            YAMLValue.warnUnknown(entries, allowed: ["distribution", "mean", "sd"], log: &log)
            let mean = map["mean"].map { $0.number(.within(range), "the mean of \(what)", log: &log) } ?? current.mean
            let sd = map["sd"].map { $0.number(.within(sdRange), "the standard deviation of \(what)", log: &log) }
                ?? { if case .normal(_, let s) = current { return s } else { return 0 } }()
            guard let mean, let sd else { return current }
            return .normal(mean: mean, sd: sd)
        }
        YAMLValue.warnUnknown(entries, allowed: ["distribution", "low", "high"], log: &log)
        guard let low = map["low"], let high = map["high"] else {
            log.error(value.file, line: value.line, column: value.key, "a uniform distribution needs low and high")
            return current
        }
        guard let a = low.number(.within(range), "the lower bound of \(what)", log: &log),
              let b = high.number(.within(range), "the upper bound of \(what)", log: &log) else { return current }
        guard a <= b else {
            log.error(high.file, line: high.line, column: high.key, "high \(b) is below low \(a)")
            return current
        }
        return .uniform(low: a, high: b)
    }
}
