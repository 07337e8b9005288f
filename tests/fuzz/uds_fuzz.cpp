// The tunnelled UDS bodies: every UDS parser reads the same input into one UdsFacts, as a run does.
#include "fuzz.hpp"
#include "probe/http/xml_responses.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace http = mra::probe::http;
    const auto body = mra::fuzz::text(data, size);
    mra::facts::UdsFacts uds;
    (void)http::parse_uds_version(body, uds);
    (void)http::parse_cluster_user(body, uds);
    (void)http::parse_uds_servers(body, uds);
    (void)http::parse_uds_user(body, uds);
    (void)http::parse_uds_devices(body, uds);
    return 0;
}
