#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/profile.hpp"
#include "report/catalogue_writer.hpp"
#include "util/input_error.hpp"

namespace mra::cli {

int checks_command(int argc, const char* const* argv) {
    cxxopts::Options options("mra-preflight checks", "List the check catalogue.");
    options.add_options()("profile", "only the checks of this profile", cxxopts::value<std::string>())(
        "format", "text, json or man (roff, for the manual page)",
        cxxopts::value<std::string>()->default_value("text"));
    const auto parsed = parse(options, argc, argv);
    if (!parsed) return 0;
    const auto profiles = load_all_profiles(catalogue());
    std::vector<const Check*> checks = catalogue().all();
    if (parsed->count("profile")) checks = load_profile((*parsed)["profile"].as<std::string>(), catalogue()).checks;
    const auto format = (*parsed)["format"].as<std::string>();
    if (format == "text")
        std::cout << report::render_checks_text(checks, profiles);
    else if (format == "json")
        std::cout << report::render_checks_json(checks, profiles);
    else if (format == "man")
        std::cout << report::render_checks_roff(checks, profiles);
    else
        throw InputError("--format: unknown format '" + format + "' (known: text, json, man)");
    return 0;
}

int profiles_command(int argc, const char* const* argv) {
    cxxopts::Options options("mra-preflight profiles", "List the profiles.");
    options.add_options()("format", "text or json", cxxopts::value<std::string>()->default_value("text"));
    const auto parsed = parse(options, argc, argv);
    if (!parsed) return 0;
    const auto profiles = load_all_profiles(catalogue());
    const auto format = (*parsed)["format"].as<std::string>();
    if (format == "text")
        std::cout << report::render_profiles_text(profiles);
    else if (format == "json")
        std::cout << report::render_profiles_json(profiles);
    else
        throw InputError("--format: unknown format '" + format + "' (known: text, json)");
    return 0;
}

}  // namespace mra::cli
