#pragma once
// The DNS vocabulary shared by the probe and the dns.* checks: which SRV services discovery asks
// for, how names are written in the facts, and how outcomes read as text. Pure functions, no I/O.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "facts/dns.hpp"

namespace mra::facts::dns {

// The services Jabber and Expressway look up (Cisco MRA Deployment Guide X15.0, MRA Requirements
// (DNS); Jabber 14.1 Planning Guide, Service discovery; Expressway Admin Guide, XMPP federation).
inline constexpr std::string_view collab_edge = "_collab-edge._tls";  // public: Expressway-E, port 8443
inline constexpr std::string_view cisco_uds = "_cisco-uds._tcp";      // internal only: CUCM UDS
inline constexpr std::string_view cuplogin = "_cuplogin._tcp";        // internal only: IM and Presence login
inline constexpr std::string_view sips = "_sips._tcp";                // public: business-to-business SIP over TLS
inline constexpr std::string_view sip_tcp = "_sip._tcp";              // public: business-to-business SIP over TCP
inline constexpr std::string_view xmpp_server = "_xmpp-server._tcp";  // public: XMPP federation, port 5269
inline constexpr std::string_view xmpp_client = "_xmpp-client._tcp";  // legacy Webex Messenger discovery

inline constexpr std::array<std::string_view, 7> discovered_services = {collab_edge, cisco_uds,   cuplogin,   sips,
                                                                        sip_tcp,     xmpp_server, xmpp_client};

// How every name is kept in the facts: lower case (DNS names compare case-insensitively, RFC 4343),
// without the trailing dot; the root stays ".".
std::string canonical_name(std::string_view name);

// "_collab-edge._tls" under "Example.COM." → "_collab-edge._tls.example.com".
std::string service_name(std::string_view service, std::string_view domain);

// The names captures and reports use; parsing a name no table holds gives nullopt.
std::string_view to_string(DnsView view);        // "external", "internal"
std::string_view to_string(DnsOutcome outcome);  // "answer", "nodata", "nxdomain", …
std::optional<DnsView> parse_dns_view(std::string_view text);
std::optional<DnsOutcome> parse_dns_outcome(std::string_view text);

// "10 20 8443 expe1.example.com": priority, weight, port, target, as in a zone file.
std::string to_string(const facts::SrvRecord& record);

}  // namespace mra::facts::dns
