#pragma once
// Which chains a run or `cert` judges: shared by the cert.* checks and the report's chain summaries.

#include <string>
#include <string_view>
#include <vector>

#include "facts/facts.hpp"

namespace mra::facts {

// A chain to judge and what it must satisfy: a certificate file of the `cert` command (label ""),
// or what an endpoint of a run presented (label "expe1.example.com:8443").
struct JudgedChain {
    std::string label;
    Requirements required;
    const Chain* chain = nullptr;    // null when none could be obtained…
    std::string unavailable_reason;  // …and then this says why
    std::string service;             // the endpoint's ("collab-edge", "sip", "xmpp"); "" offline
};

// The offline chains, or one per Expressway-E endpoint of a run — the _collab-edge targets, and
// the SIP and XMPP servers that completed TLS (the host must be covered, and the service domain
// carried). A run that reached no endpoint yields one unavailable entry naming why, so that every
// cert check says not_run rather than not_applicable.
std::vector<JudgedChain> judged_chains(const Facts& facts);

// Position on the path: "leaf", "chain[1]", "chain[2]", …
inline std::string path_part(std::size_t position) {
    return position == 0 ? "leaf" : "chain[" + std::to_string(position) + "]";
}

}  // namespace mra::facts
