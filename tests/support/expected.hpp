#pragma once
// Asserts a JSON report against a lab scenario's expected.json (tests/lab/README.md), which lists
// only what differs from a pass: "id": "status" applies to every finding of the check; an object
// maps subject keys to statuses — a finding takes the status of the first key its subject
// contains, else "*" — and each key whose status is not not_run must match some finding. Every
// finding of a check it does not name must be pass or not_applicable. Every check of the
// mra-readiness profile must have findings, and every check named must be one of the catalogue.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <string>

#include "core/profile.hpp"
#include "core/registry.hpp"

namespace mra::test {

inline void check_against_expected(const nlohmann::json& report, const std::string& expected_path) {
    nlohmann::ordered_json expected;
    std::ifstream(expected_path) >> expected;
    // Items, not structured bindings: doctest's CHECK_MESSAGE captures in a lambda, which clang 14
    // refuses for a structured binding.
    for (const auto& item : expected["checks"].items())
        CHECK_MESSAGE(catalogue().find(item.key()) != nullptr, "expected.json names an unknown check ", item.key());
    const auto profile = load_profile("mra-readiness", catalogue());
    for (const Check* check : profile.checks) {
        const std::string id(check->info.id);
        CAPTURE(id);
        const bool named = expected["checks"].contains(id);
        const nlohmann::ordered_json rules = !named ? nlohmann::ordered_json{{"*", "pass"}}
                                             : expected["checks"][id].is_string()
                                                 ? nlohmann::ordered_json{{"*", expected["checks"][id]}}
                                                 : expected["checks"][id];
        std::set<std::string> keys_matched;
        bool seen = false;
        for (const auto& finding : report["findings"]) {
            if (finding["id"] != id) continue;
            seen = true;
            const std::string subject = finding["subject"];
            std::string wanted = rules.value("*", std::string("(no status for this subject)"));
            for (const auto& [key, status] : rules.items())
                if (key != "*" && subject.find(key) != std::string::npos) {
                    wanted = status.get<std::string>();
                    keys_matched.insert(key);
                    break;
                }
            const bool by_default = !named && finding["status"] == "not_applicable";
            CHECK_MESSAGE((finding["status"] == wanted || by_default), subject, ": ",
                          finding["message"].get<std::string>());
        }
        CHECK(seen);
        for (const auto& item : rules.items())
            if (item.key() != "*" && item.value() != "not_run")
                CHECK_MESSAGE(keys_matched.count(item.key()) == 1, "no finding about ", item.key());
    }
}

}  // namespace mra::test
