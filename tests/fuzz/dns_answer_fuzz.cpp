// DNS replies as they reach our code: ldns_wire2pkt and our classification (classify_answer). The
// first byte picks the question's type; the reply's own ID is the query's, so that the fuzzer gets
// past the ID check into the answer section.
#include <span>

#include "fuzz.hpp"
#include "probe/dns/resolver.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    static constexpr const char* types[] = {"SRV", "A", "AAAA", "CNAME"};
    static constexpr const char* names[] = {"_collab-edge._tls.example.com", "expe1.example.com", "expe1.example.com",
                                            "www.example.com"};
    const std::size_t pick = data[0] % 4;
    const std::span<const std::uint8_t> wire(data + 1, size - 1);
    const auto id = static_cast<std::uint16_t>((wire[0] << 8) | wire[1]);
    (void)mra::probe::dns::classify_answer(wire, names[pick], types[pick], id);
    return 0;
}
