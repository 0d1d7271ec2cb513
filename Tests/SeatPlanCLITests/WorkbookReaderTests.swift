import Foundation
import Testing

/// The workbooks read back by a second reader: LibreOffice (Debian's `libreoffice-calc-nogui`) saves
/// every sheet as CSV with the values as its cells show them, and prints the workbook to PDF, whose
/// pages `pdftotext` (poppler-utils) splits; both are installed by scripts/install-system-packages.sh.
@Suite("workbooks read by LibreOffice")
struct WorkbookReaderTests {
    /// A sheet as LibreOffice shows it: its header's English keys and its rows of shown values.
    struct Sheet {
        let keys: [String]
        let rows: [[String]]
        func column(_ key: String) -> [String] {
            guard let c = keys.firstIndex(of: key) else { return [] }
            return rows.map { c < $0.count ? $0[c] : "" }
        }
    }

    static func tool(_ names: [String]) -> String? {
        names.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(tool) \(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    /// One CSV line of LibreOffice's export split into fields (quotes around fields with commas).
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], field = "", quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == ",", !quoted { out.append(field); field = "" } else { field.append(ch) }
        }
        return out + [field]
    }

    /// LibreOffice's settings folder for one test (no two runs share one).
    static func profile(_ folder: URL) -> String { "-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteString)" }

    /// Every sheet of a workbook as LibreOffice shows it, by sheet name. "44,34,76,1,,0,false,true,true,false,false,-1"
    /// is comma, quote, UTF-8, from line 1, values as shown (9th), every sheet (12th: -1).
    static func sheets(of workbook: URL, soffice: String, into folder: URL) throws -> [String: Sheet] {
        _ = try run(soffice, ["--headless", "--norestore", profile(folder), "--convert-to",
                              "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", folder.path, workbook.path])
        let prefix = workbook.deletingPathExtension().lastPathComponent + "-"
        var sheets: [String: Sheet] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasPrefix(prefix) && file.hasSuffix(".csv") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let lines = text.split(separator: "\n").map(fields)
            let keys = (lines.first ?? []).map { $0.split(separator: " ").last.map(String.init) ?? "" }
            sheets[String(file.dropFirst(prefix.count).dropLast(4))] = Sheet(keys: keys, rows: Array(lines.dropFirst()))
        }
        return sheets
    }

    static func number(_ shown: String) -> Double? { Double(shown.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "%", with: "")) }

    @Test("seat_gap.xlsx with a plan: sheets in order, names beside ids, %, 万元, years, 红黄绿 and 是/否 as shown; printed one page wide")
    func seatGapWorkbook() throws {
        guard let soffice = Self.tool(["/usr/bin/soffice", "/usr/bin/libreoffice"]), let pdftotext = Self.tool(["/usr/bin/pdftotext"]) else {
            Issue.record("LibreOffice or pdftotext is not installed: scripts/install-system-packages.sh installs them")
            return
        }
        let scenario = CLITests.root.appendingPathComponent("Scenarios/yunling")
        let plan = scenario.appendingPathComponent("plans/optimizer.yaml")
        let out = CLITests.temporaryFolder(), read = CLITests.temporaryFolder()
        let r = try CLITests.run(["simulate", scenario.path, "--plan", plan.path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let workbook = out.appendingPathComponent("seat_gap.xlsx")
        let profile = Self.profile(read)
        let sheets = try Self.sheets(of: workbook, soffice: soffice, into: read)
        let order = ["摘要 summary", "学位缺口 seat_gap", "目标 targets", "指标 indicators", "基年 base_year", "生源 attendance", "预警 warnings",
                     "在校生 enrollment", "通学 travel", "均衡 balance", "教职工编制 staffing", "学校 schools", "项目库 projects", "年度投资 spending",
                     "学生调整 relocations", "学位使用率 utilisation", "方案目标 plan_targets"]
        #expect(Set(sheets.keys) == Set(order))
        let summary = try #require(sheets["摘要 summary"]), gaps = try #require(sheets["学位缺口 seat_gap"])
        // The summary: five stages in the four years of the tables; years without separators, people
        // with them, shares in %. Primary 2024 as simulate prints it: 17,336 pupils for 24,720 seats.
        #expect(summary.rows.count == 5 * 4)
        #expect(summary.column("year").prefix(4) == ["2024", "2027", "2030", "2040"])
        let primary = try #require(summary.rows.first { $0.first == "小学 primary" && $0[1] == "2024" })
        #expect(primary[3] == "17,336" && primary[4] == "24,720" && primary[6] == "70.1%")
        // The seat gaps: the name beside the id, stages and warnings in Chinese, shares in %.
        let first = try #require(gaps.rows.first)
        #expect(first[1] == "D01K1" && first[2] == "县第一幼儿园" && first[3] == "学前 kindergarten")
        #expect(Set(gaps.column("warning")) == ["红 red", "黄 yellow", "绿 green"])
        #expect(gaps.column("utilisation").allSatisfy { $0.isEmpty || $0.hasSuffix("%") })
        #expect(Set(try #require(sheets["目标 targets"]).column("met")) == ["是 yes", "否 no"])
        // The plan's money in 万元: the projects add up to plan.yaml's capital_yuan, and so does the last
        // year's cumulative spending.
        let yaml = try String(contentsOf: plan, encoding: .utf8)
        let capital = try #require(yaml.components(separatedBy: "capital_yuan: ").dropFirst().first.flatMap { Double($0.prefix { $0.isNumber }) })
        let projects = try #require(sheets["项目库 projects"])
        #expect(projects.rows.count == 43)  // 3 builds, 18 expansions, 3 boarding conversions, 3 restrictions, 1 conversion, 13 merges, 2 closures
        #expect(abs(projects.column("capital").compactMap(Self.number).reduce(0, +) - capital / 10_000) <= 0.05 * Double(projects.rows.count))
        #expect(try #require(sheets["年度投资 spending"]).column("cumulative").last.flatMap(Self.number) == capital / 10_000)
        #expect(try #require(sheets["学生调整 relocations"]).column("from_name").allSatisfy { !$0.isEmpty })

        // Printed: A4 landscape, one page wide, the header on every page. Each page belongs to the sheet
        // whose every column key its header shows; the sheets come in order, the summary on one page,
        // and no sheet takes more pages than a page per 25 rows (two pages wide would take twice that).
        _ = try Self.run(soffice, ["--headless", "--norestore", profile, "--convert-to", "pdf", "--outdir", read.path, workbook.path])
        let text = try Self.run(pdftotext, ["-layout", read.appendingPathComponent("seat_gap.pdf").path, "-"])
        let pages = text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        var counts: [String: Int] = [:], sequence: [String] = []
        for page in pages {
            let words = Set(page.split(whereSeparator: \.isWhitespace).map(String.init))
            let owner = order.filter { name in sheets[name]!.keys.allSatisfy(words.contains) }.max { sheets[$0]!.keys.count < sheets[$1]!.keys.count }
            let name = try #require(owner, "a page without a sheet's header: \(page.prefix(200))")
            counts[name, default: 0] += 1
            if sequence.last != name { sequence.append(name) }
        }
        #expect(sequence == order)
        #expect(counts["摘要 summary"] == 1)
        for name in order {
            let rows = sheets[name]!.rows.count
            #expect(counts[name, default: 0] <= (rows + 24) / 25, "\(name): \(counts[name, default: 0]) pages for \(rows) rows")
        }
        print("seat_gap.xlsx printed: \(pages.count) pages; " + order.map { "\($0) \(counts[$0, default: 0])" }.joined(separator: ", "))
    }
}
