// parse_binding_response on any datagram. The expected transaction id is the datagram's own (when it
// has one), so that the fuzzer reaches the attribute parsing rather than stopping at the id.
#include <algorithm>
#include <span>

#include "fuzz.hpp"
#include "probe/turn/stun.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace turn = mra::probe::turn;
    turn::TransactionId expected{};
    if (size >= turn::header_size) std::copy(data + 8, data + 20, expected.begin());
    (void)turn::parse_binding_response(std::span<const std::uint8_t>(data, size), expected);
    return 0;
}
