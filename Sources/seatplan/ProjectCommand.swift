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

        @OptionGroup var output: OutputArgument

        func run() throws {
            var folder = try output.folder("project", for: input)
            let scenario = try input.loadOrExit()
            let projection: Projection
            do {
                projection = try CohortComponentProjection.run(scenario)
            } catch {
                Stream.standardError.write("error: \(error)\nnothing written.\n")
                throw ExitCode.failure
            }
            folder.add("population.csv", PopulationCSV.make(projection, scenario: scenario))
            folder.add("components.csv", ComponentsCSV.make(projection, scenario: scenario))
            let written = try folder.commitOrExit()
            print(ProjectionSummary.render(projection, scenario: scenario))
            print("wrote " + written.map(\.lastPathComponent).joined(separator: ", ") + " to \(output.out)")
        }
    }
}
