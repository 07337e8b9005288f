#pragma once
// The XML an Expressway-E answers on the sign-in path, read with tinyxml2 into facts: the
// getEdgeConfigResponse (as in Cisco TAC 211304, "Collaboration Edge TC-based Endpoints
// Configuration Example"), the UDS resources (Cisco UDS API reference, developer.cisco.com), and
// well-formedness of the TFTP files. Tolerant of unknown elements and namespace prefixes, as a
// client must be; each parser returns an empty string on success or one line saying what is wrong.
// Bounded by tinyxml2's element depth limit and by the body size the HTTP client accepts.

#include <string>
#include <string_view>
#include <vector>

#include "facts/sign_in.hpp"

namespace mra::probe::http {

std::string parse_edge_config(std::string_view body, facts::EdgeConfig& config);

std::string parse_uds_version(std::string_view body, facts::UdsFacts& uds);
std::string parse_cluster_user(std::string_view body, facts::UdsFacts& uds);
std::string parse_uds_servers(std::string_view body, facts::UdsFacts& uds);
std::string parse_uds_user(std::string_view body, facts::UdsFacts& uds);
std::string parse_uds_devices(std::string_view body, facts::UdsFacts& uds);

// A server a service profile or a Jabber configuration file names that Jabber reaches through the
// tunnel: the Voicemail service's server1 (a service profile's serviceProfileInfoElement), UpdateUrl,
// PhotoUriWithToken and PhotoUriSubstitutionString (Cisco Jabber Parameters Reference Guide).
struct NamedInFile {
    std::string role;   // "voicemail", "update", "photo"
    std::string named;  // a host (voicemail) or a URL, as written
};
// What `body` names, in document order, at most facts::max_listed; nothing when it is not XML.
std::vector<NamedInFile> named_servers(std::string_view body);

// Empty when `body` is one well-formed XML document.
std::string xml_error(std::string_view body);

}  // namespace mra::probe::http
