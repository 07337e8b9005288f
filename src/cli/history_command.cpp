#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "history/compare.hpp"
#include "history/store.hpp"
#include "report/history_writer.hpp"
#include "util/input_error.hpp"

namespace mra::cli {
namespace {

std::int64_t run_id_of(const std::string& text) {
    std::size_t used = 0;
    try {
        const long long id = std::stoll(text, &used);
        if (used == text.size() && id > 0) return id;
    } catch (const std::logic_error&) {
    }
    throw InputError("--diff: '" + text + "' is not a run id (the ID column of mra-preflight history DB)");
}

history::RunRecord run_of(const history::Store& store, const std::string& db, std::int64_t id) {
    auto run = store.run(id);
    if (!run) throw InputError("history " + db + ": no run " + std::to_string(id));
    return *run;
}

}  // namespace

int history_command(int argc, const char* const* argv) {
    cxxopts::Options options("mra-preflight history",
                             "List the runs recorded with --history, or show what changed between two of them.");
    options.positional_help("DB [--diff A B]");
    options.add_options()("db", "the history database (run --history DB)", cxxopts::value<std::string>())(
        "target", "only the runs of this target", cxxopts::value<std::string>())(
        "diff", "show what changed from run A to run B (the run ids that follow)")(
        "runs", "with --diff: the run ids A and B", cxxopts::value<std::vector<std::string>>())(
        "format", "text or json", cxxopts::value<std::string>()->default_value("text"));
    options.parse_positional({"db", "runs"});
    const auto parsed = parse(options, argc, argv);
    if (!parsed) return 0;
    if (!parsed->count("db")) throw InputError("history needs the DB file (see mra-preflight history --help)");
    const auto format = (*parsed)["format"].as<std::string>();
    if (format != "text" && format != "json")
        throw InputError("--format: unknown format '" + format + "' (known: text, json)");
    const bool json = format == "json";
    const auto runs = value_or(*parsed, "runs", std::vector<std::string>{});
    const bool diff = parsed->count("diff") > 0;
    if (diff && runs.size() != 2) throw InputError("--diff needs two run ids: --diff A B");
    if (!diff && !runs.empty()) throw InputError("history takes one DB; to compare two runs, give --diff A B");
    if (diff && parsed->count("target")) throw InputError("--diff compares two runs by id: --target does not apply");

    const std::string db = (*parsed)["db"].as<std::string>();
    const history::Store store(db, history::Store::Access::read);
    if (!diff) {
        const auto listing = store.runs(optional_value<std::string>(*parsed, "target"));
        std::cout << (json ? report::render_runs_json(listing) : report::render_runs_text(listing));
        return 0;
    }
    const history::RunRecord from = run_of(store, db, run_id_of(runs[0]));
    const history::RunRecord to = run_of(store, db, run_id_of(runs[1]));
    const Changes changes = history::compare_runs(from, to);
    std::cout << (json ? report::render_diff_json(from, to, changes) : report::render_diff_text(from, to, changes));
    return 0;
}

}  // namespace mra::cli
