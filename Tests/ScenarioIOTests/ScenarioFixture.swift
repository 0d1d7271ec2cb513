import Foundation

/// A small valid scenario written to a temporary folder; tests change one file to make it bad.
struct ScenarioFixture {
    /// File name → contents.
    var files: [String: String]

    /// The smallest valid `scenario.yaml`, exactly as the foundation issue writes it.
    static let minimalYAML = """
        name: Example county
        base_year: 2024
        horizon: 2040
        sex_ratio_at_birth: 1.12
        tables:
          districts: districts.csv
          population: population.csv
          fertility: fertility.csv
          mortality: mortality.csv
        """

    static var valid: ScenarioFixture {
        ScenarioFixture(files: [
            "scenario.yaml": minimalYAML,
            "districts.csv": "id,name,kind\nD1,城关镇,county_seat\nD2,山乡,township\n",
            "population.csv": population(areas: ["D1", "D2"]),
            "fertility.csv": "age,asfr\n" + (15...49).map { "\($0),0.045" }.joined(separator: "\n") + "\n",
            "mortality.csv": mortality(),
        ])
    }

    /// Single years 0–100 for both sexes: 100 − age/2 persons (line 2 is M 0 of the first area).
    static func population(areas: [String]) -> String {
        var s = "area,sex,age,population\n"
        for area in areas {
            for sex in ["M", "F"] {
                for age in 0...100 { s += "\(area),\(sex),\(age),\(100 - age / 2)\n" }
            }
        }
        return s
    }

    /// qx = 0.0005·e^(0.08 x), capped at 0.9, for ages 0–99 and both sexes, qx(100) = 1.
    static func mortality() -> String {
        var s = "sex,age,qx\n"
        for sex in ["M", "F"] {
            for age in 0...100 {
                let q = age == 100 ? 1 : min(0.9, 0.0005 * exp(0.08 * Double(age)))
                s += "\(sex),\(age),\(q)\n"
            }
        }
        return s
    }

    /// Writes the files into a new temporary folder and returns it.
    func write() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seatplan-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// Replaces `old` by `new` in one file (the text must occur).
    mutating func replace(_ file: String, _ old: String, _ new: String) {
        guard let text = files[file], text.contains(old) else { fatalError("fixture \(file) lacks \(old)") }
        files[file] = text.replacingOccurrences(of: old, with: new)
    }
}
