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
using facts::path_part;

// A finding about one part of a judged chain ("leaf", "chain[1]", "chain"), on its endpoint.
inline Subject subject_of(const JudgedChain& chain, std::string part) {
    return {chain.label, std::move(part)};
}

// A finding about one of the `cert` command's own files ("key", "csr", "previous"), or about all
// the inputs: a part of no endpoint.
inline Subject input_subject(std::string part) {
    return {"", std::move(part)};
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
                subject_of(subject, std::string(part)), Status::not_run,
                "no certificate to judge: " + (subject.unavailable_reason.empty() ? std::string("none was obtained")
                                                                                  : subject.unavailable_reason));
    }
}

}  // namespace mra::checks
