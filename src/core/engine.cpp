#include "core/engine.hpp"

#include <algorithm>
#include <exception>

namespace mra {

std::vector<Finding> evaluate(const facts::Facts& facts, const Profile& profile) {
    static const std::map<std::string, std::string> no_overrides;
    std::vector<Finding> findings;
    for (const Check* check : profile.checks) {
        const std::string id(check->info.id);
        auto overrides = profile.options.find(id);
        const CheckContext context(facts, check->info,
                                   overrides == profile.options.end() ? no_overrides : overrides->second);
        Results results;
        try {
            check->run(context, results);
        } catch (const std::exception& error) {
            results = Results();
            results.add("", Status::error, std::string("the check could not be evaluated: ") + error.what());
        }
        if (results.all().empty()) results.add("", Status::not_applicable, "nothing this check applies to");
        const Severity severity = profile.severity_of(*check);
        for (const Result& result : results.all())  // Severity's later values are the lesser ones
            findings.push_back({&check->info, result.at_most ? std::max(severity, *result.at_most) : severity, result});
    }
    return findings;
}

}  // namespace mra
