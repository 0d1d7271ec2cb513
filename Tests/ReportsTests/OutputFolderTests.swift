import Foundation
@testable import Reports
import SeatMetrics
import Testing

@Suite("Output folders: all files at once or none, never a planner's file")
struct OutputFolderTests {
    private let fm = FileManager.default

    private func scratch() throws -> URL {
        let url = fm.temporaryDirectory.appendingPathComponent("seatplan-output-\(UUID().uuidString)")
        try fm.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func contents(_ folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try fm.contentsOfDirectory(atPath: folder.path) {
            files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    private func write(_ out: URL, command: String = "simulate", _ files: [String: String]) throws {
        var folder = try OutputFolder(out.path, command: command, scenario: nil)
        for (name, text) in files.sorted(by: { $0.key < $1.key }) { folder.add(name, Data(text.utf8)) }
        try folder.commit()
    }

    /// The pid of a process that has ended.
    private func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    @Test("--out may not be empty, the scenario folder, inside it, or hold it; a file is not a folder")
    func refusedPlaces() throws {
        let root = try scratch()
        let scenario = root.appendingPathComponent("county")
        try fm.createDirectory(at: scenario, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: file)
        func failure(_ path: String) -> OutputFolder.Failure? {
            do { _ = try OutputFolder(path, command: "project", scenario: scenario); return nil } catch { return error }
        }
        #expect(failure("") == .emptyPath)
        #expect(failure("  ") == .emptyPath)
        #expect(failure(scenario.path) == .isScenario(scenario.path))
        #expect(failure(scenario.path + "/./") == .isScenario(scenario.path + "/./"))
        #expect(failure(scenario.appendingPathComponent("out").path) == .insideScenario(scenario.appendingPathComponent("out").path, scenario: scenario.path))
        #expect(failure(root.path) == .holdsScenario(root.path, scenario: scenario.path))
        #expect(failure("/") == .holdsScenario("/", scenario: scenario.path))
        #expect(failure(file.path) == .notAFolder(file.path))
        // Through a symbolic link to the scenario, too.
        let link = root.appendingPathComponent("link")
        try fm.createSymbolicLink(at: link, withDestinationURL: scenario)
        #expect(failure(link.appendingPathComponent("out").path) == .insideScenario(link.appendingPathComponent("out").path, scenario: scenario.path))
        #expect(failure(root.appendingPathComponent("out").path) == nil)
        #expect(!fm.fileExists(atPath: root.appendingPathComponent("out").path))
    }

    @Test("a folder is replaced as a whole, only when it holds just this command's earlier outputs")
    func replacement() throws {
        let out = try scratch().appendingPathComponent("run")
        try write(out, ["a.csv": "1\n", "b.csv": "2\n"])
        #expect(try contents(out) == ["a.csv": "1\n", "b.csv": "2\n", ".seatplan-output": "written by seatplan simulate\na.csv\nb.csv\n"])
        // Rerun: b.csv is gone, c.csv new, nothing else beside the folder.
        try write(out, ["a.csv": "3\n", "c.csv": "4\n"])
        #expect(try contents(out) == ["a.csv": "3\n", "c.csv": "4\n", ".seatplan-output": "written by seatplan simulate\na.csv\nc.csv\n"])
        #expect(try fm.contentsOfDirectory(atPath: out.deletingLastPathComponent().path) == ["run"])
        // Another command's folder, or a file the planner put there, is never replaced.
        #expect(throws: OutputFolder.Failure.otherCommand(out.path, command: "simulate", wanted: "project")) {
            _ = try OutputFolder(out.path, command: "project", scenario: nil)
        }
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        #expect(throws: OutputFolder.Failure.foreignEntry(out.path, entry: "notes.txt")) {
            _ = try OutputFolder(out.path, command: "simulate", scenario: nil)
        }
        let plain = try scratch()
        try Data("mine".utf8).write(to: plain.appendingPathComponent("report.docx"))
        #expect(throws: OutputFolder.Failure.foreignEntry(plain.path, entry: "report.docx")) {
            _ = try OutputFolder(plain.path, command: "simulate", scenario: nil)
        }
        // An empty folder is taken.
        let empty = try scratch()
        try write(empty, ["a.csv": "1\n"])
        #expect(try contents(empty)["a.csv"] == "1\n")
    }

    @Test("a run killed after staging leaves every old file; the next run removes what it left")
    func killedAfterStaging() throws {
        let parent = try scratch()
        let out = parent.appendingPathComponent("run")
        try write(out, ["a.csv": "old\n", "b.csv": "old\n"])
        let before = try contents(out)
        var folder = try OutputFolder(out.path, command: "simulate", scenario: nil)
        folder.add("a.csv", Data("new\n".utf8))
        folder.add("b.csv", Data("new\n".utf8))
        let staged = try folder.stage()
        // Killed here: the staging folder is complete but not in place; it belongs to a dead process.
        let dead = OutputFolder.sibling(out, "staging", pid: try deadPID())
        #expect(rename(staged.path, dead.path) == 0)
        #expect(try contents(out) == before)
        // A second leftover, partly written, as a kill during staging leaves it.
        let partial = OutputFolder.sibling(out, "staging", pid: try deadPID())
        try fm.createDirectory(at: partial, withIntermediateDirectories: false)
        try Data("ne".utf8).write(to: partial.appendingPathComponent("a.csv"))
        try write(out, ["a.csv": "newer\n"])
        #expect(try contents(out) == ["a.csv": "newer\n", ".seatplan-output": "written by seatplan simulate\na.csv\n"])
        #expect(try fm.contentsOfDirectory(atPath: parent.path) == ["run"])
    }

    @Test("a run killed between the two renames of a file system that cannot exchange is repaired: the old folder comes back")
    func killedBetweenRenames() throws {
        let parent = try scratch()
        let out = parent.appendingPathComponent("run")
        try write(out, ["a.csv": "old\n"])
        let old = OutputFolder.sibling(out, "old", pid: try deadPID())
        #expect(rename(out.path, old.path) == 0)
        // The next run finds no output folder, puts the old one back, and replaces it.
        var folder = try OutputFolder(out.path, command: "simulate", scenario: nil)
        folder.add("a.csv", Data("new\n".utf8))
        let staged = try folder.stage()
        #expect(try contents(out)["a.csv"] == "old\n")
        try folder.publish(staged)
        #expect(try contents(out)["a.csv"] == "new\n")
        #expect(try fm.contentsOfDirectory(atPath: parent.path) == ["run"])
    }

    @Test("the workbook's temporary files stay in its own folder, and the same tables give the same bytes")
    func workbookInPlace() throws {
        let folder = try scratch()
        var table = ReportTable(file: nil, sheet: "t", columns: [("a", "甲")])
        table.add([.number(1.5, places: 1)])
        table.add([.text("x")])
        let first = folder.appendingPathComponent("one.xlsx"), second = folder.appendingPathComponent("two.xlsx")
        try XLSXWorkbook.write([table], to: first)
        try XLSXWorkbook.write([table], to: second)
        #expect(try fm.contentsOfDirectory(atPath: folder.path).sorted() == ["one.xlsx", "two.xlsx"])
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    }

    /// A part of the workbook read back by a second reader (`unzip`).
    private func part(_ xlsx: URL, _ name: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        p.arguments = ["-p", xlsx.path, name]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("the workbook prints on A4 landscape one page wide with the header on every page; counts with separators, shares in %, money in 万元, years plain, warnings filled 红黄绿, flags 是/否")
    func workbookPresentable() throws {
        let folder = try scratch()
        var table = ReportTable(file: "gaps.csv", sheet: "缺口 gaps", columns: [
            ("id", "编号"), ("name", "名称"), ("demand", "需求"), ("warning", "预警"), ("met", "达标"), ("share", "比例"), ("capital", "投资(万元)"),
            ("year", "年份"),
        ], workbookOnly: ["name"])
        table.add([.text("D01P1"), .text("县第一小学"), .count(12345.678), .warning(.red), .flag(true), .share(0.9234), .money(228_470_000), .year(2026)])
        table.add([.text("D01P2"), .text("大寨小学"), .count(5), .warning(.green), .flag(false), .share(1), .money(0), .year(2027)])
        // The CSV keeps its own columns and values: no name, the share as a fraction, money in yuan.
        #expect(String(decoding: table.csv, as: UTF8.self) == "id,demand,warning,met,share,capital,year\nD01P1,12345.678,red,true,0.9234,228470000,2026\nD01P2,5.000,green,false,1.0000,0,2027\n")
        let xlsx = folder.appendingPathComponent("t.xlsx")
        try XLSXWorkbook.write([table], to: xlsx)
        let sheet = try part(xlsx, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\"") && sheet.contains("fitToHeight=\"0\""), "\(sheet)")
        #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"))
        // Money written in 万元: 228,470,000 yuan is 22,847.
        #expect(sheet.contains("<v>22847</v>") && sheet.contains("<v>0.9234</v>") && sheet.contains("<v>2026</v>"))
        let workbook = try part(xlsx, "xl/workbook.xml")
        #expect(workbook.contains("_xlnm.Print_Titles"))
        // Columns sized to their contents: the name column (CJK counts double) is wider than the flag column.
        let widths = sheet.components(separatedBy: "width=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(widths.count == 8 && widths[1] > widths[4], "\(widths)")
        let strings = try part(xlsx, "xl/sharedStrings.xml")
        #expect(strings.contains("红 red") && strings.contains("绿 green") && strings.contains("是 yes") && strings.contains("否 no") && strings.contains("县第一小学"))
        let styles = try part(xlsx, "xl/styles.xml")
        for code in ["#,##0", "0.0%", "#,##0.0", "0"] { #expect(styles.contains("formatCode=\"\(code)\""), "no number format \(code)") }
        #expect(styles.contains("rgb=\"FFF4B6B0\"") && styles.contains("rgb=\"FFC6E0B4\""), "\(styles)")
    }
}
