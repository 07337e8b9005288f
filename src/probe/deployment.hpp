#pragma once
// The `run` orchestrator's probing half: walks the client's path through DNS and TLS, concurrently
// where the steps are independent, within one deadline, and returns the facts. A step that waits
// for every peer gets a share of what is left, so that one stalling peer cannot starve the other
// peers' later steps. Never throws for anything the network does.

#include <functional>
#include <optional>
#include <string>

#include "facts/facts.hpp"
#include "probe/dns/resolver.hpp"
#include "probe/http/edge_walk.hpp"
#include "probe/sip/sip_probe.hpp"
#include "util/address_scope.hpp"
#include "util/deadline.hpp"
#include "x509/chain.hpp"

namespace mra::probe {

struct DeploymentRequest {
    std::string domain;
    dns::ResolverAddress external;
    std::optional<dns::ResolverAddress> internal;
    const x509::TrustStore* trust = nullptr;
    std::int64_t at = 0;  // validity time for the chains
    // The sign-in walk through every Expressway-E whose TLS was established; none without
    // credentials (`sign_in.credentials` null).
    http::WalkRequest sign_in;
    // With credentials, every SIP edge server is registered through as the test user's softphone
    // (the UDS one, or `device`), then unregistered; `no_register` skips that and says so.
    std::string device;
    bool no_register = false;
    Deadline deadline;
    std::function<void(const std::string&)> progress;  // one line per step; may be empty
    // Judges every address the external view gives before anything connects to it: an address the
    // internet cannot reach (RFC 1918, RFC 6598, link-local, ULA) is never connected to, and what
    // would have gone there is recorded as not_public. Injectable so that a test can have a loopback
    // alias judged private.
    std::function<AddressScope(std::string_view)> judge_address = ::mra::address_scope;
};

facts::Facts probe_deployment(const DeploymentRequest& request);

}  // namespace mra::probe
