import ArgumentParser
import Foundation
import Reports
import ScenarioIO
import ScenarioModel
import SimulationPipeline

/// `seatplan`: school-layout and capacity planning for county education bureaus.
@main
struct SeatPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seatplan",
        abstract: "Project school-age population and plan school seats (学位) for a county.",
        discussion: """
        A scenario is a folder with scenario.yaml and CSV tables (see Scenarios/README.md).
        Start with `seatplan validate` to check it, then `seatplan project` to project its population.
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Project.self, Simulate.self, Optimize.self, Compare.self, Sweep.self, Report.self, SolveCFLP.self]
    )
}

/// The scenario folder argument shared by every command that reads a scenario, with its what-ifs.
struct ScenarioArgument: ParsableArguments {
    @Argument(help: "Scenario folder (holding scenario.yaml), or its scenario.yaml.", completion: .directory)
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "A what-if: give a key of scenario.yaml another value, e.g. --set fertility.tfr.2030=1.4 (repeatable).",
        valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Apply a named set of overrides from variants: in scenario.yaml (before any --set).", valueName: "name"))
    var variant: String?

    func validate() throws {
        for text in overrides where ScenarioOverride(argument: text) == nil {
            throw ValidationError("--set \(text): write key=value, the key being scenario.yaml's keys joined by dots (fertility.tfr.2030=1.4)")
        }
    }

    /// The variant and the overrides, in order.
    var options: ScenarioOptions {
        ScenarioOptions(variant: variant, overrides: overrides.compactMap(ScenarioOverride.init(argument:)))
    }

    /// The scenario folder: the argument, or the folder of the `scenario.yaml` it names.
    var folder: URL {
        let url = URL(fileURLWithPath: scenario)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        return exists && !isFolder.boolValue && url.pathExtension == "yaml" ? url.deletingLastPathComponent() : url
    }

    /// Reads the scenario with its what-ifs.
    func load() -> ScenarioLoad { ScenarioLoader.load(folder: folder, options: options) }

    /// The scenario's schools; exits 1 (nothing written) when it names no schools table.
    static func schooling(of scenario: Scenario) throws -> Schooling {
        guard let schooling = scenario.schooling else {
            Stream.standardError.write("error: \(SimulationError.noSchools)\nnothing written.\n")
            throw ExitCode.failure
        }
        return schooling
    }

    /// Loads the scenario, printing its warnings and errors on standard error; exits 1 (nothing
    /// written) when it has errors.
    func loadOrExit() throws -> Scenario {
        let load = load()
        DiagnosticOutput.print(load.diagnostics, includeNotes: false)
        guard let loaded = load.scenario else {
            Stream.standardError.write("\(scenario): \(DiagnosticOutput.counts(load.diagnostics)); nothing written.\n")
            throw ExitCode.failure
        }
        return loaded
    }
}

/// `-o/--out`: a command's output folder, written all at once or not at all (Reports' `OutputFolder`).
struct OutputArgument: ParsableArguments {
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp(
        "Output folder: created, or replaced as a whole when it holds this command's earlier outputs; never inside the scenario.",
        valueName: "folder"), completion: .directory)
    var out: String

    /// The output folder of `command` for the scenario of `input`, checked before anything runs;
    /// exits 1 (nothing written) when it cannot be used.
    func folder(_ command: String, for input: ScenarioArgument) throws -> OutputFolder {
        do {
            return try OutputFolder(out, command: command, scenario: input.folder)
        } catch {
            Stream.standardError.write("error: \(error)\nnothing written.\n")
            throw ExitCode.failure
        }
    }
}

extension OutputFolder {
    /// Writes the files and puts the folder in place; exits 1 with the reason when that fails (the
    /// old outputs, if any, left as they were).
    func commitOrExit() throws -> [URL] {
        do {
            return try commit()
        } catch {
            Stream.standardError.write("error: \(error)\nnothing written.\n")
            throw ExitCode.failure
        }
    }
}
