// The getEdgeConfigResponse body of get_edge_config.
#include "fuzz.hpp"
#include "probe/http/xml_responses.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mra::facts::EdgeConfig config;
    (void)mra::probe::http::parse_edge_config(mra::fuzz::text(data, size), config);
    return 0;
}
