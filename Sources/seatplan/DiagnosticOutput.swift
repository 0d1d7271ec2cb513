import Foundation
import ScenarioIO

/// Prints diagnostics for a planner: errors first, then warnings, then notes, each on one line.
enum DiagnosticOutput {
    static func print(_ diagnostics: [Diagnostic], to stream: Stream = .standardError, includeNotes: Bool = true) {
        let shown = diagnostics.filter { includeNotes || $0.severity != .note }
        for d in shown.enumerated().sorted(by: { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }).map(\.element) {
            stream.write(d.description + "\n")
        }
    }

    /// "2 errors, 1 warning".
    static func counts(_ diagnostics: [Diagnostic]) -> String {
        let e = diagnostics.filter { $0.severity == .error }.reduce(0) { $0 + $1.count }
        let w = diagnostics.filter { $0.severity == .warning }.reduce(0) { $0 + $1.count }
        return "\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")"
    }
}

enum Stream {
    case standardOutput, standardError

    func write(_ text: String) {
        let handle = self == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
    }
}
