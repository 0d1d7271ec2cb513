import ConsoleKitTerminal
import Foundation

/// console-kit's progress bar for the draws, on standard output when it is a terminal; nothing
/// otherwise (pipes, CI logs, files).
final class DrawProgress: Sendable {
    private let bar: ActivityIndicator<ProgressBar>?
    private let total: Int

    init(title: String, total: Int) {
        self.total = max(1, total)
        bar = isatty(STDOUT_FILENO) != 0 ? Terminal().progressBar(title: title) : nil
        bar?.start()
    }

    func update(_ done: Int) { bar?.activity.currentProgress = Double(done) / Double(total) }

    func finish() { bar?.succeed() }
}
