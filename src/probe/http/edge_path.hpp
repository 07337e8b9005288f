#pragma once
// The paths an Expressway-E serves on 8443: get_edge_config under the base64 of the edge domain
// (the URLs in Cisco's Preferred Architecture for Collaboration 12.x, "Collaboration Edge", and in
// Cisco TAC 211304, "Collaboration Edge TC-based Endpoints Configuration Example"), and tunnelled
// requests under the base64 of "<domain>/<scheme>/<internal host>/<port>" (the paths of Cisco's
// Camelot endpoint simulator; no Cisco document shows one whole). Base64 is unpadded, as in every
// published request; the URL-safe alphabet by default, the standard one on request.

#include <cstdint>
#include <string>
#include <string_view>

namespace mra::probe::http {

enum class Base64Alphabet { url_safe, standard };

std::string path_segment(std::string_view text, Base64Alphabet alphabet);

// "/ZXhhbXBsZS5jb20/get_edge_config?service_name=_cisco-uds&service_name=_cuplogin"
std::string edge_config_path(std::string_view domain, Base64Alphabet alphabet);

// "/ZXhhbXBsZS5jb20/get_edge_sso?email=test1@example.com": Jabber's OAuth/SSO discovery, under the
// same prefix as get_edge_config (the prefix is derived: Expressway logs show only the resource
// and its query). `email_query` goes in as given: percent-encode it first.
std::string edge_sso_path(std::string_view domain, std::string_view email_query, Base64Alphabet alphabet);

// "/<b64(domain/scheme/host/port)>/<resource>", `resource` without its leading slash.
std::string tunnel_path(std::string_view domain, std::string_view scheme, std::string_view host, std::uint16_t port,
                        std::string_view resource, Base64Alphabet alphabet);

}  // namespace mra::probe::http
