import Foundation
import MILP

/// A live progress line on a terminal (standard error): incumbent, bound, gap, nodes, elapsed.
/// Prints nothing when standard error is not a terminal (CI logs, pipes).
final class ProgressLine: @unchecked Sendable {
    private let enabled = isatty(STDERR_FILENO) != 0
    private var shown = false
    private let lock = NSLock()

    func show(_ p: SolveProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let incumbent = p.incumbent.map { String(format: "%.2f", $0) } ?? "—"
        let gap = p.gap.map { String(format: "%.3f%%", $0 * 100) } ?? "—"
        let text = String(format: "  incumbent %@  bound %.2f  gap %@  nodes %d  %.1f s", incumbent, p.bound, gap, p.nodes, p.seconds)
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        shown = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        shown = false
    }
}
