#pragma once

#include <string>

namespace mra {

// A literal IPv4 or IPv6 address (inet_pton's forms), not a name to resolve.
bool is_address_literal(const std::string& text);

}  // namespace mra
