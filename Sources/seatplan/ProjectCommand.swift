import ArgumentParser
import Foundation
import PopulationProjection
import Reports
import ScenarioIO

extension SeatPlan {
    /// `seatplan project SCENARIO_DIR --out OUT_DIR`
    struct Project: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Project population by area, sex and single year of age to the horizon.",
            discussion: """
            Writes OUT_DIR/population.csv (area,year,sex,age,population) and components.csv (births, deaths and \
            net migrants by area and year) and prints county totals by year: \
            population, births and the school-age groups 3–5, 6–11, 12–14 and 15–17. \
            Nothing is written when the scenario has errors.
            """
        )

        @OptionGroup var input: ScenarioArgument

        @Option(name: .long, help: "Output folder (created if missing).", completion: .directory)
        var out: String

        func run() throws {
            let scenario = try input.loadOrExit()
            let projection: Projection
            do {
                projection = try CohortComponentProjection.run(scenario)
            } catch {
                Stream.standardError.write("error: \(error)\nnothing written.\n")
                throw ExitCode.failure
            }
            var staging = OutputStaging()
            staging.add("population.csv", PopulationCSV.make(projection, scenario: scenario))
            staging.add("components.csv", ComponentsCSV.make(projection, scenario: scenario))
            let written = try staging.commit(to: URL(fileURLWithPath: out))
            print(ProjectionSummary.render(projection, scenario: scenario))
            print("wrote \(written.map(\.path).joined(separator: ", "))")
        }
    }
}
