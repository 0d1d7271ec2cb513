// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SeatPlan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "seatplan", targets: ["seatplan"]),
        .library(name: "SeatPlanKit", targets: ["Demography", "ScenarioModel", "ScenarioIO", "PopulationProjection", "EnrollmentDemand",
                                                "SchoolAllocation", "SeatMetrics", "SimulationPipeline", "PlanComparison", "UncertaintyAnalysis", "Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/vapor/console-kit", from: "4.16.0"),
    ],
    targets: [
        // C libraries from Debian (see README: libgsl-dev).
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCbc", pkgConfig: "cbc", providers: [.apt(["coinor-libcbc-dev"])]),
        .target(name: "CbcProgress", dependencies: ["CCbc"]),
        .target(name: "CRenameExchange"),

        // Pipeline stages, each a module with a small public surface.
        .target(name: "Demography", dependencies: ["CGSL"]),
        .target(name: "ScenarioModel", dependencies: ["Demography"]),
        .target(name: "ScenarioIO", dependencies: [
            "ScenarioModel", "Demography",
            .product(name: "Yams", package: "Yams"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "PopulationProjection", dependencies: ["ScenarioModel", "Demography"]),
        .target(name: "EnrollmentDemand", dependencies: ["PopulationProjection", "ScenarioModel", "Demography", "CGSL"]),
        .target(name: "SchoolNetwork", dependencies: ["ScenarioModel"]),
        .target(name: "SchoolAllocation", dependencies: ["EnrollmentDemand", "SchoolNetwork", "ScenarioModel"]),
        .target(name: "SeatMetrics", dependencies: ["SchoolAllocation", "SchoolNetwork", "EnrollmentDemand", "ScenarioModel", "Demography"]),
        .target(name: "MILP", dependencies: ["CCbc", "CbcProgress"]),
        .target(name: "FacilityLocation", dependencies: ["MILP"]),
        .target(name: "LayoutOptimizer", dependencies: ["MILP", "SeatMetrics", "SchoolAllocation", "SchoolNetwork", "ScenarioModel"]),
        .target(name: "SimulationPipeline", dependencies: ["PopulationProjection", "EnrollmentDemand", "SchoolNetwork", "SchoolAllocation", "SeatMetrics",
                                                           "LayoutOptimizer", "MILP", "ScenarioModel"]),
        .target(name: "UncertaintyAnalysis", dependencies: ["SimulationPipeline", "PopulationProjection", "EnrollmentDemand", "SchoolAllocation",
                                                            "SchoolNetwork", "SeatMetrics", "ScenarioModel", "CGSL"]),
        .target(name: "PlanComparison", dependencies: ["SimulationPipeline", "SeatMetrics", "SchoolAllocation", "ScenarioModel"]),
        .target(name: "Reports", dependencies: ["PlanComparison", "UncertaintyAnalysis", "SimulationPipeline", "SeatMetrics", "SchoolAllocation", "EnrollmentDemand", "PopulationProjection",
                                                "LayoutOptimizer", "ScenarioModel", "Demography", "CXLSXWriter", "CRenameExchange"]),

        // The command-line tool.
        .executableTarget(name: "seatplan", dependencies: [
            "ScenarioIO", "PopulationProjection", "SimulationPipeline", "PlanComparison", "UncertaintyAnalysis", "Reports", "FacilityLocation", "MILP", "LayoutOptimizer",
            "SchoolNetwork", "SeatMetrics", "ScenarioModel",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ConsoleKitTerminal", package: "console-kit"),
        ]),

        // The fuzz harness over the scenario and plan readers (Tests/Fuzz; run with `swift run -c release ScenarioFuzz`).
        .target(name: "ScenarioFuzzing", dependencies: ["ScenarioIO", "ScenarioModel", "SimulationPipeline", "CGSL"]),
        .executableTarget(name: "ScenarioFuzz", dependencies: ["ScenarioFuzzing", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Benchmarks (run in release builds; see Benchmarks/README.md).
        .executableTarget(name: "ProjectionBenchmark", dependencies: ["PopulationProjection", "ScenarioModel", "Demography"]),

        .testTarget(name: "DemographyTests", dependencies: ["Demography", "CGSL"]),
        .testTarget(name: "ScenarioIOTests", dependencies: ["ScenarioIO", "ScenarioModel"]),
        .testTarget(name: "PopulationProjectionTests", dependencies: ["PopulationProjection", "ScenarioIO", "ScenarioModel", "Demography", "CGSL"],
                    exclude: ["Data"]),
        .testTarget(name: "SchoolSimulationTests", dependencies: [
            "SimulationPipeline", "PlanComparison", "UncertaintyAnalysis", "SeatMetrics", "SchoolAllocation", "SchoolNetwork", "EnrollmentDemand",
            "PopulationProjection", "ScenarioIO", "ScenarioModel", "Demography",
        ]),
        .testTarget(name: "LayoutOptimizerTests", dependencies: [
            "LayoutOptimizer", "SimulationPipeline", "SeatMetrics", "MILP", "ScenarioModel", "Demography",
        ]),
        .testTarget(name: "FacilityLocationTests", dependencies: ["FacilityLocation", "MILP"], exclude: ["Data"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "SeatMetrics"]),
        .testTarget(name: "FuzzTests", dependencies: ["ScenarioFuzzing"], exclude: ["corpus"]),
        .testTarget(name: "SeatPlanCLITests", dependencies: ["seatplan"]),
    ]
)
