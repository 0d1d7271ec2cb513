import Yams

/// A what-if without copying files: one key of `scenario.yaml` given another value, from
/// `--set key=value` or from a variant (`variants:` in `scenario.yaml`, chosen with `--variant`).
///
/// The key is the dotted path of `scenario.yaml`'s keys (`fertility.tfr`, `enrollment.rates.kindergarten`,
/// `tables.housing`); a last segment that is a year sets one year of a path (`fertility.tfr.2030=1.4`
/// keeps the path's other years). `urbanization.YEAR` is short for `urbanization.rate.YEAR`. The value is
/// YAML (a number, a text, `{2024: 0.9, 2030: 0.95}`, `[D01H1, D01V1]`). An override of a key that does
/// not exist is an error, as are values out of range — both named by the override.
public struct ScenarioOverride: Sendable, Equatable {
    /// The key's segments.
    public let key: [String]
    /// The value, as YAML text.
    public let value: String

    public init(key: [String], value: String) {
        self.key = key
        self.value = value
    }

    /// `key=value`; nil when there is no `=` or the key is empty.
    public init?(argument: String) {
        guard let eq = argument.firstIndex(of: "=") else { return nil }
        let key = argument[..<eq].split(separator: ".", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !key.isEmpty, key.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.init(key: key, value: String(argument[argument.index(after: eq)...]).trimmingCharacters(in: .whitespaces))
    }

    /// The dotted key.
    public var dotted: String { key.joined(separator: ".") }

    /// How messages name it.
    public var label: String { "--set \(dotted)=\(value)" }

    /// The key with its short forms expanded.
    var resolvedKey: [String] {
        if key.count == 2, key[0] == "urbanization", Int(key[1]) != nil { return ["urbanization", "rate", key[1]] }
        return key
    }
}

/// The overrides of one run: a variant's, then the `--set` ones (later ones win).
public struct ScenarioOptions: Sendable, Equatable {
    public var variant: String?
    public var overrides: [ScenarioOverride]

    public init(variant: String? = nil, overrides: [ScenarioOverride] = []) {
        self.variant = variant
        self.overrides = overrides
    }

    public static let none = ScenarioOptions()
}

/// Applies a run's overrides to the composed `scenario.yaml`.
enum OverrideApplication {
    /// One override to apply: the key, the value's node, and the file name diagnostics give it.
    struct Change {
        let key: [String]
        let node: Node
        /// `scenario.yaml (variant NAME)` for a variant's entry (its node carries its line), the `--set` label otherwise.
        let origin: String
    }

    /// The root with the variant's and the overrides' values in place, and the key paths they set
    /// (dotted) → the origin diagnostics name. Nil after logging an error.
    static func apply(_ options: ScenarioOptions, to root: Node, file: String, log: inout DiagnosticLog) -> (root: Node, origins: [String: String])? {
        var changes: [Change] = []
        var ok = true
        if let name = options.variant {
            guard let variants = root.mapping?["variants"], let mapping = variants.mapping else {
                log.error(file, column: "variants", "--variant \(name): scenario.yaml has no variants: block")
                return nil
            }
            guard let variant = mapping.first(where: { $0.key.scalar?.string == name })?.value else {
                let known = mapping.compactMap { $0.key.scalar?.string }.sorted().joined(separator: ", ")
                log.error(file, line: variants.mark?.line, column: "variants", "--variant \(name): no variant of that name (known: \(known))")
                return nil
            }
            guard let entries = variant.mapping else {
                log.error(file, line: variant.mark?.line, column: "variants.\(name)", "a variant is a mapping of keys to values, e.g. {fertility.tfr: 1.2}")
                return nil
            }
            for (k, v) in entries {
                let text = k.scalar?.string ?? ""
                guard let o = ScenarioOverride(argument: text + "=") else {
                    log.error(file, line: k.mark?.line, column: "variants.\(name)", "\"\(text)\" is not a key of scenario.yaml")
                    ok = false
                    continue
                }
                changes.append(Change(key: o.resolvedKey, node: v, origin: "\(file) (variant \(name))"))
            }
        }
        for o in options.overrides {
            guard let node = (try? Yams.compose(yaml: o.value.isEmpty ? "''" : o.value)) ?? nil else {
                log.error(o.label, column: o.dotted, "the value is not YAML (a number, a text, {year: value, …} or [a, b])")
                ok = false
                continue
            }
            changes.append(Change(key: o.resolvedKey, node: node, origin: o.label))
        }
        guard ok else { return nil }
        var result = root
        var origins: [String: String] = [:]
        for change in changes {
            var created: [String] = []
            guard let updated = set(change.key, to: change.node, in: result, origin: change.origin, created: &created, log: &log) else { return nil }
            result = updated
            origins[change.key.joined(separator: ".")] = change.origin
            // A key the override brought in is the override's: an unknown one is reported as its error.
            for path in created { origins[path] = change.origin }
        }
        return (result, origins)
    }

    /// `node` with `key` set to `value`, creating the mappings on the way (their dotted paths in `created`).
    private static func set(_ key: [String], to value: Node, in node: Node, origin: String, path: [String] = [], created: inout [String],
                            log: inout DiagnosticLog) -> Node? {
        guard let head = key.first else { return value }
        let here = (path + [head]).joined(separator: ".")
        var mapping: Node.Mapping
        switch node {
        case .mapping(let m): mapping = m
        case .scalar(let s) where !path.isEmpty && s.string.isEmpty: mapping = Node.Mapping([])
        default:
            log.error(origin, column: here, "\(path.joined(separator: ".")) is one value in scenario.yaml\(node.mark.map { " (line \($0.line))" } ?? ""), "
                      + "not a mapping: set it whole (--set \(path.joined(separator: "."))=…)")
            return nil
        }
        let index = mapping.firstIndex { $0.key.scalar?.string == head }
        if index == nil { created.append(here) }
        // A mapping the override creates takes the value's place in the file (a variant's line).
        let child = index.map { mapping[$0].value } ?? .mapping(Node.Mapping([], .implicit, .any, value.mark))
        guard let updated = set(Array(key.dropFirst()), to: value, in: child, origin: origin, path: path + [head], created: &created,
                                log: &log) else { return nil }
        let keyNode = index.map { mapping[$0].key } ?? .scalar(Node.Scalar(head, .implicit, .any, value.mark))
        mapping[keyNode] = updated
        return .mapping(mapping)
    }
}
