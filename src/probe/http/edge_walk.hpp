#pragma once
// The HTTPS half of a Jabber sign-in through one Expressway-E, in Jabber's order (Cisco
// Collaboration SRND, MRA sign-in; Cisco UDS Developer Guide; the reference call flow in the
// README): get_edge_config with the user's credentials; through the edge's tunnel UDS version and
// clusterUser of a _cisco-uds server (userUdsServer when there is none); servers, the user record
// and (with the credentials again) the devices of the home cluster; the softphone's configuration
// from its provision URI; the service profile and Jabber profile the user record names; and
// jabber-config.xml and the dial rules from the provision URI's host. Every other request carries
// the X-Auth cookie the edge set. One keep-alive connection; each step that depends on an earlier
// one is recorded as not sent, naming the step it needed. Never throws.

#include <string>

#include "facts/sign_in.hpp"
#include "facts/tls.hpp"
#include "probe/http/edge_path.hpp"
#include "probe/http/http_client.hpp"
#include "util/deadline.hpp"

namespace mra::probe::http {

struct WalkRequest {
    const Credentials* credentials = nullptr;
    const EdgeTrust* trust = nullptr;
    Base64Alphabet alphabet = Base64Alphabet::url_safe;
    Limits limits;
};

// `edge` is a _collab-edge target of `domain` whose TLS handshake completed (its host, port and
// address are used).
facts::EdgeSession walk_edge(const facts::TlsEndpoint& edge, const std::string& domain, const WalkRequest& request,
                             const Deadline& deadline);

}  // namespace mra::probe::http
