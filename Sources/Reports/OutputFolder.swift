import CRenameExchange
import Foundation

/// A command's output folder (`--out`), replaced as a whole so that a run killed at any moment leaves
/// either every old file or every new one, and never a file the planner wrote.
///
/// Every file is written into a staging folder beside the output folder (`.NAME.seatplan-staging-PID`
/// in its parent, temporary files included), a marker `.seatplan-output` last, and the staging folder
/// then takes the output folder's place in one step: `renameat2(…, RENAME_EXCHANGE)` swaps the two
/// where an old output folder exists (the old files are removed after), a plain `rename` places it
/// where none does. Where the file system cannot exchange, the old folder is first renamed aside
/// (`.NAME.seatplan-old-PID`); a run killed between the two renames is repaired by the next run,
/// which puts the old folder back. Staging and old folders of runs no longer alive are removed on
/// the next run into the same place.
///
/// The output folder may not be the scenario folder, inside it, or hold it; an existing one is
/// replaced only when it is empty or holds exactly what the same command wrote there (as its marker
/// lists), so no other file is ever lost; and it needs a writable parent on its own file system (not
/// a mount point). Liveness is judged by pid on this host: a folder shared with other hosts' runs is
/// not supported.
public struct OutputFolder {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case emptyPath
        case isScenario(String)
        case insideScenario(String, scenario: String)
        case holdsScenario(String, scenario: String)
        case notAFolder(String)
        case foreignEntry(String, entry: String)
        case otherCommand(String, command: String, wanted: String)
        case unreadable(String, underlying: String)
        case parentNotWritable(String, parent: String)
        case mountPoint(String)
        case cannotCreateFolder(String, underlying: String)
        case cannotWrite(String, underlying: String)

        public var description: String {
            switch self {
            case .emptyPath:
                return "--out is empty: name the output folder"
            case .isScenario(let out):
                return "--out \(out) is the scenario folder: outputs are never written into a scenario; choose another folder"
            case let .insideScenario(out, scenario):
                return "--out \(out) is inside the scenario folder \(scenario): outputs are never written into a scenario; choose a folder outside it"
            case let .holdsScenario(out, scenario):
                return "--out \(out) holds the scenario folder \(scenario), which replacing it would delete; choose another folder"
            case .notAFolder(let out):
                return "--out \(out) is a file, not a folder"
            case let .foreignEntry(out, entry):
                return "--out \(out) holds \(entry), which seatplan did not write there; the output folder is replaced as a whole, so choose a new or empty folder"
            case let .otherCommand(out, command, wanted):
                return "--out \(out) holds the outputs of `seatplan \(command)`, which `seatplan \(wanted)` would replace; give each command its own folder"
            case let .unreadable(out, e):
                return "--out \(out) cannot be listed (\(e)), so seatplan cannot tell whether it holds files of yours; choose another folder"
            case let .parentNotWritable(out, parent):
                return "--out \(out): the nearest existing folder above it, \(parent), is not writable, and the outputs are staged beside the folder; choose a folder in a writable place"
            case .mountPoint(let out):
                return "--out \(out) is a mount point, which cannot be swapped for the staging folder; give a folder inside it"
            case let .cannotCreateFolder(path, e):
                return "cannot create the output folder \(path): \(e)"
            case let .cannotWrite(path, e):
                return "cannot write \(path): \(e)"
            }
        }
    }

    /// The marker naming the command and its files, written last into every output folder.
    public static let marker = ".seatplan-output"

    /// The output folder as given, and its absolute form.
    public let path: String
    public let url: URL
    /// The command's words as the marker records them ("simulate", "simulate --draws").
    public let command: String

    private enum Content {
        case data(Data)
        case writer((URL) throws -> Void)
    }
    private var files: [(name: String, content: Content)] = []

    /// Checks `path` as an output folder of `command` for the scenario folder `scenario`, without
    /// writing anything.
    public init(_ path: String, command: String, scenario: URL?) throws(Failure) {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw .emptyPath }
        self.path = path
        self.command = command
        url = Self.canonical(URL(fileURLWithPath: path))
        if let scenario {
            let s = Self.canonical(scenario)
            if url.path == s.path { throw .isScenario(path) }
            if url.path.hasPrefix(s.path + "/") { throw .insideScenario(path, scenario: scenario.path) }
            if s.path.hasPrefix(url.path + "/") || url.path == "/" { throw .holdsScenario(path, scenario: scenario.path) }
        }
        try Self.checkReplaceable(url, path: path, command: command)
        try Self.checkPlace(url, path: path)
    }

    /// The staging folder goes beside the output folder and takes its place: the nearest existing
    /// ancestor must be writable, and the output folder, when it exists, on the same file system as
    /// its parent (not a mount point).
    static func checkPlace(_ url: URL, path: String) throws(Failure) {
        let parent = url.deletingLastPathComponent()
        var existing = parent
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" { existing.deleteLastPathComponent() }
        guard access(existing.path, W_OK) == 0 else { throw .parentNotWritable(path, parent: existing.path) }
        var a = stat(), b = stat()
        if stat(url.path, &a) == 0, stat(parent.path, &b) == 0, a.st_dev != b.st_dev { throw .mountPoint(path) }
    }

    /// True when `path` is the output folder or lies inside it (it is replaced as a whole).
    public func contains(_ path: String) -> Bool {
        let p = Self.canonical(URL(fileURLWithPath: path)).path
        return p == url.path || p.hasPrefix(url.path + "/")
    }

    /// Adds a file (by its name inside the output folder) to be written.
    public mutating func add(_ name: String, _ data: Data) { files.append((name, .data(data))) }

    /// Adds a file that `write` writes itself, given its path inside the staging folder (temporary
    /// files beside it).
    public mutating func add(_ name: String, writtenBy write: @escaping (URL) throws -> Void) { files.append((name, .writer(write))) }

    /// Names of the files to be written, in order.
    public var names: [String] { files.map(\.name) }

    /// Writes every file and puts the folder in place; returns the files' final URLs.
    @discardableResult
    public func commit() throws(Failure) -> [URL] {
        let staging = try stage()
        try publish(staging)
        return files.map { url.appendingPathComponent($0.name) }
    }

    /// The staging folder with every file and the marker written (the first half of `commit`).
    func stage() throws(Failure) -> URL {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(parent.path, underlying: error.localizedDescription)
        }
        Self.removeStale(url)
        // Checked again: another run may have written here since the check at the start.
        try Self.checkReplaceable(url, path: path, command: command)
        let staging = Self.sibling(url, "staging", pid: getpid())
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .cannotCreateFolder(staging.path, underlying: error.localizedDescription)
        }
        for (name, content) in files {
            let file = staging.appendingPathComponent(name)
            do {
                switch content {
                case .data(let data): try data.write(to: file)
                case .writer(let write): try write(file)
                }
            } catch {
                try? fm.removeItem(at: staging)
                throw .cannotWrite(url.appendingPathComponent(name).path, underlying: "\(error)")
            }
        }
        let listing = (["written by seatplan \(command)"] + files.map(\.name)).joined(separator: "\n") + "\n"
        do {
            try Data(listing.utf8).write(to: staging.appendingPathComponent(Self.marker))
        } catch {
            try? fm.removeItem(at: staging)
            throw .cannotWrite(url.appendingPathComponent(Self.marker).path, underlying: error.localizedDescription)
        }
        return staging
    }

    /// Puts a complete staging folder in the output folder's place (the second half of `commit`).
    func publish(_ staging: URL) throws(Failure) {
        let fm = FileManager.default
        if !fm.fileExists(atPath: url.path) {
            guard rename(staging.path, url.path) == 0 else { throw failure(staging) }
            return
        }
        if seatplan_rename_exchange(staging.path, url.path) == 0 {
            try? fm.removeItem(at: staging)
            return
        }
        guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else { throw failure(staging) }
        let old = Self.sibling(url, "old", pid: getpid())
        try? fm.removeItem(at: old)
        guard rename(url.path, old.path) == 0 else { throw failure(staging) }
        guard rename(staging.path, url.path) == 0 else {
            let e = failure(staging)
            _ = rename(old.path, url.path)
            throw e
        }
        try? fm.removeItem(at: old)
    }

    private func failure(_ staging: URL) -> Failure {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: staging)
        return .cannotWrite(url.path, underlying: reason)
    }

    /// `.NAME.seatplan-KIND-PID` beside `url`.
    static func sibling(_ url: URL, _ kind: String, pid: Int32) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).seatplan-\(kind)-\(pid)")
    }

    /// Removes the staging and old folders of runs into `url` that are no longer alive; an old folder
    /// whose output folder is missing (a run killed between its two renames) is put back first.
    static func removeStale(_ url: URL) {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).seatplan-"
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries.sorted() where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count).split(separator: "-")
            guard rest.count == 2, rest[0] == "staging" || rest[0] == "old", let pid = Int32(rest[1]) else { continue }
            if pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM) { continue }
            let stale = parent.appendingPathComponent(entry)
            if rest[0] == "old" && !fm.fileExists(atPath: url.path) && rename(stale.path, url.path) == 0 { continue }
            try? fm.removeItem(at: stale)
        }
    }

    /// An existing folder may be replaced when it is empty or holds exactly what `command` wrote.
    static func checkReplaceable(_ url: URL, path: String, command: String) throws(Failure) {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw .notAFolder(path) }
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: url.path).sorted()
        } catch {
            throw .unreadable(path, underlying: error.localizedDescription)
        }
        if entries.isEmpty { return }
        guard let data = fm.contents(atPath: url.appendingPathComponent(marker).path),
              let text = String(data: data, encoding: .utf8) else {
            throw .foreignEntry(path, entry: entries[0])
        }
        let lines = text.split(separator: "\n").map(String.init)
        let header = "written by seatplan "
        guard let first = lines.first, first.hasPrefix(header) else { throw .foreignEntry(path, entry: marker) }
        let written = first.dropFirst(header.count)
        guard written == command else { throw .otherCommand(path, command: String(written), wanted: command) }
        let listed = Set(lines.dropFirst()).union([marker])
        if let foreign = entries.first(where: { !listed.contains($0) }) { throw .foreignEntry(path, entry: foreign) }
    }

    /// The absolute path with symbolic links of its existing part resolved.
    static func canonical(_ url: URL) -> URL {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var resolved = existing.resolvingSymlinksInPath()
        for part in rest { resolved.appendPathComponent(part) }
        return resolved.standardizedFileURL
    }
}
