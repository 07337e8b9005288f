// The sign-in walk against a hostile edge, judged by the checks: each misbehaviour must come out as
// the edge.config finding a user can act on, and the steps after it as not run.

#include "probe/http/edge_walk.hpp"

#include <doctest/doctest.h>

#include "support/check_runner.hpp"
#include "tests/fixtures.hpp"
#include "tests/probe/http/test_edge_server.hpp"

namespace http = mra::probe::http;
using mra::Deadline;
using mra::Status;
using mra::test::http_response;
using mra::test::TestEdgeServer;
using namespace std::chrono_literals;

namespace {

const std::string config_path = "/ZXhhbXBsZS5jb20/get_edge_config?service_name=_cisco-uds&service_name=_cuplogin";
const std::string uds_prefix =
    "/ZXhhbXBsZS5jb20vaHR0cHMvY3VjbS5leGFtcGxlLmNvbS84NDQz/";  // example.com/https/cucm.example.com/8443
const std::string tftp_prefix =
    "/ZXhhbXBsZS5jb20vaHR0cC9jdWNtLmV4YW1wbGUuY29tLzY5NzA/";  // example.com/http/cucm.example.com/6970

const std::string edge_config = R"(<?xml version='1.0' encoding='UTF-8'?>
<getEdgeConfigResponse version="1.0"><serviceConfig>
<service><name>_cisco-uds</name><server><priority>1</priority><weight>1</weight><port>8443</port><address>cucm.example.com</address></server></service>
<service><name>tftpServer</name><address>cucm.example.com</address></service></serviceConfig>
<edgeConfig><sipEdgeServer><server><address>expe.example.com</address><tlsPort>5061</tlsPort></server></sipEdgeServer>
<userUdsServer><server><address>cucm.example.com</address><tlsPort>8443</tlsPort></server></userUdsServer>
</edgeConfig></getEdgeConfigResponse>)";

struct Walked {
    mra::facts::Facts facts;
    std::vector<mra::Result> check(std::string_view id) const { return mra::test::run_check(id, facts); }
};

Walked walk(const TestEdgeServer& server, const http::EdgeTrust& trust, http::Limits limits = {}) {
    const http::Credentials credentials("test1", "s3cret-Pa55");
    mra::facts::TlsEndpoint edge{.service = "collab-edge",
                                 .host = "expe.example.com",
                                 .port = server.port(),
                                 .address = "127.0.0.1",
                                 .outcome = mra::facts::TransportOutcome::established};
    Walked walked;
    walked.facts.target = "example.com";
    walked.facts.dns.emplace();
    walked.facts.edges.push_back(edge);
    const http::WalkRequest request{.credentials = &credentials, .trust = &trust, .limits = limits};
    walked.facts.sign_in = mra::facts::SignIn{.user = "test1", .trust = "pin"};
    walked.facts.sign_in->sessions.push_back(http::walk_edge(edge, "example.com", request, Deadline(20s)));
    return walked;
}

http::EdgeTrust pinned() {
    return {.pins = {TestEdgeServer::pin()}};
}

// The one finding of `id`, whose message contains `fragment`.
void expect(const Walked& walked, std::string_view id, Status status, const std::string& fragment = "") {
    const auto results = walked.check(id);
    REQUIRE(results.size() == 1);
    CAPTURE(results[0].message);
    CHECK(results[0].status == status);
    CHECK(results[0].message.find(fragment) != std::string::npos);
}

}  // namespace

TEST_CASE("edge walk: the whole path through a well-behaved edge") {
    const std::string devices =
        "<devices><device><name>CSFTEST1</name><provision><uri>http://cucm.example.com:6970/CSFTEST1.cnf.xml</uri>"
        "</provision></device></devices>";
    const TestEdgeServer server(mra::test::Routes{
        {config_path, http_response("200 OK", edge_config)},
        {uds_prefix + "cucm-uds/version",
         http_response("200 OK", "<versionInformation><version>14.0.1</version></versionInformation>")},
        {uds_prefix + "cucm-uds/clusterUser?username=test1",
         http_response(
             "200 OK",
             "<clusterUser><result found=\"true\"/><homeCluster>cucm.example.com</homeCluster></clusterUser>")},
        {uds_prefix + "cucm-uds/servers",
         http_response("200 OK", "<servers><server>cucm.example.com</server></servers>")},
        {uds_prefix + "cucm-uds/user/test1/devices", http_response("200 OK", devices)},
        {tftp_prefix + "CSFTEST1.cnf.xml", http_response("200 OK", "<device/>")},
        {tftp_prefix + "SPDefault.cnf.xml", http_response("200 OK", "<serviceProfile/>")},
        {tftp_prefix + "jabber-config.xml", http_response("200 OK", "<config><unclosed></config>")},
        {tftp_prefix + "CUPC/AppDialRules.xml", http_response("200 OK", "<DialRules/>")}});
    const auto walked = walk(server, pinned());
    expect(walked, "edge.config", Status::pass, "getEdgeConfigResponse 1.0");
    expect(walked, "edge.services", Status::pass, "cucm.example.com");
    expect(walked, "edge.user-uds", Status::pass);
    expect(walked, "uds.version", Status::pass, "14.0.1");
    expect(walked, "uds.cluster-user", Status::pass, "home cluster cucm.example.com");
    expect(walked, "uds.servers", Status::pass);
    expect(walked, "uds.devices", Status::pass, "CSFTEST1");
    expect(walked, "tftp.device-config", Status::pass);
    expect(walked, "tftp.service-profile", Status::pass);
    expect(walked, "tftp.jabber-config", Status::fail, "not well-formed XML");
    expect(walked, "edge.allow-list", Status::pass);
    expect(walked, "edge.clock", Status::fail, "local UTC");  // the server's Date is fixed: 2027-01-15
    const auto dial_rules = walked.check("tftp.dial-rules");
    REQUIRE(dial_rules.size() == 2);
    CHECK(dial_rules[0].status == Status::pass);
    CHECK(dial_rules[1].status == Status::info);  // DirLookupDialRules.xml: 404
    CHECK(dial_rules[1].message.find("404") != std::string::npos);
}

TEST_CASE("edge walk: each hostile get_edge_config gets the finding that names it") {
    SUBCASE("malformed XML") {
        const TestEdgeServer server(
            mra::test::Routes{{config_path, http_response("200 OK", "<getEdgeConfigResponse><serviceConfig>")}});
        const auto walked = walk(server, pinned());
        expect(walked, "edge.config", Status::fail, "not well-formed XML");
        expect(walked, "uds.version", Status::not_run, "needs a getEdgeConfigResponse, which a malformed response");
    }
    SUBCASE("another document") {
        const TestEdgeServer server(
            mra::test::Routes{{config_path, http_response("200 OK", "<html><body>hi</body></html>")}});
        expect(walk(server, pinned()), "edge.config", Status::fail, "the root element is <html>");
    }
    SUBCASE("a wrong content type") {
        const TestEdgeServer server(
            mra::test::Routes{{config_path, http_response("200 OK", edge_config, "text/html")}});
        expect(walk(server, pinned()), "edge.config", Status::fail, "the Content-Type is text/html, not XML");
    }
    SUBCASE("an oversized body") {
        const TestEdgeServer server(
            mra::test::Routes{{config_path, http_response("200 OK", std::string(100 * 1024, ' '))}});
        expect(walk(server, pinned(), {.max_body = 64 * 1024}), "edge.config", Status::fail, "too large");
    }
    SUBCASE("a redirect to another host") {
        const TestEdgeServer server(mra::test::Routes{
            {config_path, http_response("302 Found", "", "text/html", "Location: https://sso.example.net/login\r\n")}});
        expect(walk(server, pinned()), "edge.config", Status::fail, "https://sso.example.net/login");
    }
    SUBCASE("a body that stalls") {
        const TestEdgeServer server(
            mra::test::Routes{{config_path, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n<getEdge"}});
        const auto started = Deadline::Clock::now();
        const auto walked = walk(server, pinned(), {.request_time = 1s});
        CHECK(Deadline::Clock::now() - started < 5s);
        expect(walked, "edge.config", Status::fail, "no complete response within");
    }
    SUBCASE("a 502 from a broken tunnel") {
        const TestEdgeServer server(
            mra::test::Routes{{config_path, http_response("502 Bad Gateway", "", "text/html")}});
        const auto walked = walk(server, pinned());
        expect(walked, "edge.config", Status::fail, "SSH tunnels");
        expect(walked, "edge.clock", Status::fail);  // the Date of a 502 still tells the clock
        expect(walked, "tftp.service-profile", Status::not_run, "which the 502 withheld");
    }
    SUBCASE("a 429 from authorization rate control") {
        const TestEdgeServer server(
            mra::test::Routes{{config_path, http_response("429 Too Many Requests", "", "text/html")}});
        expect(walk(server, pinned()), "edge.config", Status::fail, "rate control");
    }
    SUBCASE("an untrusted certificate: credentials withheld") {
        const TestEdgeServer server(mra::test::Routes{{config_path, http_response("200 OK", edge_config)}},
                                    "self-signed");
        const auto walked = walk(server, {.ca_bundle = mra::test::fixture("certs/ca/root.pem")});
        expect(walked, "edge.config", Status::not_run, "credentials withheld");
        expect(walked, "uds.devices", Status::not_run, "no credentials were sent");
        expect(walked, "edge.clock", Status::not_run);
        CHECK(server.requests().empty());
    }
}

TEST_CASE("edge walk: the user is percent-encoded in UDS paths") {
    const TestEdgeServer server(mra::test::Routes{{config_path, http_response("200 OK", edge_config)}});
    const http::Credentials credentials("a b/c", "pw");
    const http::EdgeTrust trust = pinned();
    const mra::facts::TlsEndpoint edge{.host = "expe.example.com", .port = server.port(), .address = "127.0.0.1"};
    const http::WalkRequest request{.credentials = &credentials, .trust = &trust};
    const auto session = http::walk_edge(edge, "example.com", request, Deadline(20s));
    CHECK(session.uds.devices.path == uds_prefix + "cucm-uds/user/a%20b%2Fc/devices");
    CHECK(session.uds.cluster_user.path == uds_prefix + "cucm-uds/clusterUser?username=a%20b%2Fc");
}
