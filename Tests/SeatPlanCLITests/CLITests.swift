import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Runs the built `seatplan` binary as a planner would.
@Suite("seatplan command line")
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `seatplan` executable next to the test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("seatplan")
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("seatplan-cli-\(UUID().uuidString)")
    }

    @Test("project on the default scenario writes population.csv and prints the county summary")
    func projectDefault() throws {
        let out = Self.temporaryFolder()
        let r = try Self.run(["project", Self.root.appendingPathComponent("Scenarios/yunling").path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: out.appendingPathComponent("population.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "area,year,sex,age,population")
        // (9 districts + 80 communities) × 17 years × 2 sexes × 101 ages, plus the header.
        #expect(lines.count == 89 * 17 * 202 + 1)
        #expect(lines[1].hasPrefix("D01,2024,M,0,"))
        // Summary: a title, a header with the school-age groups, one row per year 2024 … 2040.
        #expect(r.stdout.contains("total 总人口") && r.stdout.contains("6–11 小学") && r.stdout.contains("15–17 高中"))
        #expect(r.stdout.contains("\n2024  ") && r.stdout.contains("\n2040  "))
        #expect(r.stdout.contains("204,067"))
        // No temporary files are left beside the output.
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(names == ["population.csv", "components.csv", ".seatplan-output"])
        // components.csv: every row balances, population_next = population + births − deaths + net migrants.
        let components = try String(contentsOf: out.appendingPathComponent("components.csv"), encoding: .utf8).split(separator: "\n")
        #expect(components.first == "area,year,population,births,deaths,net_migrants,population_next")
        #expect(components.count == 89 * 16 + 1)
        for row in components.dropFirst() {
            let v = row.split(separator: ",").dropFirst(2).compactMap { Double($0) }
            #expect(v.count == 5 && abs(v[0] + v[1] - v[2] + v[3] - v[4]) < 0.005, "\(row)")
        }
    }

    @Test("a bad scenario exits 1, names file, line and column, and writes nothing")
    func badScenario() throws {
        let scenario = Self.temporaryFolder()
        try FileManager.default.createDirectory(at: scenario, withIntermediateDirectories: true)
        let source = Self.root.appendingPathComponent("Scenarios/yunling")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".csv") || name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: scenario.appendingPathComponent(name))
        }
        let population = scenario.appendingPathComponent("population.csv")
        var text = try String(contentsOf: population, encoding: .utf8)
        text = text.replacingOccurrences(of: "\nD0101,M,0,", with: "\nD0101,M,0,-")
        try text.write(to: population, atomically: true, encoding: .utf8)
        let out = Self.temporaryFolder()
        let r = try Self.run(["project", scenario.path, "--out", out.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("population.csv:2, column population: error:"))
        #expect(r.stderr.contains("nothing written"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let v = try Self.run(["validate", scenario.path])
        #expect(v.status == 1)
        #expect(v.stdout.contains("population.csv:2, column population: error:") && v.stdout.contains("1 error"))
    }

    @Test("validate on the default scenario reports no errors")
    func validateDefault() throws {
        let r = try Self.run(["validate", Self.root.appendingPathComponent("Scenarios/yunling").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("0 errors, 0 warnings"))
        #expect(r.stdout.contains("9 districts, 80 communities"))
    }

    @Test("misuse is refused by the argument parser with usage help")
    func misuse() throws {
        let r = try Self.run(["project", Self.root.appendingPathComponent("Scenarios/yunling").path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Missing expected argument '--out <folder>'"))
    }
}

@Suite("seatplan simulate")
struct SimulateCLITests {
    @Test("simulate on the default scenario writes the five outputs and prints gaps and missed targets")
    func simulateDefault() throws {
        let out = CLITests.temporaryFolder()
        let r = try CLITests.run(["simulate", CLITests.root.appendingPathComponent("Scenarios/yunling").path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        func head(_ name: String) throws -> String {
            try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        }
        #expect(try head("enrollment.csv") == "area,year,stage,grade,pupils")
        #expect(try head("seat_gap.csv") == "level,id,stage,year,school_age_population,demand,seats,gap,utilisation,classes_needed,classrooms,avg_class_size,big_classes,big_class_share,warning,classes,super_big_classes")
        #expect(try head("indicators.csv") == "indicator,name_zh,stage,year,value,note")
        #expect(try head("targets.csv") == "target,name_zh,year,required,achieved,met")
        let xlsx = try Data(contentsOf: out.appendingPathComponent("seat_gap.xlsx"))
        #expect(xlsx.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))  // a zip (Office Open XML) file
        #expect(xlsx.range(of: Data("xl/worksheets/sheet1.xml".utf8)) != nil)
        #expect(r.stdout.contains("county gap 全县学位缺口") && r.stdout.contains("学前三年毛入园率"))
        #expect(r.stdout.contains("worst shortages 学位缺口最大"))
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(names == ["enrollment.csv", "seat_gap.csv", "targets.csv", "indicators.csv", "base_year.csv", "attendance.csv", "warnings.csv",
                          "travel.csv", "balance.csv", "staffing.csv", "seat_gap.xlsx", ".seatplan-output"])
    }

    @Test("two runs of simulate write the same bytes, the workbook included — the second with --set at the file's own values")
    func rerunsIdentical() throws {
        let scenario = CLITests.root.appendingPathComponent("Scenarios/yunling").path
        let first = CLITests.temporaryFolder(), second = CLITests.temporaryFolder()
        let same = ["--set", "enrollment.rates.kindergarten.2027=0.93", "--set", "horizon=2040", "--variant", "central"]
        for (out, extra) in [(first, [String]()), (second, same)] {
            let r = try CLITests.run(["simulate", scenario, "--out", out.path] + extra)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        let again = try FileManager.default.contentsOfDirectory(atPath: second.path).sorted()
        #expect(names.contains("seat_gap.xlsx") && names == again)
        for name in names {
            let a = try Data(contentsOf: first.appendingPathComponent(name)), b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name)")
        }
    }

    @Test("compare writes the three outputs, the status quo first; a plan compared with itself differs in nothing; reruns are identical")
    func compare() throws {
        let scenario = CLITests.root.appendingPathComponent("Scenarios/yunling").path
        let plan = CLITests.root.appendingPathComponent("Scenarios/yunling/plans/bureau-draft.yaml").path
        let first = CLITests.temporaryFolder(), second = CLITests.temporaryFolder()
        for out in [first, second] {
            let r = try CLITests.run(["compare", scenario, "--plan", plan, "--plan", plan, "--out", out.path, "--years", "2027,2030"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("bureau draft 教育局草案 and bureau draft 教育局草案 (2): no figure differs."), "\(r.stdout)")
            #expect(r.stdout.contains("short 学位不足 小学 2027/2030"))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(names == [".seatplan-output", "comparison.csv", "comparison.md", "comparison.xlsx"])
        for name in names {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)), "\(name)")
        }
        let csv = try String(contentsOf: first.appendingPathComponent("comparison.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("plan,indicator,stage,year,value\nstatus quo 现状,capital,,2024,0\n"))
        let bad = CLITests.temporaryFolder()
        let r = try CLITests.run(["compare", scenario, "--plan", plan, "--plan", scenario + "/schools.csv", "--out", bad.path])
        #expect(r.status == 1 && !FileManager.default.fileExists(atPath: bad.path), "\(r.stderr)")
    }

    @Test("simulate --draws writes the same bands on every run and with any number of threads")
    func drawsIdentical() throws {
        let scenario = CLITests.root.appendingPathComponent("Scenarios/yunling").path
        let outs = [CLITests.temporaryFolder(), CLITests.temporaryFolder(), CLITests.temporaryFolder()]
        for (out, threads) in zip(outs, ["1", "2", "2"]) {
            let r = try CLITests.run(["simulate", scenario, "--draws", "4", "--seed", "11", "--threads", threads, "--out", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("4 draws 次抽样, seed 11") && r.stdout.contains("P(a school short)"), "\(r.stdout)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: outs[0].path).sorted()
        #expect(names == [".seatplan-output", "seat_gap_bands.csv", "shortage_probability.csv"])
        for name in names {
            let first = try Data(contentsOf: outs[0].appendingPathComponent(name))
            for other in outs.dropFirst() { #expect(try Data(contentsOf: other.appendingPathComponent(name)) == first, "\(name)") }
        }
        let bands = try String(contentsOf: outs[0].appendingPathComponent("seat_gap_bands.csv"), encoding: .utf8)
        #expect(bands.hasPrefix("level,id,stage,year,seats,demand_p10,demand_p50,demand_p90,gap_p10,gap_p50,gap_p90\nschool,D01K1,kindergarten,2024,"))
    }

    @Test("a sweep's value at a grid point is the --set run's at that point; bad ranges and metrics are refused")
    func sweepMatchesSet() throws {
        let scenario = CLITests.root.appendingPathComponent("Scenarios/yunling").path
        let out = CLITests.temporaryFolder()
        let r = try CLITests.run(["sweep", scenario, "--set-range", "enrollment.rates.kindergarten.2027=0.9:0.96:0.03",
                                  "--metric", "seat_gap.kindergarten.2030", "--metric", "capital_total", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let sweep = try String(contentsOf: out.appendingPathComponent("sweep.csv"), encoding: .utf8).split(separator: "\n")
        #expect(sweep.count == 4 && sweep[0] == "key,value,seat_gap.kindergarten.2030,capital_total")
        let point = try #require(sweep.first { $0.hasPrefix("enrollment.rates.kindergarten.2027,0.93,") })
        let swept = try #require(Double(point.split(separator: ",")[2]))
        // Demand is linear in the rate (the rate path is constant from 2027): equal steps, equal changes.
        let gaps = sweep.dropFirst().compactMap { Double($0.split(separator: ",")[2]) }
        #expect(gaps.count == 3 && abs((gaps[1] - gaps[0]) - (gaps[2] - gaps[1])) < 0.01 && gaps[1] > gaps[0], "\(gaps)")
        let compared = CLITests.temporaryFolder()
        let c = try CLITests.run(["compare", scenario, "--set", "enrollment.rates.kindergarten.2027=0.93", "--out", compared.path])
        #expect(c.status == 0, "\(c.stderr)")
        let csv = try String(contentsOf: compared.appendingPathComponent("comparison.csv"), encoding: .utf8)
        let row = try #require(csv.split(separator: "\n").first { $0.hasPrefix("status quo 现状,seat_gap,kindergarten,2030,") })
        let set = try #require(Double(row.split(separator: ",")[4]))
        #expect(abs(swept - set) < 0.05, "sweep \(swept) vs --set \(set)")
        for bad in [["--set-range", "horizon=2040:2030:1", "--metric", "lifetime_cost"], ["--set-range", "horizon=2040:2041:1", "--metric", "seat_gap..2030"]] {
            let e = try CLITests.run(["sweep", scenario, "--out", CLITests.temporaryFolder().path] + bad)
            #expect(e.status != 0 && (e.stderr.contains("--set-range") || e.stderr.contains("--metric")), "\(e.stderr)")
        }
    }

    @Test("simulate without a schools table stops with a clear message")
    func noSchools() throws {
        let r = try CLITests.run(["simulate", CLITests.root.appendingPathComponent("Tests/SeatPlanCLITests").path, "--out", CLITests.temporaryFolder().path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("scenario.yaml: error: file not found"))
    }
}

@Suite("seatplan optimize and solve-cflp", .serialized)
struct OptimizeCLITests {
    @Test("optimize on the default scenario writes a plan that simulate --plan evaluates to the same yearly cost")
    func optimizeDefault() throws {
        let out = CLITests.temporaryFolder()
        let scenario = CLITests.root.appendingPathComponent("Scenarios/yunling").path
        let r = try CLITests.run(["optimize", scenario, "--out", out.path, "--gap", "0.05"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out.path)) == ["plan.yaml", "plan.xlsx", "plan_report.md", "assignment.csv", ".seatplan-output"])
        let assignment = try String(contentsOf: out.appendingPathComponent("assignment.csv"), encoding: .utf8)
        #expect(assignment.hasPrefix("community,stage,school,pupils,distance_km,grades,minutes,boards\n"))
        #expect(assignment.contains(",K1-K3,") && assignment.contains(",1-3,") && assignment.contains(",4-6,") && !assignment.contains("K1-K2"))
        let report = try String(contentsOf: out.appendingPathComponent("plan_report.md"), encoding: .utf8)
        #expect(report.contains("## Cost 费用") && report.contains("## Actions 调整措施"))
        // Year by year: every year of the scenario, the capital adding up to plan.yaml's.
        let years = report.components(separatedBy: "## By year 分年度")[1].components(separatedBy: "\n## ")[0]
            .split(separator: "\n").filter { $0.hasPrefix("| 20") }
        #expect(years.count == 17 && years.first?.hasPrefix("| 2024 | 0 | 0 万元 |") == true)
        // The summary's objective is the simulated yearly cost of the plan, to the yuan.
        func value(_ text: String, after marker: String) -> String? {
            text.components(separatedBy: marker).dropFirst().first.map { String($0.prefix { $0.isNumber }) }
        }
        let objective = try #require(value(r.stdout, after: "objective "))
        #expect(r.stdout.contains("plan: ") && r.stdout.contains("build"))
        let simulated = CLITests.temporaryFolder()
        let s = try CLITests.run(["simulate", scenario, "--plan", out.appendingPathComponent("plan.yaml").path, "--out", simulated.path])
        #expect(s.status == 0, "\(s.stderr)")
        let yearly = try #require(value(s.stdout, after: "; yearly ¥"))
        #expect(!objective.isEmpty && yearly == objective, "optimize: \(r.stdout)\nsimulate: \(s.stdout)")
        // plan.xlsx read back by LibreOffice: the plan's five sheets; the projects' 万元 add up to the
        // capital plan.yaml records, as does the last year's cumulative spending.
        guard let soffice = WorkbookReaderTests.tool(["/usr/bin/soffice", "/usr/bin/libreoffice"]) else {
            Issue.record("LibreOffice is not installed: scripts/install-system-packages.sh installs it")
            return
        }
        let read = CLITests.temporaryFolder()
        let sheets = try WorkbookReaderTests.sheets(of: out.appendingPathComponent("plan.xlsx"), soffice: soffice, into: read)
        #expect(Set(sheets.keys) == ["项目库 projects", "年度投资 spending", "学生调整 relocations", "学位使用率 utilisation", "方案目标 plan_targets"])
        let yaml = try String(contentsOf: out.appendingPathComponent("plan.yaml"), encoding: .utf8)
        let capital = try #require(value(yaml, after: "capital_yuan: ").flatMap(Double.init))
        let projects = try #require(sheets["项目库 projects"])
        let actions = yaml.components(separatedBy: "action: ").count - 1
        #expect(projects.rows.count == actions && actions > 0)
        #expect(abs(projects.column("capital").compactMap(WorkbookReaderTests.number).reduce(0, +) - capital / 10_000) <= 0.05 * Double(actions))
        #expect(try #require(sheets["年度投资 spending"]).column("cumulative").last.flatMap(WorkbookReaderTests.number) == (capital / 1_000).rounded() / 10)
    }

    @Test("optimize on a county no plan can serve says why and writes nothing")
    func optimizeInfeasible() throws {
        let scenario = CLITests.temporaryFolder()
        try FileManager.default.copyItem(at: CLITests.root.appendingPathComponent("Scenarios/yunling"), to: scenario)
        // 竹溪乡's kindergartens are private (calibration/generate.py); without the candidate sites in the
        // township (C04 at its seat, C11 in 戈奎村) and no conversion of a school's buildings
        // (optimizer.conversions: {}) no plan gives it a public one (一乡一公办), and the pre-check stops
        // before any solve.
        let sites = scenario.appendingPathComponent("candidate_sites.csv")
        let kept = try String(contentsOf: sites, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("C11,") && !$0.hasPrefix("C04,") }
        try (kept.joined(separator: "\n") + "\n").write(to: sites, atomically: true, encoding: .utf8)
        let yaml = scenario.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "\noptimizer:", with: "\noptimizer:\n  conversions: {}")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        let out = CLITests.temporaryFolder()
        let r = try CLITests.run(["optimize", scenario.path, "--out", out.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("D09 (竹溪乡): no public kindergarten, no candidate site allowing one and no school whose buildings could become one (一乡一公办)"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("solve-cflp reaches cap41's published optimum and prints the machine-readable last line")
    func solveCFLP() throws {
        let file = CLITests.root.appendingPathComponent("Tests/FacilityLocationTests/Data/cap41.txt").path
        let r = try CLITests.run(["solve-cflp", file])
        #expect(r.status == 0, "\(r.stderr)")
        let last = try #require(r.stdout.split(separator: "\n").last)
        let fields = Dictionary(uniqueKeysWithValues: last.split(separator: " ").compactMap { pair -> (String, Double)? in
            let kv = pair.split(separator: "=")
            return kv.count == 2 ? (String(kv[0]), Double(kv[1]) ?? .nan) : nil
        })
        #expect(Set(fields.keys) == ["objective", "bound", "gap", "seconds"])
        #expect(abs((fields["objective"] ?? 0) - 1_040_444.375) <= 1e-6 * 1_040_444.375)
        #expect((fields["gap"] ?? 1) <= 1e-6)
        let capa = try CLITests.run(["solve-cflp", CLITests.root.appendingPathComponent("Tests/FacilityLocationTests/Data/cap41.txt").path, "--capacity", "-1"])
        #expect(capa.status != 0)
    }
}

@Suite("seatplan killed at any moment")
struct KillCLITests {
    /// Every file of a folder, by name.
    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test("simulate killed at any moment leaves every old output or every new one; the next run removes what it left; nothing in $TMPDIR")
    func killedSimulate() throws {
        let fm = FileManager.default
        let scenario = CLITests.root.appendingPathComponent("Scenarios/yunling").path
        let parent = CLITests.temporaryFolder(), tmp = CLITests.temporaryFolder()
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        let out = parent.appendingPathComponent("run"), reference = CLITests.temporaryFolder()
        let whatIf = ["--set", "enrollment.rates.kindergarten.2027=0.95"]
        #expect(try CLITests.run(["simulate", scenario, "--out", out.path]).status == 0)
        let old = try snapshot(out)
        let start = Date()
        #expect(try CLITests.run(["simulate", scenario, "--out", reference.path] + whatIf).status == 0)
        let seconds = Date().timeIntervalSince(start)
        let new = try snapshot(reference)
        #expect(old.count == new.count && old != new)
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = tmp.path
        // Killed early, while writing, about when the folder is swapped, and after.
        for fraction in [0.5, 0.9, 0.97, 1.0, 1.1] {
            let p = Process()
            p.executableURL = CLITests.binary
            p.arguments = ["simulate", scenario, "--out", out.path] + whatIf
            p.environment = environment
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: seconds * fraction)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = try snapshot(out)
            #expect(now == old || now == new, "killed at \(fraction) of a run: a mix of old and new outputs")
        }
        #expect(try CLITests.run(["simulate", scenario, "--out", out.path]).status == 0)
        #expect(try snapshot(out) == old)
        #expect(try fm.contentsOfDirectory(atPath: parent.path) == ["run"])
        #expect(try fm.contentsOfDirectory(atPath: tmp.path).isEmpty)
    }
}

@Suite("seatplan report")
struct ReportCLITests {
    /// The report as a reader sees it: headless Chromium (Debian's `chromium`, installed by
    /// scripts/install-system-packages.sh with `fonts-noto-cjk`) prints it to PDF on A4 and takes a
    /// screenshot of its first page. The PDF has a page per section or more, and its Chinese text is
    /// set in Noto Sans CJK (the font is embedded: no glyph fell back to a box).
    func rendered(_ html: URL) throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            Issue.record("chromium is not installed: scripts/install-system-packages.sh installs it")
            return
        }
        let folder = CLITests.temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pdf = folder.appendingPathComponent("report.pdf"), png = folder.appendingPathComponent("page1.png")
        for argument in ["--print-to-pdf=\(pdf.path)", "--screenshot=\(png.path)"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: chromium)
            p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--hide-scrollbars", "--window-size=1000,1400",
                           "--user-data-dir=\(folder.appendingPathComponent("profile").path)", argument, html.absoluteString]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "chromium \(argument)")
        }
        let bytes = try Data(contentsOf: pdf)
        let text = String(decoding: bytes, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
        #expect(pages >= 8, "\(pages) pages")
        #expect(text.contains("NotoSansCJKsc-Regular"), "the Chinese text is not set in Noto Sans CJK")
        let image = try Data(contentsOf: png)
        #expect(image.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]) && image.count > 50_000)
    }

    @Test("report writes one self-contained HTML file: every section, charts with data, the map's communities and schools, names not ids")
    func reportDefault() throws {
        let scenario = CLITests.root.appendingPathComponent("Scenarios/yunling")
        let plan = scenario.appendingPathComponent("plans/optimizer.yaml")
        let out = CLITests.temporaryFolder()
        let arguments = ["report", scenario.path, "--plan", plan.path, "--draws", "8"]
        let r = try CLITests.run(arguments + ["-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        for heading in ["摘要", "基年核对", "目标达成", "分乡镇学位缺口", "趋势", "不确定性", "地图", "方案比较"] {
            #expect(html.contains("<h2>\(heading) "), "no section \(heading)")
        }
        // Self-contained: nothing fetched (the only URL is SVG's namespace), no script.
        let urls = html.components(separatedBy: "http").count - 1
        #expect(urls == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
        #expect(!html.contains("<script"))
        // Charts: the population chart, demand and seats for the five stages, three heat maps, the five
        // stages' demand fans and the shortage probability, the map, the plans' scatter; every line chart
        // has its polylines (the fans: the median and two plans' seats), every fan its band, every heat
        // map its township rows.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 11 + 6)
        #expect(html.components(separatedBy: "<polyline class=\"series\"").count - 1 == 4 + 5 * 3 + 5 * 3 + 2)
        #expect(html.components(separatedBy: "<polygon class=\"band\"").count - 1 == 5)
        // Every chart and the map is well-formed XML (an unescaped "<" in a label would break it outside a browser).
        for svg in html.components(separatedBy: "<svg ").dropFirst() {
            let parser = XMLParser(data: Data(("<svg " + svg.components(separatedBy: "</svg>")[0] + "</svg>").utf8))
            #expect(parser.parse(), "a chart that is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        }
        #expect(html.components(separatedBy: "<rect class=\"cell\"").count - 1 == 3 * 9 * 17)
        // The map: every community (all 80 have coordinates), every school (95) and the plan's 3 new
        // schools, 15 closures, the 9 townships' outlines.
        #expect(html.components(separatedBy: "class=\"community\"").count - 1 == 80)
        #expect(html.components(separatedBy: "class=\"school\"").count - 1 == 95 + 3 + 4)  // + the legend's 4 markers
        #expect(html.components(separatedBy: "class=\"closure\"").count - 1 == 15)
        #expect(html.components(separatedBy: "<polygon class=\"township\"").count - 1 == 9)
        // Money in 万元 from the plan's own summary (capital_yuan 253,070,000), names rather than ids.
        #expect(html.contains("投资 25,307 万元"))
        let summary = html.components(separatedBy: "<section id=\"summary\">")[1].components(separatedBy: "</section>")[0]
        #expect(summary.contains("云城镇") && summary.range(of: "D0[0-9]", options: .regularExpression) == nil)
        try rendered(out.appendingPathComponent("report.html"))
        // Two runs, the same bytes.
        let again = CLITests.temporaryFolder()
        #expect(try CLITests.run(arguments + ["-o", again.path]).status == 0)
        #expect(try Data(contentsOf: again.appendingPathComponent("report.html")) == Data(contentsOf: out.appendingPathComponent("report.html")))
    }
}
