#pragma once
// Certificate rules shared by the checks that judge an issued certificate and cert.csr, which
// applies the same rules to a request, so that a request and the certificate issued from it are
// judged alike. Each returns an empty string when the rule holds, else the problem in one sentence.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/check.hpp"
#include "facts/certificate.hpp"
#include "facts/certificate_inputs.hpp"
#include "facts/expressway_version.hpp"

namespace mra::checks {

inline constexpr const char* server_auth_oid = "1.3.6.1.5.5.7.3.1";
inline constexpr const char* client_auth_oid = "1.3.6.1.5.5.7.3.2";

// The Expressway version the EKU rule depends on, and where it was learnt: --expressway-version,
// else the Server/User-Agent header of the edge's SIP answers (the one of `hosts` when it answered,
// else the lowest version any SIP edge named), else the check's `expressway_version` option (a
// profile's default for when neither tells), else unknown.
struct KnownVersion {
    std::optional<facts::ExpresswayVersion> version;
    std::string source;  // "--expressway-version", "the Server header of expe1.example.com:5061", …
};
KnownVersion expressway_version_for(const CheckContext& context, const std::vector<std::string>& hosts);

// The option cert.eku and cert.csr share (the same rule applied to a certificate and a request).
inline constexpr CheckOption expressway_version_option{
    "expressway_version", "",
    "the Expressway version (X15.4) when neither --expressway-version nor the edge's SIP answers tell"};

// The extended key usage an Expressway certificate needs, by role and version (Cisco TAC 225482
// "Prepare Expressway for Client Auth EKU Sunset in Public CA Certificates"; Field Notice FN74362,
// CSCwr73373; TAC 225693, X15.5 client EKU):
// - Expressway-E: serverAuth always (clients and phones connect to it as a TLS server). clientAuth
//   before X15.4 — Expressway-C validates the Expressway-E certificate carried in the SIP SERVICE
//   and MRA registration fails without it; not from X15.4 (serverAuth-only accepted for MRA).
// - Expressway-C: serverAuth and clientAuth (it is the TLS client of the traversal zone; from
//   X15.5 the client certificate may be a separate one).
struct EkuVerdict {
    Status status = Status::pass;
    std::string message;
};
EkuVerdict eku_verdict(const std::vector<std::string>& extended_key_usage, facts::Role role,
                       const KnownVersion& version);

// MD2, MD4 and MD5: Expressway refuses a certificate signed with them (Cisco tech note 118672,
// CSCuq95204: the SIP SERVICE answers 437).
bool is_broken_hash(std::string_view hash);

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
