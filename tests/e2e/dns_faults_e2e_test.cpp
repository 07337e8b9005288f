// Faults of the DNS view beside the lab: the external resolver answers every query correctly but
// one — expe2's A record — which comes back with another ID, for another question, cut short, or
// truncated and then broken over TCP (silent, dripped, garbage). That query's finding must name the
// fault; expe2, left without an address, is not connected to (not run), and expe1 is judged as
// without the fault.

#include <doctest/doctest.h>

#include "e2e/fault_run.hpp"

namespace {

using namespace mra::test;
using namespace mra::test::faults;

// The fault for expe2's A query; every other query is answered from the zone.
DnsFault on_expe2_address(std::function<DnsResponse(const DnsRequest&)> answer) {
    return [answer = std::move(answer)](const DnsRequest& request) -> std::optional<DnsResponse> {
        if (request.name != "expe2.example.com" || request.type != "A") return std::nullopt;
        return answer(request);
    };
}

// A correct answer to expe2's A query, as the zone has it.
DnsResponse expe2_address(const DnsRequest& request, DnsReplyOptions options = {}) {
    return dns_reply(request, LDNS_RCODE_NOERROR, {"expe2.example.com. 300 IN A " + fault_address}, options);
}

// Truncated over UDP (TC, RFC 1035 §4.2.1); over TCP what `tcp` says.
DnsFault truncated_then(std::function<DnsResponse(const DnsRequest&)> tcp) {
    return on_expe2_address([tcp = std::move(tcp)](const DnsRequest& request) {
        return request.tcp ? tcp(request) : dns_reply(request, LDNS_RCODE_NOERROR, {}, {.truncated = true});
    });
}

// The lookup failed, so whether expe2 resolves cannot be told: an error (not a failure of the
// name), for dns.srv-target and for expe1's edge.sip-servers, which lists expe2. edge.https is then
// not run for expe2, and as it is required the verdict is unknown (exit 3).
Fault dns_fault(std::string what, DnsFault dns, std::vector<std::string> message) {
    return {.what = std::move(what),
            .named = {{"dns.srv-target", "expe2.example.com", "error", std::move(message)},
                      {"edge.sip-servers",
                       "expe1.example.com:8443",
                       "error",
                       {"could not tell whether sipEdgeServer expe2.example.com", "see dns.resolver"}},
                      {"edge.https", "expe2.example.com:8443", "not_run", {"no address of expe2.example.com"}}},
            .exit_code = 3,
            // Without an address expe2 is reached on no port; the resolver answered all but one query.
            .affected = {"expe2.example.com"},
            .also_affected = {"dns.resolver", "edge.sip-servers", "cert.cluster-consistency"},
            .dns = std::move(dns)};
}

}  // namespace

TEST_CASE("faults of the DNS view on one record: named for that record, the rest of the run intact") {
    const Lab lab("healthy");
    const FaultBench bench(lab);
    const std::vector<Fault> faults{
        dns_fault("another ID", on_expe2_address([](const DnsRequest& request) {
                      return expe2_address(request, {.id = static_cast<std::uint16_t>(request.id ^ 0x5a5a)});
                  }),
                  {"does not match query ID"}),
        dns_fault("another question", on_expe2_address([](const DnsRequest& request) {
                      return expe2_address(request, {.question = "expe9.example.com."});
                  }),
                  {"answers another question (expe9.example.com)"}),
        dns_fault("a packet cut short", on_expe2_address([](const DnsRequest& request) {
                      auto answer = expe2_address(request);
                      answer.kind = DnsResponse::Kind::raw;
                      answer.bytes.resize(answer.bytes.size() - 6);  // the middle of the A record's data
                      return answer;
                  }),
                  {"unreadable reply"}),
        dns_fault("truncated, then silence over TCP", truncated_then([](const DnsRequest&) { return dns_silence(); }),
                  {"no answer from", "over TCP (the UDP answer was truncated)"}),
        dns_fault("truncated, then dripped over TCP a byte a second", truncated_then([](const DnsRequest& request) {
                      auto answer = expe2_address(request);
                      answer.drip = std::chrono::seconds(1);
                      return answer;
                  }),
                  {"bytes of an answer from", "over TCP (the UDP answer was truncated)"}),
        dns_fault("truncated, then garbage over TCP",
                  truncated_then([](const DnsRequest&) { return dns_raw(std::string("\x00\x04garb", 6)); }),
                  {"unreadable reply", "over TCP"}),
    };
    for (const auto& fault : faults) bench.play(fault);

    // An answer far longer than any deployment's: the _collab-edge records of both peers, then 998
    // more pointing at expe1 again — over TCP, as it fits in no UDP answer. The first 32 are kept
    // (facts::max_listed), so the run reaches the same two peers, and probe.bounds says what was cut.
    bench.play({.what = "an SRV answer of 1000 records",
                .named = {{"probe.bounds",
                           "external _collab-edge._tls.example.com SRV",
                           "warn",
                           {"SRV records: 1000, more than the 32 mra-preflight keeps", "968 left out"}}},
                .exit_code = 1,
                .affected = {"_collab-edge._tls.example.com"},
                .also_affected = {"probe.bounds"},
                .dns = [](const DnsRequest& request) -> std::optional<DnsResponse> {
                    if (request.name != "_collab-edge._tls.example.com" || request.type != "SRV") return std::nullopt;
                    if (!request.tcp) return dns_reply(request, LDNS_RCODE_NOERROR, {}, {.truncated = true});
                    std::vector<std::string> records = {
                        "_collab-edge._tls.example.com. 300 IN SRV 10 10 8443 expe1.example.com.",
                        "_collab-edge._tls.example.com. 300 IN SRV 10 10 8443 expe2.example.com."};
                    records.resize(1000, "_collab-edge._tls.example.com. 300 IN SRV 20 10 8443 expe1.example.com.");
                    return dns_reply(request, LDNS_RCODE_NOERROR, records);
                }});
}
