#pragma once
// URL pieces for the HTTP probe, through libcurl's URL parser (RFC 3986) rather than by hand.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mra::probe::http {

struct Url {
    std::string scheme;          // lower case
    std::string host;            // lower case, IPv6 without brackets
    std::uint16_t port = 0;      // the scheme's default when the URL has none
    std::string path;            // with the query, "/" at least
    std::string origin() const;  // "https://host:port"
};

// nullopt when `text` is not an absolute http(s) URL.
std::optional<Url> parse_url(std::string_view text);

// Percent-encodes everything but RFC 3986 unreserved characters: a user id in a path or query.
std::string percent_encode(std::string_view text);

}  // namespace mra::probe::http
