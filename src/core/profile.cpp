#include "core/profile.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "util/input_error.hpp"

namespace mra {
namespace {

namespace fs = std::filesystem;

// Scores run from 0 to 100; a weight past this would only say "this check is all that counts".
constexpr double max_weight = 1000;

// Reads one profile file, rejecting anything it does not understand with a message naming the file.
class ProfileReader {
public:
    ProfileReader(const Registry& registry, std::string source) : m_registry(registry), m_source(std::move(source)) {}

    Profile read(const toml::table& root) {
        Profile profile;
        profile.source = m_source;
        for (const auto& [key, value] : root) {
            const std::string name(key.str());
            if (name == "name")
                profile.name = text(value, name);
            else if (name == "summary")
                profile.summary = text(value, name);
            else if (name == "checks")
                profile.checks = select(strings(value, name));
            else if (name == "required")
                profile.required = strings(value, name);
            else if (name == "severity")
                read_severities(table(value, name), profile);
            else if (name == "options")
                read_options(table(value, name), profile);
            else if (name == "scoring")
                read_scoring(table(value, name), profile);
            else
                reject("unknown key '" + name + "'");
        }
        if (profile.name.empty()) reject("missing name");
        if (profile.checks.empty()) reject("selects no check (give checks = [\"group.*\", …])");
        for (const auto& id : profile.required) known(id);
        if (profile.grades.empty()) profile.grades = {{"A", 90}, {"B", 80}, {"C", 70}, {"D", 60}};
        for (Severity severity : {Severity::critical, Severity::major, Severity::minor, Severity::info})
            profile.severity_weights.try_emplace(severity, default_weight(severity));
        return profile;
    }

private:
    [[noreturn]] void reject(const std::string& what) const { throw InputError("profile " + m_source + ": " + what); }

    const Check& known(std::string_view id) const {
        const Check* check = m_registry.find(id);
        if (!check) reject("unknown check id '" + std::string(id) + "'");
        return *check;
    }

    std::string text(const toml::node& node, const std::string& key) const {
        if (auto value = node.value<std::string>()) return *value;
        reject(key + " must be a string");
    }

    // Option values are kept as text; numbers and booleans are accepted as written.
    std::string scalar(const toml::node& node, const std::string& key) const {
        if (node.is_string()) return *node.value<std::string>();
        if (node.is_integer()) return std::to_string(*node.value<std::int64_t>());
        if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
        reject(key + " must be a string, integer or boolean");
    }

    // A number from `low` to `high`: TOML also allows inf, nan and integers past any score.
    double number(const toml::node& node, const std::string& key, double low, double high) const {
        const auto value = node.value<double>();
        if (!value || !(*value >= low && *value <= high))  // false for nan too
            reject(key + " must be a number from " + std::to_string(static_cast<int>(low)) + " to " +
                   std::to_string(static_cast<int>(high)));
        return *value;
    }

    const toml::table& table(const toml::node& node, const std::string& key) const {
        if (const toml::table* value = node.as_table()) return *value;
        reject(key + " must be a table");
    }

    std::vector<std::string> strings(const toml::node& node, const std::string& key) const {
        const toml::array* array = node.as_array();
        if (!array) reject(key + " must be an array of strings");
        std::vector<std::string> result;
        for (const auto& element : *array) result.push_back(text(element, key));
        return result;
    }

    Severity severity(const toml::node& node, const std::string& key) const {
        if (auto parsed = parse_severity(node.value<std::string>().value_or(""))) return *parsed;
        reject(key + " must be one of critical, major, minor, info");
    }

    // `checks`: globs ("cert.*", "*") and exclusions ("-cert.cluster-consistency"); each must match.
    std::vector<const Check*> select(const std::vector<std::string>& patterns) const {
        std::vector<std::string> included, excluded;
        for (const auto& pattern : patterns) {
            const bool exclusion = pattern.starts_with('-');
            std::string glob = exclusion ? pattern.substr(1) : pattern;
            if (std::none_of(m_registry.all().begin(), m_registry.all().end(),
                             [&](const Check* check) { return id_matches(glob, check->info.id); }))
                reject("'" + pattern + "' in checks matches no check");
            (exclusion ? excluded : included).push_back(std::move(glob));
        }
        std::vector<const Check*> selected;
        for (const Check* check : m_registry.all()) {
            auto matches = [&](const std::string& glob) { return id_matches(glob, check->info.id); };
            if (std::any_of(included.begin(), included.end(), matches) &&
                std::none_of(excluded.begin(), excluded.end(), matches))
                selected.push_back(check);
        }
        return selected;
    }

    void read_severities(const toml::table& severities, Profile& profile) const {
        for (const auto& [key, value] : severities) {
            const std::string id(key.str());
            known(id);
            profile.severity[id] = severity(value, "severity." + id);
        }
    }

    void read_options(const toml::table& options, Profile& profile) const {
        for (const auto& [key, value] : options) {
            const std::string id(key.str());
            const Check& check = known(id);
            for (const auto& [option_key, option_value] : table(value, "options." + id)) {
                const std::string option(option_key.str());
                if (std::none_of(check.info.options.begin(), check.info.options.end(),
                                 [&](const CheckOption& declared) { return declared.name == option; }))
                    reject("check " + id + " has no option '" + option + "'");
                profile.options[id][option] = scalar(option_value, "options." + id + "." + option);
            }
        }
    }

    void read_scoring(const toml::table& scoring, Profile& profile) const {
        for (const auto& [key, value] : scoring) {
            const std::string name(key.str());
            if (name == "critical_fail_grade") {
                profile.critical_fail_grade = text(value, "scoring." + name);
            } else if (name == "weights") {
                for (const auto& [weight_key, weight] : table(value, "scoring.weights")) {
                    const std::string target(weight_key.str());
                    const double amount = number(weight, "scoring.weights." + target, 0, max_weight);
                    if (auto level = parse_severity(target))
                        profile.severity_weights[*level] = amount;
                    else
                        profile.check_weights[std::string(known(target).info.id)] = amount;
                }
            } else if (name == "grades") {
                for (const auto& [grade, minimum] : table(value, "scoring.grades"))
                    profile.grades.push_back(
                        {std::string(grade.str()),
                         static_cast<int>(number(minimum, "scoring.grades." + std::string(grade.str()), 0, 100))});
                std::sort(profile.grades.begin(), profile.grades.end(),
                          [](const GradeBand& a, const GradeBand& b) { return a.minimum_score > b.minimum_score; });
            } else {
                reject("unknown key 'scoring." + name + "'");
            }
        }
    }

    static double default_weight(Severity severity) {
        switch (severity) {
            case Severity::critical:
                return 10;
            case Severity::major:
                return 5;
            case Severity::minor:
                return 2;
            case Severity::info:
                return 1;
        }
        return 1;
    }

    const Registry& m_registry;
    std::string m_source;
};

Profile load_profile_file(const fs::path& path, const Registry& registry) {
    std::error_code ignored;
    if (!fs::is_regular_file(path, ignored)) throw InputError("profile " + path.string() + ": no such file");
    toml::table root;
    try {
        root = toml::parse_file(path.string());
    } catch (const toml::parse_error& error) {
        throw InputError("profile " + path.string() + ": line " + std::to_string(error.source().begin.line) + ": " +
                         std::string(error.description()));
    }
    return ProfileReader(registry, path.string()).read(root);
}

}  // namespace

Severity Profile::severity_of(const Check& check) const {
    auto it = severity.find(std::string(check.info.id));
    return it == severity.end() ? check.info.severity : it->second;
}

double Profile::weight_of(const Check& check) const {
    if (auto it = check_weights.find(std::string(check.info.id)); it != check_weights.end()) return it->second;
    return severity_weights.at(severity_of(check));
}

bool Profile::is_required(std::string_view id) const {
    return std::find(required.begin(), required.end(), id) != required.end();
}

std::string profile_directory() {
    if (const char* overridden = std::getenv("MRA_PREFLIGHT_PROFILE_DIR"); overridden && *overridden) return overridden;
    std::error_code error;
    const fs::path binary = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        const fs::path installed = (binary.parent_path() / MRA_PROFILES_FROM_BINARY).lexically_normal();
        if (fs::is_directory(installed, error)) return installed.string();
    }
    return MRA_PROFILE_DIR;
}

Profile load_profile(const std::string& name_or_path, const Registry& registry) {
    const bool is_path = name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".toml");
    if (is_path) return load_profile_file(name_or_path, registry);
    const fs::path path = fs::path(profile_directory()) / (name_or_path + ".toml");
    std::error_code ignored;
    if (!fs::is_regular_file(path, ignored)) {
        std::string known;
        for (const auto& profile : load_all_profiles(registry)) known += (known.empty() ? "" : ", ") + profile.name;
        throw InputError("unknown profile '" + name_or_path + "' (known: " + known + ")");
    }
    return load_profile_file(path, registry);
}

std::vector<Profile> load_all_profiles(const Registry& registry) {
    std::vector<fs::path> files;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(profile_directory(), error))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    if (error) throw InputError("profile directory " + profile_directory() + ": " + error.message());
    std::sort(files.begin(), files.end());
    std::vector<Profile> profiles;
    for (const auto& file : files) profiles.push_back(load_profile_file(file, registry));
    return profiles;
}

}  // namespace mra
