#pragma once
// Shared by the cert.* checks: which chains are under judgement, and naming what a finding is about.

#include <string>
#include <string_view>
#include <vector>

#include "core/check.hpp"
#include "facts/judged_chains.hpp"

namespace mra::checks {

using facts::judged_chains;
using facts::JudgedChain;

// "leaf" for the `cert` command (label ""); "expe1.example.com:8443 leaf" for a live endpoint.
inline std::string subject_name(std::string_view label, std::string_view part) {
    return label.empty() ? std::string(part) : std::string(label) + " " + std::string(part);
}
inline std::string subject_name(const JudgedChain& subject, std::string_view part) {
    return subject_name(subject.label, part);
}

// Position on the path: "leaf", "chain[1]", "chain[2]", …
inline std::string path_part(std::size_t position) {
    return position == 0 ? "leaf" : "chain[" + std::to_string(position) + "]";
}

inline const facts::Certificate& leaf_of(const facts::Chain& chain) {
    return chain.presented[chain.path.front()];
}

// Calls judge(subject, chain) for every chain that was obtained, and records not_run (with the
// reason) for every chain that was not, so that no check forgets the second half.
template <typename Judge>
void for_each_chain(const CheckContext& context, Results& results, std::string_view part, Judge judge) {
    for (const auto& subject : judged_chains(context.facts())) {
        if (subject.chain && !subject.chain->path.empty())
            judge(subject, *subject.chain);
        else
            results.add(
                subject_name(subject, part), Status::not_run,
                "no certificate to judge: " + (subject.unavailable_reason.empty() ? std::string("none was obtained")
                                                                                  : subject.unavailable_reason));
    }
}

}  // namespace mra::checks
