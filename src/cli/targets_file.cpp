#include "cli/targets_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string_view>

#include "cli/run_options.hpp"
#include "util/domain_name.hpp"
#include "util/input_error.hpp"

namespace mra::cli {
namespace {

namespace fs = std::filesystem;

enum class Kind { text, path, profile, number, flag, texts };

// How a fleet file gives each per-deployment option of `run`: every option deployment_options()
// declares but the report's destinations (the fleet's own), read as its declaration says. A password
// has no option, so no key.
std::map<std::string, Kind, std::less<>> target_keys() {
    std::map<std::string, Kind, std::less<>> keys;
    const cxxopts::Options declared = deployment_options();
    for (const auto& option : declared.group_help("").options) {
        const std::string& name = option.l.front();
        if (std::find(destination_options.begin(), destination_options.end(), name) != destination_options.end())
            continue;
        keys[name] = name == "profile"                     ? Kind::profile
                     : option.is_boolean                   ? Kind::flag
                     : option.is_container                 ? Kind::texts
                     : option.arg_help == file_argument    ? Kind::path
                     : option.arg_help == seconds_argument ? Kind::number
                                                           : Kind::text;
    }
    return keys;
}

bool safe_file_name(const std::string& name) {
    return !name.empty() && name.size() <= 100 && name.front() != '.' &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '-' || c == '_';
           });
}

class TargetsReader {
public:
    explicit TargetsReader(std::string path) : m_path(std::move(path)), m_directory(fs::path(m_path).parent_path()) {}

    std::vector<FleetTarget> read(const toml::table& root) const {
        const toml::table* defaults = nullptr;
        const toml::array* targets = nullptr;
        for (const auto& [key, value] : root) {
            if (key.str() == "defaults" && value.is_table())
                defaults = value.as_table();
            else if (key.str() == "target" && value.is_array_of_tables())
                targets = value.as_array();
            else
                reject(value, "unknown key '" + std::string(key.str()) +
                                  "' (a fleet file has a [defaults] table and [[target]] tables)");
        }
        if (!targets || targets->empty()) throw InputError(m_path + ": no [[target]] tables");

        std::map<std::string, std::vector<std::string>> base;
        if (defaults) options(*defaults, "[defaults]", base);
        if (base.count("domain")) reject(*defaults, "[defaults] cannot set a domain");

        std::vector<FleetTarget> fleet;
        std::set<std::string> names;
        for (const auto& node : *targets) {
            const toml::table& table = *node.as_table();
            const std::string where = "[[target]] " + std::to_string(fleet.size() + 1);
            auto values = base;
            std::string name;
            for (const auto& [key, value] : table)
                if (key.str() == "name") name = text(value, where + " name");
            options(table, where, values);
            if (!values.count("domain")) reject(table, where + " has no domain");
            try {
                values["domain"].front() = validated_domain(values["domain"].front());
            } catch (const InputError& error) {
                reject(table, where + ": " + error.what());
            }
            if (name.empty()) name = values["domain"].front();
            if (!safe_file_name(name))
                reject(table, where + ": name '" + name +
                                  "' must be a file name: letters, digits, '.', '-', '_', not starting with '.'");
            if (name == "fleet-summary") reject(table, where + ": the name fleet-summary is the fleet's own");
            if (!names.insert(name).second) reject(table, where + ": a second target named '" + name + "'");

            FleetTarget target{name, {values["domain"].front()}};
            values.erase("domain");
            for (const auto& [option, arguments] : values)
                for (const auto& argument : arguments) {
                    target.arguments.push_back("--" + option);
                    if (!argument.empty()) target.arguments.push_back(argument);
                }
            fleet.push_back(std::move(target));
        }
        return fleet;
    }

private:
    [[noreturn]] void reject(const toml::node& node, const std::string& what) const {
        const auto line = node.source().begin.line;
        throw InputError(m_path + (line ? ":" + std::to_string(line) : "") + ": " + what);
    }

    std::string text(const toml::node& node, const std::string& what) const {
        const auto* value = node.as_string();
        if (!value) reject(node, what + " must be a string");
        if (value->get().find('\0') != std::string::npos) reject(node, what + " holds a NUL character");
        return value->get();
    }

    // Each key of `table` as `run` arguments (an empty string for a flag), replacing what was there.
    void options(const toml::table& table, const std::string& where,
                 std::map<std::string, std::vector<std::string>>& values) const {
        for (const auto& [raw_key, value] : table) {
            std::string option(raw_key.str());
            std::replace(option.begin(), option.end(), '_', '-');
            if (option == "name" && where != "[defaults]") continue;  // the target's, read by the caller
            const auto key = m_keys.find(option);
            if (key == m_keys.end())
                reject(value,
                       where + ": unknown key '" + std::string(raw_key.str()) +
                           (option == "password" ? "' (give password-file or password-env, never the password)" : "'"));
            const std::string what = where + " " + option;
            auto& arguments = values[option];
            arguments.clear();
            switch (key->second) {
                case Kind::text:
                    arguments.push_back(text(value, what));
                    break;
                case Kind::path:
                    arguments.push_back(resolve(text(value, what)));
                    break;
                case Kind::profile: {  // a name, or a file as load_profile tells them apart
                    const std::string profile = text(value, what);
                    const bool is_file = profile.find('/') != std::string::npos || profile.ends_with(".toml");
                    arguments.push_back(is_file ? resolve(profile) : profile);
                    break;
                }
                case Kind::number:
                    if (!value.is_number()) reject(value, what + " must be a number");
                    arguments.push_back(std::to_string(value.value<double>().value_or(0)));
                    break;
                case Kind::flag:
                    if (!value.is_boolean()) reject(value, what + " must be true or false");
                    if (value.value<bool>().value_or(false))
                        arguments.emplace_back();
                    else
                        values.erase(option);
                    break;
                case Kind::texts:
                    if (!value.is_array()) reject(value, what + " must be an array of strings");
                    for (const auto& element : *value.as_array()) arguments.push_back(text(element, what));
                    break;
            }
        }
    }

    // Relative to the fleet file, as a reader of the file expects.
    std::string resolve(const std::string& path) const {
        if (path.empty() || fs::path(path).is_absolute()) return path;
        return (m_directory / path).string();
    }

    std::string m_path;
    fs::path m_directory;
    std::map<std::string, Kind, std::less<>> m_keys = target_keys();
};

}  // namespace

std::vector<FleetTarget> read_targets(const std::string& path) {
    std::error_code ignored;
    if (!fs::is_regular_file(path, ignored)) throw InputError("--targets: " + path + ": no such file");
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& error) {
        throw InputError(path + ":" + std::to_string(error.source().begin.line) + ": " +
                         std::string(error.description()));
    }
    return TargetsReader(path).read(root);
}

}  // namespace mra::cli
