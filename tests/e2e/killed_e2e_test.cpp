// Servers killed in the middle of a run (a fault-injection test): after the TLS step and before the
// sign-in, an Expressway-E dies whole; or the lab's Kamailio — the SIP edge of both peers — is
// killed while the sign-in is under way, before the SIP step. The run goes on to the end, inside
// --timeout; what needed the dead server says so, everything else is as without the kill.

#include <doctest/doctest.h>

#include "e2e/fault_run.hpp"

namespace {

using namespace mra::test;
using namespace mra::test::faults;

}  // namespace

TEST_CASE("servers killed in the middle of a run: what needed them says so, the run ends in time") {
    const Lab lab("healthy");
    const FaultBench bench(lab);
    // The sign-in's connection is the second to 8443: the first was the TLS step's. Whether the
    // peer is gone before that connection is accepted ("connect … refused") or just after ("reset
    // by peer" in the handshake) is a race; either way get_edge_config names the step that failed.
    bench.play({.what = "expe2 dies between its TLS handshake and the sign-in",
                .faults = {.death = {{8443, 2}}},
                .named = {{"edge.https", "expe2.example.com:8443", "pass", {}},
                          {"edge.config", "expe2.example.com:8443", "fail", {"get_edge_config"}},
                          {"sip.tls", "expe2.example.com:5061", "fail", {"Connection refused"}},
                          {"xmpp.starttls", "expe2.example.com:5222", "fail", {"Connection refused"}},
                          {"turn.binding", "expe2.example.com:3478/udp", "fail", {"ICMP port unreachable"}}},
                .affected = {"expe2.example.com"}});
    bench.play({.what = "the lab's Kamailio is killed during the sign-in",
                .faults = {.triggers = {{8443, 2, [&] { lab.kill_server("sip"); }}}},
                .named = {{"sip.tls", "expe1.example.com:5061", "fail", {"Connection refused"}},
                          {"sip.tls", "expe2.example.com:5061", "fail", {"reset"}}},
                .affected = {":5061"}});
}
