#pragma once
// The servers get_edge_config advertises for the client's next steps, and whether each resolves in
// the public DNS view (the client resolves them next).

#include <string>
#include <vector>

#include "core/check.hpp"

namespace mra::checks::advertised {

// "expe1.example.com:5061" for each server with an address.
std::vector<std::string> names(const std::vector<facts::EdgeServer>& servers);

// How the servers' names fared in the external view: those the resolver said have no A or AAAA
// record, and those whose lookup itself failed (a timeout, a malformed reply …), which cannot be
// said not to resolve; each failed one with what happened.
struct Lookups {
    std::vector<std::string> unresolved;
    std::vector<std::string> failed;
};
Lookups look_up(const facts::Facts& facts, const std::vector<facts::EdgeServer>& servers);

// For a leg of the client's path (SIP, XMPP, TURN) that probed nothing: records not_run with the
// reason — no Expressway-E, no edge configuration, or none of `element` in it (see `see`) — and
// returns true. False when there is something to judge. Nothing for the offline `cert` command.
bool report_unprobed(const CheckContext& context, Results& results, bool probed_any, const std::string& element,
                     const std::string& see);

}  // namespace mra::checks::advertised
