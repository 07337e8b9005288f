// Faults on the HTTPS port (8443) of one Expressway-E beside the lab's healthy one: in the TLS
// handshake (the real one relayed, then cut, stalled or dripped; garbage; SIP instead; a handshake
// message without end) and in the HTTP the edge speaks over it (silence, a stalled, reset or
// dripped response, garbage, SIP, an endless body or header). The TLS faults are edge.https's to
// name; the HTTP ones edge.config's, and what depends on get_edge_config through that peer is not
// run. The other peer is judged as without the fault, and SIP, XMPP and TURN to both go on.

#include <doctest/doctest.h>

#include "e2e/fault_run.hpp"
#include "faults/endless_handshake.hpp"
#include "probe/http/test_edge_server.hpp"

namespace {

using namespace mra::test;
using namespace mra::test::faults;

const std::string edge = "expe2.example.com:8443";

// A getEdgeConfigResponse-sized 200 whose body the faults cut short.
std::string edge_config_answer() {
    return http_response(
        "200 OK", "<getEdgeConfigResponse version=\"1.0\">" + std::string(4000, ' ') + "</getEdgeConfigResponse>");
}

const std::string binary_garbage("\x00\xff\x13\x37\xde\xad\xbe\xef\x00\x01\x02\x03", 12);
const std::string sip_answer =
    "SIP/2.0 400 Bad Request\r\nVia: SIP/2.0/TLS 192.0.2.1:5061\r\nContent-Length: 0\r\n\r\n";

Fault handshake_fault(std::string what, Play play, std::vector<std::string> message) {
    return {.what = std::move(what),
            .faults = {.tcp = {{8443, std::move(play)}}},
            .named = {{"edge.https", edge, "fail", std::move(message)}},
            // Without TLS there is no chain to judge, and the cluster has one peer's certificate.
            .also_affected = {"cert.cluster-consistency"}};
}

// A handshake message announced as 16 MiB, its filler sent as fast as it is read: abandoned at a
// bound, without holding the rest.
Fault endless_handshake_fault() {
    auto fault = handshake_fault("answers the ClientHello with a handshake message without end",
                                 {.source = endless_handshake_message()},
                                 {"the TLS handshake failed", "the server's handshake exceeded 262144 bytes"});
    fault.extra_memory_mib = 8;
    return fault;
}

Fault http_fault(const Lab& lab, std::string what, Play play, std::vector<std::string> message) {
    play.tls = expe2_identity(lab);
    return {.what = std::move(what),
            .faults = {.tcp = {{8443, std::move(play)}}},
            .named = {{"edge.config", edge, "fail", std::move(message)}}};
}

}  // namespace

TEST_CASE("faults on one Expressway-E's HTTPS port: named for that peer, the rest of the run intact") {
    const Lab lab("healthy");
    const FaultBench bench(lab);
    const auto upstream = relay(real_expe2, 8443);
    const std::vector<Fault> faults{
        handshake_fault("accepts and never speaks", {.delivery = Delivery::stall},
                        {"timed out", "no answer to the ClientHello"}),
        handshake_fault("stalls in the middle of its handshake",
                        {.source = upstream, .delivery = Delivery::stall, .after = 100},
                        {"timed out", "only 100 bytes of the server's handshake arrived"}),
        handshake_fault("resets in the middle of its handshake",
                        {.source = upstream, .delivery = Delivery::reset, .after = 100}, {"reset"}),
        handshake_fault("drips its handshake a byte a second", {.source = upstream, .delivery = Delivery::drip},
                        {"timed out", "bytes of the server's handshake arrived"}),
        handshake_fault("answers the ClientHello with garbage", {.source = reply(binary_garbage)},
                        {"does not speak TLS", "bytes 00 ff 13 37"}),
        handshake_fault("answers the ClientHello in SIP", {.source = reply(sip_answer)},
                        {"does not speak TLS", "SIP/2.0 400 Bad Request"}),
        endless_handshake_fault(),
        http_fault(lab, "never answers get_edge_config", {.delivery = Delivery::stall},
                   {"get_edge_config: no complete response within", "0 bytes received"}),
        http_fault(lab, "stalls in the middle of the response",
                   {.source = reply(edge_config_answer()), .delivery = Delivery::stall, .after = 300},
                   {"get_edge_config: no complete response within", "out of 4061 bytes received"}),
        http_fault(lab, "resets in the middle of the response",
                   {.source = reply(edge_config_answer()), .delivery = Delivery::reset, .after = 300},
                   {"get_edge_config", "Connection reset by peer"}),
        http_fault(lab, "drips the response a byte a second",
                   {.source = reply(edge_config_answer()), .delivery = Delivery::drip},
                   {"get_edge_config: no complete response within"}),
        http_fault(lab, "answers with garbage", {.source = reply(binary_garbage)},
                   {"get_edge_config", "does not start with an HTTP status line"}),
        http_fault(lab, "answers in SIP", {.source = reply(sip_answer)},
                   {"get_edge_config", "does not start with an HTTP status line"}),
        http_fault(lab, "sends an endless chunked body",
                   {.source = endless("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nTransfer-Encoding: "
                                      "chunked\r\n\r\n",
                                      "400\r\n" + std::string(1024, 'x') + "\r\n")},
                   {"get_edge_config: the response is too large", "the body exceeds 2048 KiB"}),
        http_fault(lab, "sends header lines without end",
                   {.source = endless("HTTP/1.1 200 OK\r\n", "X-Fault: " + std::string(100, 'x') + "\r\n")},
                   {"get_edge_config: the response is too large", "the header section exceeds"}),
    };
    for (const auto& fault : faults) bench.play(fault);
}
