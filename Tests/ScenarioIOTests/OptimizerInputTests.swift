import Foundation
import ScenarioIO
import ScenarioModel
import Testing

@Suite("ScenarioLoader and PlanFile: optimizer inputs")
struct OptimizerInputTests {
    static let schools = """
        id,name,district,community,kind,grades,classrooms,lat,lon
        S1,城关一小,D1,,primary,1-6,24,23.00,102.40
        S2,山乡小学,D2,,primary,1-6,6,23.10,102.50

        """

    static let sites = """
        id,district,community,lat,lon,allowed_kinds,land_cost
        C1,D1,,23.01,102.41,kindergarten;primary,20000000
        C2,D2,,23.11,102.51,kindergarten,1000000

        """

    static let optimizer = """

          candidate_sites: candidate_sites.csv
        optimizer:
          budget: 50000000
          design_year: 2026
          seats_through: 2030
          objective: travel
          travel_limits: {kindergarten: 20, upper_primary: 50}
          boarding_groups: [junior, senior]
          sizes: {primary: [12, 24]}
          keep: [S2]
          costs:
            classroom: {primary: 800000}
            bed: 25000
        """

    private func fixture(yaml: String = optimizer, sites: String = sites) -> ScenarioFixture {
        var f = ScenarioFixture.valid
        f.files["scenario.yaml"] = ScenarioFixture.minimalYAML + "\n  schools: schools.csv" + yaml
        f.files["schools.csv"] = Self.schools
        f.files["candidate_sites.csv"] = sites
        return f
    }

    @Test("candidate sites and optimizer settings are read, the rest keeps its documented defaults")
    func settings() throws {
        let load = ScenarioLoader.load(folder: try fixture().write())
        #expect(load.errors.isEmpty, "\(load.errors)")
        let schooling = try #require(load.scenario?.schooling)
        #expect(schooling.candidateSites.map(\.id) == ["C1", "C2"])
        #expect(schooling.candidateSites[0].allowedKinds == [.kindergarten, .primary] && schooling.candidateSites[0].landCost == 20_000_000)
        let o = schooling.optimizer
        #expect(o.budget == 50_000_000 && o.designYear == 2026 && o.seatsThrough == 2030 && o.objective == .travel)
        #expect(o.travelLimits[.kindergarten] == 20 && o.travelLimits[.upperPrimary] == 50 && o.travelLimits[.junior] == 60)
        #expect(o.boardingGroups == [.junior, .senior] && o.keep == ["S2"])
        #expect(o.sizes[.primary] == [12, 24] && o.sizes[.junior] == [12, 18, 24, 30])
        #expect(o.costs.classroom[.primary] == 800_000 && o.costs.classroom[.junior] == 1_000_000 && o.costs.bed == 25_000)
        // ρ = 0.04 / (1 − 1.04^−50) = 0.046550…
        #expect(abs(o.annuityFactor - 0.04 / (1 - pow(1.04, -50))) < 1e-15 && abs(o.annuityFactor - 0.0465502) < 1e-6)
    }

    @Test("bad candidate sites are named by file, line and column")
    func badSites() throws {
        let sites = """
            id,district,community,lat,lon,allowed_kinds,land_cost
            C1,D1,,23.01,102.41,kindergarten;primary,20000000
            C1,D2,,23.11,102.51,kindergarten,1000000
            C3,D9,,23.11,102.51,kindergarten,1000000
            C4,D2,,23.11,102.51,school,1000000
            C5,D2,,23.11,102.51,primary,-5

            """
        let load = ScenarioLoader.load(folder: try fixture(sites: sites).write())
        let errors = load.errors
        #expect(errors.contains { $0.file == "candidate_sites.csv" && $0.line == 3 && $0.column == "id" && $0.message.contains("duplicate site id C1 (first on line 2)") })
        #expect(errors.contains { $0.file == "candidate_sites.csv" && $0.line == 4 && $0.column == "district" && $0.message.contains("unknown district id D9") })
        #expect(errors.contains { $0.file == "candidate_sites.csv" && $0.line == 5 && $0.column == "allowed_kinds" })
        #expect(errors.contains { $0.file == "candidate_sites.csv" && $0.line == 6 && $0.column == "land_cost" })
        #expect(load.scenario == nil)
    }

    @Test("bad optimizer settings are named by their key")
    func badSettings() throws {
        let yaml = """

              candidate_sites: candidate_sites.csv
            optimizer:
              objective: cheapest
              discount_rate: 2
              seats_through: 2050
              travel_limits: {upper_grades: 45}
              sizes: {primary: [12, -6]}
              keep: [S9]
            """
        let load = ScenarioLoader.load(folder: try fixture(yaml: yaml).write())
        let errors = load.errors.filter { $0.file == "scenario.yaml" }
        #expect(errors.contains { $0.line == 13 && $0.column == "optimizer.objective" && $0.message.contains("\"cheapest\" is not an objective; use cost or travel") })
        // minimalYAML is 9 lines, the schools line 10, then the block above from line 11.
        #expect(errors.contains { $0.line == 14 && $0.column == "optimizer.discount_rate" && $0.message.contains("between 0 and 0.5") })
        #expect(errors.contains { $0.column == "optimizer.seats_through" && $0.message.contains("2050 is outside 2025–2040") })
        #expect(errors.contains { $0.line == 16 && $0.message.contains("\"upper_grades\" is not a pupil group") })
        #expect(errors.contains { $0.message.contains("give sizes as a list of classes") })
        #expect(errors.contains { $0.column == "optimizer.keep" && $0.message.contains("unknown school id S9") })
        #expect(errors.allSatisfy { $0.line != nil || $0.column?.hasPrefix("optimizer.") == true }, "\(errors)")
    }

    @Test("a plan naming unknown schools or sites is stopped with the line of each problem")
    func badPlan() throws {
        let folder = try fixture().write()
        let scenario = try #require(ScenarioLoader.load(folder: folder).scenario)
        let plan = folder.appendingPathComponent("plan.yaml")
        try """
            name: test plan
            actions:
              - {year: 2026, action: expand, school: S1, stage: primary, classrooms: 6}
              - {year: 2026, action: merge_into, school: S7, into: S1}
              - {year: 2026, action: build, id: N1, site: C9, kind: primary, grades: 1-6, classrooms: 12}
              - {year: 2026, action: demolish, school: S2}
            """.write(to: plan, atomically: true, encoding: .utf8)
        let read = PlanFile.read(plan, scenario: scenario)
        #expect(read.plan == nil)
        let errors = read.diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.file == "plan.yaml" && $0.line == 4 && $0.message.contains("unknown school id S7") }, "\(errors)")
        #expect(errors.contains { $0.file == "plan.yaml" && $0.line == 5 && $0.message.contains("unknown site id C9 (not in candidate_sites.csv)") })
        #expect(errors.contains { $0.file == "plan.yaml" && $0.line == 6 && $0.column == "actions[3].action" })
        // The same plan without the three bad actions is read.
        try """
            name: test plan
            actions:
              - {year: 2026, action: expand, school: S1, stage: primary, classrooms: 6}
              - {year: 2027, action: merge_into, school: S2, into: S1}
              - {year: 2026, action: build, id: N1, site: C1, kind: primary, grades: 1-6, classrooms: 12}
            """.write(to: plan, atomically: true, encoding: .utf8)
        let good = PlanFile.read(plan, scenario: scenario)
        #expect(good.plan?.actions.count == 3, "\(good.diagnostics)")
    }
}
