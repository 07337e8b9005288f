#pragma once
// Name matching rules, pure functions of strings.

#include <optional>
#include <string>
#include <string_view>

#include "facts/certificate.hpp"

namespace mra::x509 {

// RFC 6125 §6.4: case-insensitive, a wildcard only as the whole left-most label ("*.example.com"
// matches "a.example.com", not "example.com" nor "a.b.example.com"), no partial-label wildcards,
// a trailing dot ignored on both sides.
bool dns_name_matches(std::string_view pattern, std::string_view host);

// RFC 6125 §6.4.4: the SAN dNSNames when there are any, else the subject CN. Works for a
// certificate and for a request alike.
bool names_cover_host(const facts::SubjectAltName& san, std::string_view common_name, std::string_view host);

// An SRVName value: RFC 4985 §2 `_Service.Name` ("_xmpp-client.example.com"), or the
// `_service._proto.domain` form Cisco uses ("_collab-edge._tls.example.com").
struct SrvName {
    std::string service;   // "collab-edge" (without the underscore)
    std::string protocol;  // "tls"; empty in the RFC 4985 form
    std::string domain;    // "example.com", lower case
};
std::optional<SrvName> parse_srvname(std::string_view value);

// RFC 4985 / RFC 6125 §6.5.3 SRV-ID match: same service (and protocol) and the domain matches
// case-insensitively.
bool srvname_matches(const SrvName& name, std::string_view service, std::string_view protocol, std::string_view domain);

}  // namespace mra::x509
