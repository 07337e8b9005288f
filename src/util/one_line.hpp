#pragma once
// Text a peer sent (a SOFTWARE attribute, a stream error's <text/>, the start of a garbage answer)
// made fit for a one-line field of the facts: the promise of every probe's `error`.

#include <cstddef>
#include <string>
#include <string_view>

namespace mra {

// Control characters (line breaks included) become spaces; longer than `max_bytes` is cut at a
// UTF-8 character boundary and ends in "…".
std::string one_line(std::string_view text, std::size_t max_bytes = 200);

// The start of what a peer sent, for an error message: its first line in quotes when it is
// printable ASCII ("\"HTTP/1.1 400 Bad Request\""), else its first bytes in hex ("bytes 16 03 01").
std::string excerpt_of(std::string_view bytes);

}  // namespace mra
