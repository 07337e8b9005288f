// Faults on the ports a client reaches after signing in — SIP TLS 5061, XMPP 5222, TURN/STUN 3478
// UDP — of one Expressway-E beside the lab's healthy one. get_edge_config (from both peers)
// advertises the faulty peer; its findings must name the fault, every other finding must be as
// without it. XMPP's faults strike its clear-text negotiation or, past <proceed/>, the TLS
// handshake that follows on the same connection. SIP, XMPP and TURN are probed side by side to the
// end of the run, so the faults that make a client wait are played together in one run; the others
// one by one.

#include <doctest/doctest.h>

#include "e2e/fault_run.hpp"
#include "faults/endless_handshake.hpp"
#include "probe/xmpp/test_xmpp_server.hpp"

namespace {

using namespace mra::test;
using namespace mra::test::faults;

const std::string sip = "expe2.example.com:5061";
const std::string xmpp = "expe2.example.com:5222";
const std::string turn = "expe2.example.com:3478/udp";

const std::string http_answer = "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n";
const std::string binary_garbage("\x00\xff\x13\x37\xde\xad\xbe\xef\x00\x01\x02\x03", 12);
const std::string sip_answer =
    "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS 192.0.2.1:5061;branch=z9hG4bK-fault\r\nContent-Length: 0\r\n\r\n";

std::vector<std::uint8_t> datagram(const std::string& bytes) {
    return {bytes.begin(), bytes.end()};
}

// A fault in the TLS handshake fails sip.tls (critical); one over TLS fails sip.options (major), and
// REGISTER and SERVICE, never sent on the broken connection, are not run.
Fault sip_fault(std::string what, Play play, Named named) {
    const int exit_code = named.id == "sip.tls" ? 2 : 1;
    return {.what = std::move(what),
            .faults = {.tcp = {{5061, std::move(play)}}},
            .named = {std::move(named)},
            .exit_code = exit_code};
}

Fault xmpp_fault(std::string what, Play play, std::vector<std::string> message) {
    return {.what = std::move(what),
            .faults = {.tcp = {{5222, std::move(play)}}},
            .named = {{"xmpp.starttls", xmpp, "fail", std::move(message)}},
            .exit_code = 1};  // xmpp.starttls is major
}

}  // namespace

TEST_CASE("faults on one Expressway-E's SIP, XMPP and TURN ports: named for that peer, the rest of the run intact") {
    const Lab lab("healthy");
    const FaultBench bench(lab);
    auto over_tls = [&](Play play) {
        play.tls = expe2_identity(lab);
        return play;
    };
    // Prosody's clear-text negotiation to <proceed/>, then garbage in answer to the ClientHello.
    const TestXmppServer garbage_after_proceed({.tls = false, .after_reply = binary_garbage});
    const std::vector<Fault> faults{
        {.what = "SIP, XMPP and TURN accept (or receive) and never speak",
         .faults = {.tcp = {{5061, {.delivery = Delivery::stall}}, {5222, {.delivery = Delivery::stall}}},
                    .udp = {{3478, udp_reply({})}}},
         .named = {{"sip.tls", sip, "fail", {"no answer to the ClientHello"}},
                   {"xmpp.starttls", xmpp, "fail", {"no answer to our stream header within"}},
                   {"turn.binding", turn, "fail", {"no STUN answer after"}}}},
        {.what = "SIP drips its answer to OPTIONS, XMPP stalls in its stream header, TURN answers in HTTP",
         .faults = {.tcp = {{5061, over_tls({.source = reply(sip_answer), .delivery = Delivery::drip})},
                            {5222, {.source = reply(prosody_header), .delivery = Delivery::stall, .after = 40}}},
                    .udp = {{3478, udp_reply(datagram(http_answer))}}},
         .named = {{"sip.options", sip, "fail", {"OPTIONS got no final response", "within"}},
                   {"sip.register-challenge", sip, "not_run", {"not sent: the run's deadline had passed"}},
                   {"xmpp.starttls", xmpp, "fail", {"only 40 bytes of the server's stream header arrived within"}},
                   {"turn.binding", turn, "fail", {"not a STUN message", "invalid datagrams"}}},
         .exit_code = 1},
        {.what = "SIP stalls in its answer to OPTIONS, XMPP drips its stream header, TURN answers with the largest "
                 "datagram there is",
         .faults = {.tcp = {{5061, over_tls({.source = reply(sip_answer), .delivery = Delivery::stall, .after = 30})},
                            {5222, {.source = reply(prosody_header), .delivery = Delivery::drip}}},
                    .udp = {{3478, udp_reply(std::vector<std::uint8_t>(65507, 'x'))}}},
         .named = {{"sip.options", sip, "fail", {"OPTIONS got no final response", "within"}},
                   {"sip.register-challenge", sip, "not_run", {"not sent: the run's deadline had passed"}},
                   {"xmpp.starttls", xmpp, "fail", {"bytes of the server's stream header arrived within"}},
                   {"turn.binding", turn, "fail", {"not a STUN message", "invalid datagrams"}}},
         .exit_code = 1},
        xmpp_fault("XMPP negotiates STARTTLS, then stalls in its TLS handshake",
                   {.source = relay(real_expe2, 5222), .delivery = Delivery::stall, .after = 100, .past = proceed},
                   {"STARTTLS was accepted, then the TLS handshake failed",
                    "only 100 bytes of the server's handshake arrived within"}),
        sip_fault("SIP resets in the middle of its handshake",
                  {.source = relay(real_expe2, 5061), .delivery = Delivery::reset, .after = 100},
                  {"sip.tls", sip, "fail", {"Connection reset by peer"}}),
        sip_fault("SIP answers the ClientHello with garbage", {.source = reply(binary_garbage)},
                  {"sip.tls", sip, "fail", {"does not speak TLS", "bytes 00 ff 13 37"}}),
        sip_fault("SIP answers the ClientHello in HTTP", {.source = reply(http_answer)},
                  {"sip.tls", sip, "fail", {"does not speak TLS", "\"HTTP/1.1 400 Bad Request\""}}),
        sip_fault("SIP answers the ClientHello with a handshake message without end",
                  {.source = endless_handshake_message()},
                  {"sip.tls", sip, "fail", {"the server's handshake exceeded 262144 bytes without completing"}}),
        {.what = "SIP answers OPTIONS in HTTP, over TLS",
         .faults = {.tcp = {{5061, over_tls({.source = reply(http_answer)})}}},
         .named = {{"sip.options", sip, "fail", {"not a SIP response", "\"HTTP/1.1 400 Bad Request\""}},
                   {"sip.register-challenge", sip, "not_run", {"not sent: the connection ended during OPTIONS"}},
                   {"sip.service", sip, "not_run", {"not sent: the connection ended during OPTIONS"}}},
         .exit_code = 1},
        sip_fault("SIP answers OPTIONS with garbage, over TLS", over_tls({.source = reply(binary_garbage)}),
                  {"sip.options", sip, "fail", {"not a SIP response", "byte 0x00"}}),
        sip_fault("SIP resets in the middle of its answer",
                  over_tls({.source = reply(sip_answer), .delivery = Delivery::reset, .after = 30}),
                  {"sip.options", sip, "fail", {"Connection reset by peer"}}),
        sip_fault("SIP sends header lines without end",
                  over_tls({.source = endless("SIP/2.0 200 OK\r\n", "X-Fault: " + std::string(100, 'x') + "\r\n")}),
                  {"sip.options", sip, "fail", {"exceeds a bound", "SIP header section exceeds 200 lines"}}),
        sip_fault("SIP announces an enormous body",
                  over_tls({.source = reply("SIP/2.0 200 OK\r\nContent-Length: 99999999999\r\n\r\n")}),
                  {"sip.options", sip, "fail", {"exceeds a bound", "SIP body of 99999999999 bytes exceeds 1 MiB"}}),
        xmpp_fault("XMPP resets in the middle of its stream header",
                   {.source = relay(real_expe2, 5222), .delivery = Delivery::reset, .after = 40},
                   {"Connection reset by peer"}),
        xmpp_fault("XMPP answers with garbage", {.source = reply(binary_garbage)}, {"not an XMPP stream"}),
        xmpp_fault("XMPP answers in HTTP", {.source = reply(http_answer)}, {"not an XMPP stream"}),
        xmpp_fault("XMPP sends stream features without end",
                   {.source = endless(prosody_header + "<stream:features>", "<fault xmlns='urn:x:fault'/>")},
                   {"more than 65536 bytes before <proceed/>"}),
        xmpp_fault("XMPP negotiates STARTTLS, then resets in its TLS handshake",
                   {.source = relay(real_expe2, 5222), .delivery = Delivery::reset, .after = 100, .past = proceed},
                   {"STARTTLS was accepted, then the TLS handshake failed", "Connection reset by peer"}),
        xmpp_fault("XMPP negotiates STARTTLS, then answers the ClientHello with garbage",
                   {.source = relay("127.0.0.1", garbage_after_proceed.port())},
                   {"STARTTLS was accepted, then the TLS handshake failed", "does not speak TLS", "bytes 00 ff 13 37"}),
    };
    for (const auto& fault : faults) bench.play(fault);
}
