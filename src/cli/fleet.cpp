#include "cli/fleet.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "cli/history_recorder.hpp"
#include "cli/run_options.hpp"
#include "cli/shard.hpp"
#include "cli/targets_file.hpp"
#include "report/fleet_summary.hpp"
#include "util/atomic_file.hpp"
#include "util/input_error.hpp"
#include "util/time.hpp"

namespace mra::cli {
namespace {

// What a fleet takes from the command line; everything about a deployment is in the file.
const std::set<std::string> fleet_wide{"targets", "jobs", "shard", "output-dir", "format", "verbose", "history"};

struct FleetSettings {
    std::vector<std::string> formats;
    std::string output_dir;  // empty: no per-target files
    bool progress = false;
    bool verbose = false;                // text reports list every finding
    HistoryRecorder* history = nullptr;  // each target's run recorded under its name
};

cxxopts::ParseResult parse_target(const FleetTarget& target) {
    cxxopts::Options options = deployment_options();
    std::vector<const char*> argv{"run"};
    for (const auto& argument : target.arguments) argv.push_back(argument.c_str());
    const auto parsed = parse(options, static_cast<int>(argv.size()), argv.data());
    if (!parsed) throw InputError("unexpected help");  // no key of a fleet file turns into --help
    return *parsed;
}

// A target of this shard with its options, parsed once before any run.
struct ParsedTarget {
    std::string name;
    cxxopts::ParseResult options;
};

report::FleetRun run_target(const ParsedTarget& target, const FleetSettings& settings) {
    report::FleetRun run{target.name};
    try {
        std::function<void(const std::string&)> progress;
        static std::mutex progress_lock;
        if (settings.progress)
            progress = [&target](const std::string& line) {
                const std::lock_guard lock(progress_lock);
                std::cerr << "… " << target.name << ": " << line << "\n";
            };
        const auto entered = Deadline::Clock::now();
        const std::int64_t started = unix_now_ms();
        Report report = run_deployment(deployment_settings(target.options), entered, started, progress);
        if (settings.history) settings.history->record(report, target.name);
        if (!settings.output_dir.empty()) {
            auto destinations = report::destinations_in(settings.formats, settings.output_dir, target.name);
            for (auto& destination : destinations) destination.verbose = settings.verbose;
            report::write_report(report, destinations);
            for (const auto& destination : destinations) run.files.push_back(destination.path);
        }
        run.outcome = report::FleetOutcome::of(report);
    } catch (const InputError& error) {
        run.error = error.what();
    } catch (const std::exception& error) {
        run.error = std::string("internal error: ") + error.what();
    }
    return run;
}

}  // namespace

void add_fleet_options(cxxopts::Options& options) {
    options.add_options("fleet")("targets", "run every deployment of FILE.toml instead of one DOMAIN",
                                 cxxopts::value<std::string>())(
        "jobs", "with --targets: how many deployments to check at a time", cxxopts::value<int>()->default_value("4"))(
        "shard", "with --targets: run only slice I of N (1 <= I <= N), stable across runs and hosts",
        cxxopts::value<std::string>())("output-dir",
                                       "with --targets: write each target's reports (--format) to DIR/NAME.EXT",
                                       cxxopts::value<std::string>());
}

int run_fleet(const cxxopts::ParseResult& parsed, std::int64_t started_at_ms) {
    for (const auto& argument : parsed.arguments())
        if (!fleet_wide.count(argument.key()))
            throw InputError("--" + argument.key() +
                             " applies to one deployment: with --targets, set it in the file ([defaults] or a "
                             "[[target]])");
    const int jobs = parsed["jobs"].as<int>();
    if (jobs < 1 || jobs > 64) throw InputError("--jobs must be between 1 and 64");
    const auto shard = optional_value<std::string>(parsed, "shard");
    const Shard slice = shard ? parse_shard(*shard) : Shard{};
    auto history = history_recorder_of(parsed);  // before the network: a bad database fails the fleet now
    const FleetSettings settings{value_or(parsed, "format", std::vector<std::string>{}),
                                 value_or(parsed, "output-dir", std::string{}), ::isatty(STDERR_FILENO) == 1,
                                 parsed.count("verbose") > 0, history ? &*history : nullptr};
    if (settings.output_dir.empty() && !settings.formats.empty())
        throw InputError("--format with --targets needs --output-dir: each target gets its own reports");
    if (!settings.output_dir.empty()) {
        std::error_code error;
        if (!std::filesystem::is_directory(settings.output_dir, error))
            throw InputError("--output-dir: " + settings.output_dir + " is not a directory");
        report::destinations_in(settings.formats, settings.output_dir, "x");  // unknown formats fail now
    }

    const std::string path = parsed["targets"].as<std::string>();
    const std::vector<FleetTarget> all = read_targets(path);
    std::vector<ParsedTarget> targets;
    for (const auto& target : all) {
        try {
            auto options = parse_target(target);  // a malformed option fails the whole file, before any run
            if (in_shard(target.name, slice)) targets.push_back({target.name, std::move(options)});
        } catch (const InputError& error) {
            throw InputError(path + ": target " + target.name + ": " + error.what());
        }
    }

    report::FleetSummary summary{.started_at_ms = started_at_ms,
                                 .shard = shard ? std::to_string(slice.index) + "/" + std::to_string(slice.count) : "",
                                 .targets_in_file = all.size()};
    summary.runs.resize(targets.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i; (i = next++) < targets.size();) summary.runs[i] = run_target(targets[i], settings);
    };
    std::vector<std::jthread> workers;
    for (int i = 0; i < std::min<int>(jobs, static_cast<int>(targets.size())); ++i) workers.emplace_back(worker);
    workers.clear();  // joins
    summary.duration_ms = unix_now_ms() - started_at_ms;

    if (!settings.output_dir.empty())
        write_file_atomically((std::filesystem::path(settings.output_dir) / "fleet-summary.json").string(),
                              report::render_fleet_json(summary));
    std::cout << report::render_fleet_text(summary) << std::flush;
    for (const auto& run : summary.runs)
        if (!run.error.empty()) std::cerr << "mra-preflight: error: " << run.name << ": " << run.error << "\n";
    return exit_code(report::fleet_verdict(summary));
}

}  // namespace mra::cli
