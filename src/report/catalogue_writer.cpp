#include "report/catalogue_writer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "util/text.hpp"

namespace mra::report {
namespace {

std::vector<std::string> profiles_with(const Check& check, const std::vector<Profile>& profiles) {
    std::vector<std::string> names;
    for (const auto& profile : profiles)
        if (std::find(profile.checks.begin(), profile.checks.end(), &check) != profile.checks.end())
            names.push_back(profile.name);
    return names;
}

// roff: a leading dot or quote would start a request; backslashes and hyphens are escaped.
std::string roff(std::string_view text) {
    std::string result;
    for (char c : text) {
        if (c == '\\')
            result += "\\e";
        else if (c == '-')
            result += "\\-";
        else
            result += c;
    }
    if (!result.empty() && (result.front() == '.' || result.front() == '\'')) result.insert(0, "\\&");
    return result;
}

}  // namespace

std::string render_checks_text(const std::vector<const Check*>& checks, const std::vector<Profile>& profiles) {
    std::ostringstream out;
    for (const Check* check : checks) {
        std::string id(check->info.id);
        id.resize(std::max<std::size_t>(id.size() + 1, 26), ' ');
        std::string severity(to_string(check->info.severity));
        severity.resize(9, ' ');
        out << id << severity << check->info.summary << "\n";
        for (const auto& option : check->info.options)
            out << std::string(35, ' ') << "option " << option.name << " = " << option.default_value << ": "
                << option.description << "\n";
        out << std::string(35, ' ') << "profiles: " << join(profiles_with(*check, profiles)) << "\n";
    }
    return out.str();
}

std::string render_checks_json(const std::vector<const Check*>& checks, const std::vector<Profile>& profiles) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Check* check : checks) {
        nlohmann::ordered_json options = nlohmann::ordered_json::object();
        for (const auto& option : check->info.options)
            options[std::string(option.name)] = {{"default", option.default_value},
                                                 {"description", option.description}};
        list.push_back({{"id", check->info.id},
                        {"group", check->info.group()},
                        {"summary", check->info.summary},
                        {"severity", to_string(check->info.severity)},
                        {"citation", check->info.citation},
                        {"remediation", check->info.remediation},
                        {"options", options},
                        {"profiles", profiles_with(*check, profiles)}});
    }
    return nlohmann::ordered_json{{"schema", "mra-preflight/checks/v1"}, {"checks", list}}.dump(2) + "\n";
}

std::string render_checks_roff(const std::vector<const Check*>& checks, const std::vector<Profile>&) {
    std::ostringstream out;
    for (const Check* check : checks) {
        out << ".TP\n.B " << roff(check->info.id) << " (" << to_string(check->info.severity) << ")\n"
            << roff(check->info.summary) << "\n.br\nFix: " << roff(check->info.remediation)
            << "\n.br\nSee: " << roff(check->info.citation) << "\n";
        for (const auto& option : check->info.options)
            out << ".br\nOption \\fB" << roff(option.name) << "\\fR (default " << roff(option.default_value)
                << "): " << roff(option.description) << "\n";
    }
    return out.str();
}

std::string render_profiles_text(const std::vector<Profile>& profiles) {
    std::ostringstream out;
    for (const auto& profile : profiles) {
        std::string name = profile.name;
        name.resize(std::max<std::size_t>(name.size() + 1, 18), ' ');
        out << name << profile.summary << " (" << profile.checks.size() << " checks)\n";
    }
    return out.str();
}

std::string render_profiles_json(const std::vector<Profile>& profiles) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& profile : profiles) {
        std::vector<std::string> ids;
        for (const Check* check : profile.checks) ids.emplace_back(check->info.id);
        list.push_back({{"name", profile.name},
                        {"summary", profile.summary},
                        {"source", profile.source},
                        {"checks", ids},
                        {"required", profile.required}});
    }
    return nlohmann::ordered_json{{"schema", "mra-preflight/profiles/v1"}, {"profiles", list}}.dump(2) + "\n";
}

}  // namespace mra::report
