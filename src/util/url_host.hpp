#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mra {

// The host of an absolute http: or https: URL, lower case, an IPv6 literal without brackets
// (RFC 3986 §3.2.2, through libcurl's URL parser); nullopt for any other URL.
std::optional<std::string> http_url_host(std::string_view url);

}  // namespace mra
