@testable import LayoutOptimizer
import ScenarioModel
import SimulationPipeline
import Testing

/// Township integrity on the toy county (ToyLayout): county seat S (PS, JS, KS) and township T (PT1,
/// PT2, KT1); T1 lies 3 km from S1, within every young group's 30 minutes of PS and KS.
@Suite("Township integrity", .serialized)
struct TownshipTests {
    static func instance(_ settings: OptimizerSettings, schools: [School] = ToyLayout.network) throws -> LayoutInstance {
        let scenario = ToyLayout.scenario(schools: schools, settings: settings)
        let schooling = try #require(scenario.schooling)
        let base = try Simulation.run(scenario)
        return LayoutInstanceBuilder.make(scenario: scenario, schooling: schooling, base: base.allocation, designYear: 2026)
    }

    /// The schools a township's kindergarten and primary points may be sent to.
    static func reach(_ inst: LayoutInstance, area: AreaID) -> Set<String> {
        Set(inst.points.indices.filter { inst.points[$0].area == area && OptimizerSettings.townshipGroups.contains(inst.points[$0].group) }
            .flatMap { inst.pointArcs[$0] }.map { inst.facilities[inst.arcs[$0].facility].school.id.rawValue })
    }

    @Test("kindergarten and primary pupils stay in their school's township unless optimizer.cross_township lists it; junior pupils may cross")
    func staysInTownship() throws {
        let kept = try Self.instance(OptimizerSettings(designYear: 2026, openingLeadYears: 1))
        #expect(Self.reach(kept, area: "T1") == ["PT1", "PT2", "KT1"])
        let crossing = try Self.instance(OptimizerSettings(designYear: 2026, openingLeadYears: 1, crossTownship: ["T"]))
        #expect(Self.reach(crossing, area: "T1").isSuperset(of: ["PS", "KS"]))
        // Junior pupils of T (no junior school there) go to JS in S either way.
        let junior = kept.points.indices.filter { kept.points[$0].area == "T1" && kept.points[$0].group == .junior }
        #expect(!junior.isEmpty && junior.allSatisfy { p in kept.pointArcs[p].contains { kept.facilities[kept.arcs[$0].facility].school.id == "JS" } })
    }

    @Test("a central school (schools.csv central) is kept unless optimizer.keep_central_schools is false")
    func centralKept() throws {
        var schools = ToyLayout.network
        let i = try #require(schools.firstIndex { $0.id == "PT1" })
        let s = schools[i]
        schools[i] = School(id: s.id, name: s.name, district: s.district, community: s.community, kind: s.kind, grades: s.grades,
                            classrooms: s.classrooms, latitude: s.latitude, longitude: s.longitude, isCentral: true)
        // T may cross to S here, so PT1 is not T1's only primary school within 30 minutes (PS is): only
        // being central keeps it.
        let facility = { (inst: LayoutInstance) in inst.facilities.first { $0.school.id == "PT1" } }
        #expect(try facility(Self.instance(OptimizerSettings(designYear: 2026, openingLeadYears: 1, crossTownship: ["T"]), schools: schools))?.protected == true)
        let loose = OptimizerSettings(designYear: 2026, openingLeadYears: 1, keepCentralSchools: false, crossTownship: ["T"])
        #expect(try facility(Self.instance(loose, schools: schools))?.protected == false)
    }
}
