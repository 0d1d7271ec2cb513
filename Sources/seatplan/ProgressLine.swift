import Foundation
import MILP
import ScenarioModel

/// A live progress line on a terminal (standard error) in planners' words: the best plan's objective,
/// how far it may be from the best possible (the gap to the bound), the search's nodes and seconds.
/// Prints nothing when standard error is not a terminal (CI logs, pipes).
final class ProgressLine: @unchecked Sendable {
    private let enabled = isatty(STDERR_FILENO) != 0
    private var shown = false
    private let lock = NSLock()

    func show(_ p: SolveProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let best = p.incumbent.map { "best plan 最佳方案 \(grouped($0))" } ?? "looking for a first plan 寻找可行方案"
        let proof = p.gap.flatMap { $0.isFinite ? String(format: "at most %.2f%% above the best possible 距最优不超过%.2f%%", $0 * 100, $0 * 100) : nil }
            ?? "no bound yet 尚无下界"
        let text = "  \(best) · \(proof) · \(grouped(Double(p.nodes))) nodes 节点 · \(Int(p.seconds)) s"
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
