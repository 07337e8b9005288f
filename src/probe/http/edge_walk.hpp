#pragma once
// The HTTPS half of a Jabber sign-in through one Expressway-E (mra-facts.md §4.1): get_edge_config
// with the user's credentials, then through the edge's tunnel the UDS calls to the user's UDS
// server and the TFTP files from the TFTP server and the softphone's provision URI. One keep-alive
// connection; each step that depends on an earlier one is recorded as not sent, with the reason,
// when that one failed. Never throws.

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
