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
        {uds_prefix + "cucm-uds/user/test1", http_response("200 OK", "<user><userName>test1</userName></user>")},
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
    expect(walked, "uds.user", Status::fail, "names no service profile");
    expect(walked, "tftp.service-profile", Status::pass, "the user record names none: the default profile");
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
    const TestEdgeServer server(mra::test::Routes{
        {config_path, http_response("200 OK", edge_config)},
        {uds_prefix + "cucm-uds/clusterUser?username=a%20b%2Fc",
         http_response("200 OK",
                       "<clusterUser><result found='true'/><homeCluster>cucm.example.com</homeCluster>"
                       "</clusterUser>")}});
    const http::Credentials credentials("a b/c", "pw");
    const http::EdgeTrust trust = pinned();
    const mra::facts::TlsEndpoint edge{.host = "expe.example.com", .port = server.port(), .address = "127.0.0.1"};
    const http::WalkRequest request{.credentials = &credentials, .trust = &trust};
    const auto session = http::walk_edge(edge, "example.com", request, Deadline(20s));
    CHECK(session.uds.devices.path == uds_prefix + "cucm-uds/user/a%20b%2Fc/devices");
    CHECK(session.uds.cluster_user.path == uds_prefix + "cucm-uds/clusterUser?username=a%20b%2Fc");
    CHECK(session.uds.user.path == uds_prefix + "cucm-uds/user/a%20b%2Fc");
    CHECK(session.sso.exchange.path == "/ZXhhbXBsZS5jb20/get_edge_sso?email=a%20b%2Fc@example.com");
}

namespace {

// The requests the server saw, by the path they asked for (query included).
std::string request_for(const TestEdgeServer& server, const std::string& path) {
    for (const auto& request : server.requests())
        if (request.find("GET " + path + " HTTP/1.1\r\n") == 0) return request;
    return "";
}

bool has_header(const std::string& request, const std::string& name) {
    return request.find("\r\n" + name + ": ") != std::string::npos;
}

const std::string cookie = "X-Auth=d7be94ee-6f59-40d9-9614-1557e87bb122";
const std::string tftps_prefix =
    "/ZXhhbXBsZS5jb20vaHR0cHMvY3VjbS5leGFtcGxlLmNvbS82OTcy/";  // example.com/https/cucm.example.com/6972

// A user with an assigned service profile, a Jabber profile on 6972, and a softphone with a
// free-form name, as CUCM 12.5+ serves them.
mra::test::Routes jabber_routes(const std::string& edge_config_headers) {
    return {
        {config_path, http_response("200 OK", edge_config, "application/xml", edge_config_headers)},
        {uds_prefix + "cucm-uds/version",
         http_response("200 OK",
                       "<versionInformation version='10.0.0'><version>12.5.1</version></versionInformation>")},
        {uds_prefix + "cucm-uds/clusterUser?username=test1",
         http_response("200 OK",
                       "<clusterUser><result found='true'/><homeCluster>cucm.example.com</homeCluster>"
                       "</clusterUser>")},
        {uds_prefix + "cucm-uds/servers",
         http_response("200 OK", "<servers><server>cucm.example.com</server></servers>")},
        {uds_prefix + "cucm-uds/user/test1",
         http_response("200 OK",
                       "<user><homeCluster enableImAndPresence='true'>true</homeCluster><serviceProfile>"
                       "<uri>http://cucm.example.com:6970/SPabc.cnf.xml</uri></serviceProfile><jabberProfile>"
                       "<uri>https://cucm.example.com:6972/JAB_abc.cnf.xml</uri></jabberProfile></user>")},
        {uds_prefix + "cucm-uds/user/test1/devices",
         http_response("200 OK",
                       "<devices><device><name>MDonald</name><model>Cisco Unified Client Services "
                       "Framework</model><product>390</product><provision><uri>http://cucm.example.com:6970/"
                       "MDonald.cnf.xml</uri></provision></device></devices>")},
        {tftp_prefix + "MDonald.cnf.xml", http_response("200 OK", "<device/>")},
        {tftp_prefix + "SPabc.cnf.xml", http_response("200 OK", "<serviceProfile/>")},
        {tftps_prefix + "JAB_abc.cnf.xml", http_response("200 OK", "<config/>")},
        {tftp_prefix + "jabber-config.xml", http_response("200 OK", "<config/>")},
    };
}

}  // namespace

TEST_CASE("edge walk: Jabber's order, the assigned profiles, a free-form softphone name") {
    const TestEdgeServer server(jabber_routes("Set-Cookie: " + cookie + "; Path=/; Secure; HttpOnly\r\n"));
    const auto walked = walk(server, pinned());
    expect(walked, "uds.version", Status::pass, "CUCM 12.5.1");
    expect(walked, "uds.version", Status::pass, "UDS schema 10.0.0");
    expect(walked, "uds.user", Status::pass, "Jabber profile https://cucm.example.com:6972/JAB_abc.cnf.xml");
    expect(walked, "uds.devices", Status::pass, "MDonald");
    expect(walked, "tftp.device-config", Status::pass, "MDonald.cnf.xml");
    expect(walked, "tftp.service-profile", Status::pass, "SPabc.cnf.xml");
    const auto jabber = walked.check("tftp.jabber-config");
    REQUIRE(jabber.size() == 2);
    CHECK(jabber[1].status == Status::pass);
    CHECK(jabber[1].message.find("JAB_abc.cnf.xml") != std::string::npos);
    CHECK_FALSE(request_for(server, tftp_prefix + "SPDefault.cnf.xml").size());  // the named profile, not the default

    // The order Jabber asks in: sso, config, version, clusterUser, servers, user, devices, files.
    std::vector<std::string> order;
    for (const auto& request : server.requests()) order.push_back(request.substr(4, request.find(' ', 4) - 4));
    REQUIRE(order.size() >= 8);
    CHECK(order[0].find("/get_edge_sso?email=test1@example.com") != std::string::npos);
    CHECK(order[1] == config_path);
    CHECK(order[2] == uds_prefix + "cucm-uds/version");
    CHECK(order[3] == uds_prefix + "cucm-uds/clusterUser?username=test1");
    CHECK(order[4] == uds_prefix + "cucm-uds/servers");
    CHECK(order[5] == uds_prefix + "cucm-uds/user/test1");
    CHECK(order[6] == uds_prefix + "cucm-uds/user/test1/devices");

    // Credentials with get_edge_config and the devices request only; the cookie on the rest.
    CHECK_FALSE(has_header(request_for(server, order[0]), "Authorization"));
    CHECK(has_header(request_for(server, config_path), "Authorization"));
    CHECK(has_header(request_for(server, uds_prefix + "cucm-uds/user/test1/devices"), "Authorization"));
    for (const auto& path : {uds_prefix + "cucm-uds/version", uds_prefix + "cucm-uds/user/test1",
                             tftp_prefix + "MDonald.cnf.xml", tftps_prefix + "JAB_abc.cnf.xml"}) {
        CAPTURE(path);
        const auto request = request_for(server, path);
        CHECK_FALSE(has_header(request, "Authorization"));
        CHECK(request.find("Cookie: " + cookie) != std::string::npos);
    }
    const auto& session = walked.facts.sign_in->sessions.front();
    CHECK(session.credential_presentations == 2);
    CHECK(session.session_cookie);
}

TEST_CASE("edge walk: without an X-Auth cookie every request carries the credentials, and says so") {
    const TestEdgeServer server(jabber_routes(""));
    const auto walked = walk(server, pinned());
    const auto& session = walked.facts.sign_in->sessions.front();
    CHECK_FALSE(session.session_cookie);
    CHECK(session.credential_presentations == static_cast<int>(server.requests().size()) - 1);  // all but sso
    CHECK(has_header(request_for(server, uds_prefix + "cucm-uds/version"), "Authorization"));
    const auto config = walked.check("edge.config");
    REQUIRE(config.size() == 1);
    CHECK(config[0].evidence["credentials"]["session_cookie"] == false);
    CHECK(config[0].evidence["credentials"]["note"].get<std::string>().find("no X-Auth cookie") != std::string::npos);
}

TEST_CASE("edge walk: an edge that does not take Basic is told apart from a wrong password") {
    SUBCASE("401 with a Bearer challenge only: OAuth/SSO only") {
        const TestEdgeServer server(
            mra::test::Routes{{config_path, http_response("401 Unauthorized", "", "text/html",
                                                          "WWW-Authenticate: Bearer realm=\"example.com\"\r\n")}});
        const auto walked = walk(server, pinned());
        expect(walked, "edge.config", Status::info, "does not accept Basic credentials (OAuth/SSO only)");
        expect(walked, "uds.version", Status::not_run);
        expect(walked, "edge.services", Status::not_run, "does not accept Basic credentials");
        const auto config = walked.check("edge.config");
        CHECK(config[0].evidence["www_authenticate_schemes"] == std::vector<std::string>{"Bearer"});
        CHECK(config[0].evidence["get_edge_sso"]["status"] == 404);  // recorded, whatever it is
    }
    SUBCASE("401 with a Basic challenge: the password") {
        const TestEdgeServer server(mra::test::Routes{
            {config_path, http_response("401 Unauthorized", "", "text/html",
                                        "WWW-Authenticate: Bearer realm=\"x\", Basic realm=\"Cisco-Edge\"\r\n")}});
        const auto walked = walk(server, pinned());
        expect(walked, "edge.config", Status::fail, "the user name or password is wrong");
    }
}

TEST_CASE("edge walk: clusterUser goes to the _cisco-uds server, and the home cluster it names gets the rest") {
    // _cisco-uds names cucmb (another cluster); userUdsServer names cucm.
    std::string config = edge_config;
    const std::string uds_server = "<address>cucm.example.com</address></server></service>";
    config.replace(config.find(uds_server), uds_server.size(),
                   "<address>cucmb.example.com</address></server></service>");
    const std::string cucmb = "/ZXhhbXBsZS5jb20vaHR0cHMvY3VjbWIuZXhhbXBsZS5jb20vODQ0Mw/";  // .../cucmb.example.com/8443
    const TestEdgeServer server(
        mra::test::Routes{{config_path, http_response("200 OK", config)},
                          {cucmb + "cucm-uds/version",
                           http_response("200 OK", "<versionInformation><version>14</version></versionInformation>")},
                          {cucmb + "cucm-uds/clusterUser?username=test1",
                           http_response("200 OK", "<clusterUser><result found='false'/></clusterUser>")}});
    const auto walked = walk(server, pinned());
    expect(walked, "uds.cluster-user", Status::fail, "found=false");
    expect(walked, "uds.cluster-user", Status::fail, "ILS");
    expect(walked, "uds.servers", Status::not_run, "did not find the user");
    expect(walked, "uds.user", Status::not_run, "did not find the user");
    expect(walked, "edge.user-uds", Status::pass);
    CHECK(request_for(server, uds_prefix + "cucm-uds/clusterUser?username=test1").empty());
}

TEST_CASE("edge walk: the voicemail server a profile names gets one request, its 403 warns, naming it") {
    auto routes = jabber_routes("Set-Cookie: " + cookie + "; Path=/\r\n");
    routes[tftp_prefix + "SPabc.cnf.xml"] = http_response(
        "200 OK",
        "<serviceProfile><serviceProfileInfo><serviceProfileInfoElement><serviceType>Voicemail</serviceType>"
        "<server1>cuc.example.com</server1></serviceProfileInfoElement></serviceProfileInfo></serviceProfile>");
    routes[tftp_prefix + "jabber-config.xml"] =
        http_response("200 OK",
                      "<config><Client><UpdateUrl>http://cucm.example.com:6970/jabber-update.xml</UpdateUrl>"
                      "</Client></config>");
    const std::string cuc = "/ZXhhbXBsZS5jb20vaHR0cHMvY3VjLmV4YW1wbGUuY29tLzQ0Mw/";  // .../cuc.example.com/443
    routes[cuc] = http_response("403 Forbidden", "", "text/html");
    routes[tftp_prefix + "jabber-update.xml"] = http_response("200 OK", "<update/>");
    const TestEdgeServer server(routes);
    const auto walked = walk(server, pinned());
    expect(walked, "edge.allow-list", Status::warn, "https://cuc.example.com:443 (voicemail, named by SPabc.cnf.xml)");
    CHECK_FALSE(request_for(server, cuc).empty());
    CHECK_FALSE(request_for(server, tftp_prefix + "jabber-update.xml").empty());
    const auto& named = walked.facts.sign_in->sessions.front().tftp.named_servers;
    REQUIRE(named.size() == 2);
    CHECK(named[1].role == "update");
    CHECK(named[1].probe.status == 200);
}
