import Foundation

/// Writes a run's output files so that none is ever left half-written: every file goes first to a
/// hidden temporary file in the output folder, and only when all are written are they renamed into
/// place (a rename within one folder is atomic on POSIX file systems).
public struct OutputStaging {
    public enum Failure: Error, CustomStringConvertible {
        case cannotCreateFolder(String, underlying: String)
        case cannotWrite(String, underlying: String)

        public var description: String {
            switch self {
            case let .cannotCreateFolder(path, e): return "cannot create the output folder \(path): \(e)"
            case let .cannotWrite(path, e): return "cannot write \(path): \(e)"
            }
        }
    }

    private var files: [(name: String, data: Data)] = []

    public init() {}

    /// Adds a file (by its name inside the output folder) to be written.
    public mutating func add(_ name: String, _ data: Data) { files.append((name, data)) }

    /// Names of the staged files, in order.
    public var names: [String] { files.map(\.name) }

    /// Writes every staged file into `folder` (created if needed) and returns their URLs.
    @discardableResult
    public func commit(to folder: URL) throws(Failure) -> [URL] {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(folder.path, underlying: error.localizedDescription)
        }
        let token = UUID().uuidString.prefix(8)
        var temporary: [(URL, URL)] = []
        for (name, data) in files {
            let final = folder.appendingPathComponent(name)
            let temp = folder.appendingPathComponent(".\(name).\(token).tmp")
            do {
                try data.write(to: temp)
            } catch {
                for (t, _) in temporary { try? fm.removeItem(at: t) }
                try? fm.removeItem(at: temp)
                throw .cannotWrite(final.path, underlying: error.localizedDescription)
            }
            temporary.append((temp, final))
        }
        for (temp, final) in temporary {
            if rename(temp.path, final.path) != 0 {
                let reason = String(cString: strerror(errno))
                for (t, _) in temporary { try? fm.removeItem(at: t) }
                throw .cannotWrite(final.path, underlying: reason)
            }
        }
        return temporary.map(\.1)
    }
}
