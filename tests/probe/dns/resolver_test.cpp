// The DNS probe against real servers on loopback (test_dns_server.hpp): every way a query can end.

#include "probe/dns/resolver.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "probe/dns/test_dns_server.hpp"
#include "util/input_error.hpp"

namespace {

using namespace std::chrono_literals;
using mra::Deadline;
using mra::facts::DnsOutcome;
using mra::facts::DnsView;
using mra::probe::dns::parse_resolver;
using mra::probe::dns::query;
using mra::test::DnsRequest;
using mra::test::TestDnsServer;

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// A resolv.conf in a temporary file, removed again at the end of the test.
class TempFile {
public:
    explicit TempFile(const std::string& text)
        : m_path(std::filesystem::temp_directory_path() / ("dns-resolv-" + std::to_string(::getpid()) + ".conf")) {
        std::ofstream(m_path) << text;
    }
    ~TempFile() { std::filesystem::remove(m_path); }
    std::string path() const { return m_path.string(); }

private:
    std::filesystem::path m_path;
};

std::string input_error(std::string_view text, const std::string& resolv_conf = "/etc/resolv.conf") {
    try {
        parse_resolver(text, resolv_conf);
    } catch (const mra::InputError& error) {
        return error.what();
    }
    return "";
}

mra::test::DnsHandler always(ldns_pkt_rcode rcode, std::vector<std::string> answers = {},
                             mra::test::DnsReplyOptions options = {}) {
    return [=](const DnsRequest& request) { return mra::test::dns_reply(request, rcode, answers, options); };
}

}  // namespace

TEST_CASE("dns parse_resolver: ADDR, ADDR:PORT, [V6]:PORT, V6 and system") {
    CHECK(parse_resolver("192.0.2.1") == mra::probe::dns::ResolverAddress{"192.0.2.1", 53});
    CHECK(parse_resolver("192.0.2.1:5353") == mra::probe::dns::ResolverAddress{"192.0.2.1", 5353});
    CHECK(parse_resolver("[2001:DB8::1]:5353") == mra::probe::dns::ResolverAddress{"2001:db8::1", 5353});
    CHECK(parse_resolver("[::1]") == mra::probe::dns::ResolverAddress{"::1", 53});
    CHECK(parse_resolver("2001:db8:0::53") == mra::probe::dns::ResolverAddress{"2001:db8::53", 53});
    CHECK(parse_resolver("192.0.2.1:5353").text() == "192.0.2.1:5353");
    CHECK(parse_resolver("2001:db8::53").text() == "[2001:db8::53]:53");

    const TempFile conf(
        "# generated\nsearch example.com\n; comment\nnameserver 10.0.0.2  # primary\nnameserver 10.0.0.3\n");
    CHECK(parse_resolver("system", conf.path()) == mra::probe::dns::ResolverAddress{"10.0.0.2", 53});
    const TempFile v6("nameserver 2001:db8::35\n");
    CHECK(parse_resolver("system", v6.path()).text() == "[2001:db8::35]:53");
}

TEST_CASE("dns parse_resolver: one clear line naming the value for anything else") {
    for (const char* bad : {"dns.example.com", "192.0.2.1:0", "192.0.2.1:65536", "192.0.2.1:", "192.0.2.1:53x",
                            "300.1.1.1", "[::1", "[::1]53", "[192.0.2.1]:53", "", "::1:53:zz"}) {
        CAPTURE(bad);
        const std::string message = input_error(bad);
        CHECK(message.find("resolver \"" + std::string(bad) + "\"") == 0);
        CHECK(message.find('\n') == std::string::npos);
    }
    CHECK(input_error("dns.example.com").find("host names would need a resolver") != std::string::npos);
    CHECK(input_error("192.0.2.1:70000").find("not a number from 1 to 65535") != std::string::npos);

    CHECK(input_error("system", "/nonexistent/resolv.conf") ==
          "resolver \"system\": cannot read /nonexistent/resolv.conf");
    const TempFile empty("search example.com\n");
    CHECK(input_error("system", empty.path()) == "resolver \"system\": " + empty.path() + " names no nameserver");
    const TempFile scoped("nameserver fe80::1%eth0\n");
    CHECK(input_error("system", scoped.path()).find("the first nameserver of " + scoped.path() + " is unusable") !=
          std::string::npos);
}

TEST_CASE("dns query: SRV answer, names lower-cased, records in RFC 2782 order") {
    TestDnsServer server(mra::test::dns_zone({
        "_collab-edge._tls.example.com. SRV 10 20 8443 EXPE2.Example.com.",
        "_collab-edge._tls.example.com. SRV 5 0 8443 expe3.example.com.",
        "_collab-edge._tls.example.com. SRV 10 60 8443 expe1.example.com.",
        "_collab-edge._tls.example.com. SRV 10 60 8443 expe0.example.com.",
    }));
    const auto result =
        query(server.resolver(), DnsView::external, "_Collab-Edge._TLS.Example.COM.", "SRV", Deadline(3s));
    CHECK(result.outcome == DnsOutcome::answer);
    CHECK(result.rcode == "NOERROR");
    CHECK(result.name == "_collab-edge._tls.example.com");
    CHECK(result.type == "SRV");
    CHECK(result.view == DnsView::external);
    CHECK(result.resolver == "127.0.0.1:" + std::to_string(server.port()));
    CHECK_FALSE(result.truncated_over_udp);
    CHECK(result.error.empty());
    REQUIRE(result.srv.size() == 4);
    // priority ascending; within a priority the heavier weight first; then the target, for stability
    CHECK(mra::facts::dns::to_string(result.srv[0]) == "5 0 8443 expe3.example.com");
    CHECK(mra::facts::dns::to_string(result.srv[1]) == "10 60 8443 expe0.example.com");
    CHECK(mra::facts::dns::to_string(result.srv[2]) == "10 60 8443 expe1.example.com");
    CHECK(mra::facts::dns::to_string(result.srv[3]) == "10 20 8443 expe2.example.com");
    CHECK(result.duration_ms >= 0);
    CHECK(result.duration_ms < 1000);
    CHECK(server.udp_requests() == 1);
    CHECK(server.tcp_requests() == 0);
}

TEST_CASE("dns query: an answer of 500 records keeps the first 32 in RFC 2782 order and says how many came") {
    std::vector<std::string> zone;
    for (int i = 0; i < 500; ++i)  // priority 499 down to 0: the last lines are the first in order
        zone.push_back("_collab-edge._tls.example.com. SRV " + std::to_string(499 - i) + " 0 8443 e" +
                       std::to_string(i) + ".example.com.");
    TestDnsServer server(mra::test::dns_zone(zone));
    const auto result =
        query(server.resolver(), DnsView::external, "_collab-edge._tls.example.com", "SRV", Deadline(3s));
    INFO(result.error);
    CHECK(result.outcome == DnsOutcome::answer);
    CHECK(result.truncated_over_udp);  // 500 records fit only in a TCP answer
    REQUIRE(result.srv.size() == mra::facts::max_listed);
    CHECK(mra::facts::dns::to_string(result.srv.front()) == "0 0 8443 e499.example.com");
    CHECK(mra::facts::dns::to_string(result.srv.back()) == "31 0 8443 e468.example.com");
    REQUIRE(result.cuts.size() == 1);
    CHECK(result.cuts[0].list == "SRV records");
    CHECK(result.cuts[0].total == 500);

    const auto few = query(server.resolver(), DnsView::external, "e7.example.com", "A", Deadline(3s));
    CHECK(few.cuts.empty());
}

TEST_CASE("dns query: a '.' target stays '.'") {
    TestDnsServer server(mra::test::dns_zone({"_sips._tcp.example.com. SRV 0 0 0 ."}));
    const auto result = query(server.resolver(), DnsView::external, "_sips._tcp.example.com", "SRV", Deadline(3s));
    CHECK(result.outcome == DnsOutcome::answer);
    REQUIRE(result.srv.size() == 1);
    CHECK(result.srv[0].target == ".");
}

TEST_CASE("dns query: A and AAAA, directly and through a CNAME chain") {
    TestDnsServer server(mra::test::dns_zone({
        "edge.example.com. CNAME alias.example.com.",
        "alias.example.com. CNAME expe1.example.com.",
        "expe1.example.com. A 192.0.2.9",
        "expe1.example.com. A 192.0.2.10",
        "expe1.example.com. AAAA 2001:db8::10",
        "gone.example.com. CNAME nowhere.example.com.",
    }));
    const auto direct = query(server.resolver(), DnsView::internal, "expe1.example.com", "A", Deadline(3s));
    CHECK(direct.outcome == DnsOutcome::answer);
    CHECK(direct.view == DnsView::internal);
    CHECK(direct.cnames.empty());
    CHECK(direct.addresses == std::vector<std::string>{"192.0.2.10", "192.0.2.9"});  // sorted as text

    const auto chained = query(server.resolver(), DnsView::external, "edge.example.com", "AAAA", Deadline(3s));
    CHECK(chained.outcome == DnsOutcome::answer);
    CHECK(chained.cnames ==
          std::vector<std::string>{"edge.example.com -> alias.example.com", "alias.example.com -> expe1.example.com"});
    CHECK(chained.addresses == std::vector<std::string>{"2001:db8::10"});

    const auto cname = query(server.resolver(), DnsView::external, "edge.example.com", "CNAME", Deadline(3s));
    CHECK(cname.outcome == DnsOutcome::answer);
    CHECK(cname.cnames == std::vector<std::string>{"edge.example.com -> alias.example.com"});

    // The CNAME leads nowhere: NXDOMAIN, and the step that led there is kept.
    const auto dangling = query(server.resolver(), DnsView::external, "gone.example.com", "A", Deadline(3s));
    CHECK(dangling.outcome == DnsOutcome::nxdomain);
    CHECK(dangling.cnames == std::vector<std::string>{"gone.example.com -> nowhere.example.com"});
}

TEST_CASE("dns query: NXDOMAIN and NODATA are clean negatives") {
    TestDnsServer server(mra::test::dns_zone({"_cisco-uds._tcp.example.com. TXT \"not an SRV\""}));
    const auto nxdomain =
        query(server.resolver(), DnsView::external, "_cuplogin._tcp.example.com", "SRV", Deadline(3s));
    CHECK(nxdomain.outcome == DnsOutcome::nxdomain);
    CHECK(nxdomain.rcode == "NXDOMAIN");
    CHECK(nxdomain.srv.empty());
    CHECK(nxdomain.error.empty());

    const auto nodata = query(server.resolver(), DnsView::external, "_cisco-uds._tcp.example.com", "SRV", Deadline(3s));
    CHECK(nodata.outcome == DnsOutcome::nodata);
    CHECK(nodata.rcode == "NOERROR");

    // An empty non-terminal (_tcp.example.com exists only as a parent) is NODATA too.
    const auto parent = query(server.resolver(), DnsView::external, "_tcp.example.com", "SRV", Deadline(3s));
    CHECK(parent.outcome == DnsOutcome::nodata);
}

TEST_CASE("dns query: SERVFAIL, REFUSED and other rcodes keep the server's word") {
    struct Case {
        ldns_pkt_rcode rcode;
        DnsOutcome outcome;
        const char* text;
    };
    for (const Case c : {Case{LDNS_RCODE_SERVFAIL, DnsOutcome::servfail, "SERVFAIL"},
                         Case{LDNS_RCODE_REFUSED, DnsOutcome::refused, "REFUSED"},
                         Case{LDNS_RCODE_NOTIMPL, DnsOutcome::other_rcode, "NOTIMPL"},
                         Case{LDNS_RCODE_FORMERR, DnsOutcome::other_rcode, "FORMERR"}}) {
        CAPTURE(c.text);
        TestDnsServer server(always(c.rcode));
        const auto result =
            query(server.resolver(), DnsView::external, "_collab-edge._tls.example.com", "SRV", Deadline(3s));
        CHECK(result.outcome == c.outcome);
        CHECK(result.rcode == c.text);
        CHECK(server.udp_requests() == 1);  // an answer, however bad, is not retried
    }
}

TEST_CASE("dns query: a truncated UDP answer is asked again over TCP") {
    const std::vector<std::string> records{"_collab-edge._tls.example.com. SRV 10 10 8443 expe1.example.com."};
    TestDnsServer server([&](const DnsRequest& request) {
        return request.tcp ? mra::test::dns_reply(request, LDNS_RCODE_NOERROR, records)
                           : mra::test::dns_reply(request, LDNS_RCODE_NOERROR, {}, {.truncated = true});
    });
    const auto result =
        query(server.resolver(), DnsView::external, "_collab-edge._tls.example.com", "SRV", Deadline(3s));
    CHECK(result.outcome == DnsOutcome::answer);
    CHECK(result.truncated_over_udp);
    REQUIRE(result.srv.size() == 1);
    CHECK(result.srv[0].target == "expe1.example.com");
    CHECK(server.udp_requests() == 1);
    CHECK(server.tcp_requests() == 1);
}

TEST_CASE("dns query: an answer too big for 512 bytes arrives whole over TCP") {
    std::vector<std::string> records;
    for (int i = 0; i < 20; ++i)
        records.push_back("_collab-edge._tls.example.com. SRV 10 " + std::to_string(i) + " 8443 expressway-edge-" +
                          std::to_string(i) + ".collaboration.example.com.");
    TestDnsServer server(mra::test::dns_zone(records));
    const auto result =
        query(server.resolver(), DnsView::external, "_collab-edge._tls.example.com", "SRV", Deadline(3s));
    CHECK(result.outcome == DnsOutcome::answer);
    CHECK(result.truncated_over_udp);
    CHECK(result.srv.size() == 20);
    CHECK(result.srv.front().weight == 19);
}

TEST_CASE("dns query: truncated over UDP and TCP refused is a network error") {
    TestDnsServer server(always(LDNS_RCODE_NOERROR, {}, {.truncated = true}), "127.0.0.1", /*with_tcp=*/false);
    const auto start = Clock::now();
    const auto result =
        query(server.resolver(), DnsView::external, "_collab-edge._tls.example.com", "SRV", Deadline(3s));
    CHECK(result.outcome == DnsOutcome::network_error);
    CHECK(result.truncated_over_udp);
    CHECK(result.error.find("over TCP") != std::string::npos);
    CHECK(result.error.find("Connection refused") != std::string::npos);
    CHECK(since(start) < 1s);  // refused at once, not waited for
}

// A reply that stops half-way ends at the TCP exchange's limit (2 s here), however much it announced.
TEST_CASE("dns query: garbage that never ends over TCP after a truncated answer ends within the deadline") {
    TestDnsServer server([](const DnsRequest& request) {
        return request.tcp ? mra::test::dns_raw("HTTP/1.1 400 Bad Request\r\n\r\n")  // "HT" = a length of 18516
                           : mra::test::dns_reply(request, LDNS_RCODE_NOERROR, {}, {.truncated = true});
    });
    const auto start = Clock::now();
    const auto result =
        query(server.resolver(), DnsView::external, "_collab-edge._tls.example.com", "SRV", Deadline(3s));
    CHECK(result.outcome == DnsOutcome::timeout);
    CHECK(result.truncated_over_udp);
    INFO(result.error);
    CHECK(result.error.find("only 28 bytes of an answer from " + server.text() +
                            " over TCP (the UDP answer was truncated) within 2") == 0);
    CHECK(since(start) < 3s);
    CHECK(server.tcp_requests() == 1);
}

// ldns waits up to its timeout for each read, so a server dripping faster than that held it until the
// whole announced length had come: minutes. The TCP exchange has one deadline as a whole.
TEST_CASE("dns query: an answer dripped over TCP a byte at a time ends within the deadline") {
    TestDnsServer server([](const DnsRequest& request) {
        if (!request.tcp) return mra::test::dns_reply(request, LDNS_RCODE_NOERROR, {}, {.truncated = true});
        auto answer =
            mra::test::dns_reply(request, LDNS_RCODE_NOERROR, {"_collab-edge._tls.example.com. SRV 10 10 8443 e."});
        answer.drip = 100ms;
        return answer;
    });
    const auto start = Clock::now();
    const auto result =
        query(server.resolver(), DnsView::external, "_collab-edge._tls.example.com", "SRV", Deadline(1500ms));
    CHECK(since(start) < 2s);
    CHECK(result.outcome == DnsOutcome::timeout);
    CHECK(result.error.find(" bytes of an answer from " + server.text() +
                            " over TCP (the UDP answer was truncated) within 1") != std::string::npos);
}

TEST_CASE("dns query: a server that never answers times out within the deadline, after more than one try") {
    TestDnsServer server([](const DnsRequest&) { return mra::test::dns_silence(); });
    const auto budget = 2500ms;
    const auto start = Clock::now();
    const auto result =
        query(server.resolver(), DnsView::external, "_collab-edge._tls.example.com", "SRV", Deadline(budget));
    const auto elapsed = since(start);
    CHECK(result.outcome == DnsOutcome::timeout);
    CHECK(result.rcode.empty());
    CHECK(elapsed >= budget - 100ms);
    CHECK(elapsed < budget + 500ms);
    CHECK(result.duration_ms < (budget + 500ms).count());
    CHECK(server.udp_requests() == 2);  // a 2 s try, then the 500 ms that were left
    CHECK(result.error.find("no answer from " + server.text() + " over UDP in 2 tries") == 0);
}

TEST_CASE("dns query: a lost datagram is retried") {
    std::atomic<int> seen{0};
    TestDnsServer server([&](const DnsRequest& request) {
        return ++seen == 1 ? mra::test::dns_silence()
                           : mra::test::dns_reply(request, LDNS_RCODE_NOERROR, {"expe1.example.com. A 192.0.2.10"});
    });
    const auto result = query(server.resolver(), DnsView::external, "expe1.example.com", "A", Deadline(5s));
    CHECK(result.outcome == DnsOutcome::answer);
    CHECK(result.addresses == std::vector<std::string>{"192.0.2.10"});
    CHECK(server.udp_requests() == 2);
    CHECK(result.duration_ms >= 1900);  // the first try waited its 2 s
}

TEST_CASE("dns query: no time left means no query") {
    TestDnsServer server(mra::test::dns_zone({"expe1.example.com. A 192.0.2.10"}));
    const auto result = query(server.resolver(), DnsView::external, "expe1.example.com", "A", Deadline(0ms));
    CHECK(result.outcome == DnsOutcome::timeout);
    CHECK(server.udp_requests() == 0);
}

TEST_CASE("dns query: garbage instead of DNS is malformed") {
    for (const char* garbage : {"hi", "HTTP/1.1 400 Bad Request\r\n\r\n"}) {
        CAPTURE(garbage);
        TestDnsServer server([&](const DnsRequest&) { return mra::test::dns_raw(garbage); });
        const auto result =
            query(server.resolver(), DnsView::external, "_collab-edge._tls.example.com", "SRV", Deadline(3s));
        CHECK(result.outcome == DnsOutcome::malformed);
        CHECK(result.error.find("unreadable reply from " + server.text() + " over UDP") == 0);
        CHECK(result.rcode.empty());
    }
}

// ldns takes the first datagram that arrives and checks neither ID nor question (RFC 5452 §9.1 asks
// for both), so the probe judges them: a mismatch is malformed, at once, rather than a timeout.
TEST_CASE("dns query: a reply with a wrong ID or to another question is malformed") {
    TestDnsServer wrong_id([](const DnsRequest& request) {
        return mra::test::dns_reply(request, LDNS_RCODE_NOERROR, {"expe1.example.com. A 192.0.2.10"},
                                    {.id = static_cast<std::uint16_t>(request.id ^ 0x5a5a)});
    });
    const auto start = Clock::now();
    const auto by_id = query(wrong_id.resolver(), DnsView::external, "expe1.example.com", "A", Deadline(3s));
    CHECK(by_id.outcome == DnsOutcome::malformed);
    CHECK(by_id.error.find("does not match query ID") != std::string::npos);
    CHECK(by_id.addresses.empty());
    CHECK(since(start) < 1s);

    TestDnsServer other_question([](const DnsRequest& request) {
        return mra::test::dns_reply(request, LDNS_RCODE_NOERROR, {"evil.example.net. A 203.0.113.1"},
                                    {.question = "evil.example.net."});
    });
    const auto by_question =
        query(other_question.resolver(), DnsView::external, "expe1.example.com", "A", Deadline(3s));
    CHECK(by_question.outcome == DnsOutcome::malformed);
    CHECK(by_question.error == "the reply answers another question (evil.example.net)");
}

// ldns sends UDP from an unconnected socket, so the kernel never reports the ICMP port-unreachable
// to it: a closed UDP port looks exactly like a silent server.
TEST_CASE("dns query: a closed UDP port is a timeout (ldns never sees the ICMP error)") {
    std::uint16_t closed = 0;
    {
        TestDnsServer gone([](const DnsRequest&) { return mra::test::dns_silence(); });
        closed = gone.port();
    }
    const auto start = Clock::now();
    const auto result = query(parse_resolver("127.0.0.1:" + std::to_string(closed)), DnsView::external,
                              "_collab-edge._tls.example.com", "SRV", Deadline(800ms));
    CHECK(result.outcome == DnsOutcome::timeout);
    CHECK(since(start) < 1300ms);
}

TEST_CASE("dns query: over IPv6 loopback") {
    std::unique_ptr<TestDnsServer> server;
    try {
        server = std::make_unique<TestDnsServer>(mra::test::dns_zone({"expe1.example.com. AAAA 2001:db8::10"}), "::1");
    } catch (const std::runtime_error& error) {
        MESSAGE("no IPv6 loopback here, skipped: " << error.what());
        return;
    }
    const auto result = query(server->resolver(), DnsView::external, "expe1.example.com", "AAAA", Deadline(3s));
    CHECK(result.resolver == "[::1]:" + std::to_string(server->port()));
    CHECK(result.outcome == DnsOutcome::answer);
    CHECK(result.addresses == std::vector<std::string>{"2001:db8::10"});
}

TEST_CASE("dns query: names and types it cannot ask are refused without I/O, never thrown") {
    TestDnsServer server(mra::test::dns_zone({"expe1.example.com. A 192.0.2.10"}));
    const auto type = query(server.resolver(), DnsView::external, "expe1.example.com", "MX", Deadline(3s));
    CHECK(type.outcome == DnsOutcome::malformed);
    CHECK(type.error == "cannot ask for type \"MX\"");
    const auto name =
        query(server.resolver(), DnsView::external, std::string(70, 'a') + ".example.com", "A", Deadline(3s));
    CHECK(name.outcome == DnsOutcome::malformed);
    CHECK(server.udp_requests() == 0);
}
