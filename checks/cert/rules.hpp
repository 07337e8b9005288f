#pragma once
// Certificate rules shared by the checks that judge an issued certificate and cert.csr, which
// applies the same rules to a request (CHECKS.md: "same rules as above, applied to the request").
// Each returns an empty string when the rule holds, else the problem in one sentence.

#include <string>
#include <string_view>
#include <vector>

#include "facts/certificate.hpp"

namespace mra::checks {

inline constexpr const char* server_auth_oid = "1.3.6.1.5.5.7.3.1";
inline constexpr const char* client_auth_oid = "1.3.6.1.5.5.7.3.2";

// Expressway with MRA enabled refuses a server certificate without both serverAuth and
// clientAuth (Expressway Admin Guide X15.4 "Unified Communications"; Certificate Guide X12.6).
std::string eku_problem(const std::vector<std::string>& extended_key_usage);

// RSA < 2048 and EC below P-256 are rejected by Jabber (CC mode) and iOS; RSA > 4096 (8192)
// makes SIP TLS zones fail (Certificate Guide X14.3 "Troubleshooting"). `is_leaf`: the upper
// bound matters only for the key the Expressway itself uses in TLS.
struct KeyVerdict {
    bool fail = false;
    std::string problem;  // empty when fine
};
KeyVerdict key_verdict(std::string_view algorithm, std::size_t bits, bool is_leaf);

// The edge domain is covered by a SAN dNSName equal to the domain or collab-edge.<domain>, or by
// an SRVName _collab-edge._tls.<domain> (TC/CE endpoints' verify_edge_domain_in_san).
bool edge_domain_covered(const facts::SubjectAltName& san, std::string_view domain);

// The hosts among `hosts` that the names do not cover (RFC 6125: SAN dNSNames, else the CN).
std::vector<std::string> uncovered_hosts(const facts::SubjectAltName& san, std::string_view common_name,
                                         const std::vector<std::string>& hosts);

}  // namespace mra::checks
