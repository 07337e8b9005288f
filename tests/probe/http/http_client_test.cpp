#include "probe/http/http_client.hpp"

#include <botan/base64.h>
#include <doctest/doctest.h>

#include "tests/fixtures.hpp"
#include "tests/probe/http/test_edge_server.hpp"

namespace http = mra::probe::http;
using mra::Deadline;
using mra::facts::HttpOutcome;
using mra::test::http_response;
using mra::test::TestEdgeServer;
using namespace std::chrono_literals;

namespace {

const http::Credentials credentials("test1", "s3cret-Pa55");

// The fixture certificates are dated for 2027: trust the healthy leaf by its key, which curl checks
// whatever the date.
http::EdgeTrust pinned() {
    return {.pins = {TestEdgeServer::pin()}};
}

mra::facts::HttpExchange get(const TestEdgeServer& server, const std::string& path, const http::EdgeTrust& trust,
                             http::Limits limits = {}, std::string* body = nullptr) {
    http::HttpClient client({"expe.example.com", server.port(), {"127.0.0.1"}}, trust, credentials, limits);
    mra::facts::HttpExchange exchange{.path = path};
    const std::string received = client.get(exchange, Deadline(10s));
    if (body) *body = received;
    return exchange;
}

}  // namespace

TEST_CASE("http client: a 200 with Basic credentials, headers read, name resolved by us") {
    const TestEdgeServer server(
        mra::test::Routes{{"/x?a=1", http_response("200 OK", "<ok/>", "text/xml; charset=utf-8")}});
    std::string body;
    const auto exchange = get(server, "/x?a=1", pinned(), {}, &body);
    CHECK(exchange.outcome == HttpOutcome::response);
    CHECK(exchange.status == 200);
    CHECK(body == "<ok/>");
    CHECK(exchange.content_type == "text/xml; charset=utf-8");
    CHECK(exchange.date == "Fri, 15 Jan 2027 00:00:00 GMT");
    CHECK(exchange.received_at > 0);
    CHECK(exchange.body_bytes == 5);
    const auto requests = server.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].find("GET /x?a=1 HTTP/1.1\r\n") == 0);
    CHECK(requests[0].find("Host: expe.example.com:") != std::string::npos);
    CHECK(requests[0].find("Authorization: Basic " +
                           Botan::base64_encode(reinterpret_cast<const std::uint8_t*>("test1:s3cret-Pa55"), 17)) !=
          std::string::npos);
}

TEST_CASE("http client: a 401 challenge's realm is read") {
    const TestEdgeServer server(
        mra::test::Routes{{"/", http_response("401 Unauthorized", "no", "text/html",
                                              "WWW-Authenticate: Basic realm=\"Cisco-Edge\"\r\n")}});
    const auto exchange = get(server, "/", pinned());
    CHECK(exchange.outcome == HttpOutcome::response);
    CHECK(exchange.status == 401);
    CHECK(exchange.realm == "Cisco-Edge");
}

TEST_CASE("http client: nothing is sent to an edge whose certificate does not verify") {
    SUBCASE("a self-signed certificate against the fixture root") {
        const TestEdgeServer server(mra::test::Routes{{"/", http_response("200 OK", "<ok/>")}}, "self-signed");
        const auto exchange = get(server, "/", {.ca_bundle = mra::test::fixture("certs/ca/root.pem")});
        CHECK(exchange.outcome == HttpOutcome::untrusted);
        CHECK_FALSE(exchange.error.empty());
        CHECK(server.requests().empty());
    }
    SUBCASE("a pin of another key") {
        const TestEdgeServer server(mra::test::Routes{{"/", http_response("200 OK", "<ok/>")}});
        const auto exchange = get(server, "/", {.pins = {TestEdgeServer::pin("rsa-8192")}});
        CHECK(exchange.outcome == HttpOutcome::untrusted);
        CHECK(server.requests().empty());
    }
}

TEST_CASE("http client: credentials go only over TLS 1.2 or newer, even with --insecure") {
    const TestEdgeServer server(mra::test::Routes{{"/", http_response("200 OK", "<ok/>")}}, "healthy", true);
    for (const auto& trust : {pinned(), http::EdgeTrust{.insecure = true}}) {
        const auto exchange = get(server, "/", trust);
        CHECK(exchange.outcome == HttpOutcome::tls_failure);
        CHECK_FALSE(exchange.error.empty());
    }
    CHECK(server.requests().empty());
}

TEST_CASE("http client: --insecure sends without verification") {
    const TestEdgeServer server(mra::test::Routes{{"/", http_response("200 OK", "<ok/>")}}, "self-signed");
    const auto exchange = get(server, "/", {.insecure = true});
    CHECK(exchange.outcome == HttpOutcome::response);
    CHECK(server.requests().size() == 1);
}

TEST_CASE("http client: a body over the bound is refused, declared or not") {
    const std::string big(300 * 1024, 'x');
    SUBCASE("Content-Length over the bound") {
        const TestEdgeServer server(mra::test::Routes{{"/", http_response("200 OK", big)}});
        const auto exchange = get(server, "/", pinned(), {.max_body = 64 * 1024});
        CHECK(exchange.outcome == HttpOutcome::too_large);
        CHECK(exchange.error.find("64 KiB") != std::string::npos);
    }
    SUBCASE("chunked, no length declared") {
        std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 20; ++i) chunked += "4000\r\n" + std::string(0x4000, 'y') + "\r\n";
        chunked += "0\r\n\r\n";
        const TestEdgeServer server(mra::test::Routes{{"/", chunked}});
        const auto exchange = get(server, "/", pinned(), {.max_body = 64 * 1024});
        CHECK(exchange.outcome == HttpOutcome::too_large);
    }
}

TEST_CASE("http client: redirects are followed only within the edge") {
    SUBCASE("to another host: not followed, nothing sent there") {
        const TestEdgeServer server(mra::test::Routes{
            {"/", http_response("302 Found", "", "text/html", "Location: https://evil.example.net/steal\r\n")}});
        const auto exchange = get(server, "/", pinned());
        CHECK(exchange.outcome == HttpOutcome::redirect_refused);
        CHECK(exchange.error.find("https://evil.example.net/steal") != std::string::npos);
        CHECK(server.requests().size() == 1);
    }
    SUBCASE("within the same origin: followed") {
        const TestEdgeServer server(
            mra::test::Routes{{"/", http_response("302 Found", "", "text/html", "Location: /there\r\n")},
                              {"/there", http_response("200 OK", "<ok/>")}});
        std::string body;
        const auto exchange = get(server, "/", pinned(), {}, &body);
        CHECK(exchange.outcome == HttpOutcome::response);
        CHECK(body == "<ok/>");
        CHECK(server.requests().size() == 2);
    }
    SUBCASE("a loop: given up") {
        const TestEdgeServer server(
            mra::test::Routes{{"/", http_response("302 Found", "", "text/html", "Location: /\r\n")}});
        const auto exchange = get(server, "/", pinned());
        CHECK(exchange.outcome == HttpOutcome::redirect_refused);
        CHECK(server.requests().size() == 4);
    }
}

TEST_CASE("http client: a body that stalls ends at the request's time limit") {
    const std::string stalled = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<getEdgeConfigResponse>";
    const TestEdgeServer server(mra::test::Routes{{"/", stalled}});
    const auto started = Deadline::Clock::now();
    const auto exchange = get(server, "/", pinned(), {.request_time = 1s});
    CHECK(exchange.outcome == HttpOutcome::timeout);
    CHECK(Deadline::Clock::now() - started < 5s);
}

TEST_CASE("http client: an answer that is not HTTP is a protocol error") {
    const TestEdgeServer server(mra::test::Routes{{"/", "SIP/2.0 200 OK\r\n\r\n"}});
    const auto exchange = get(server, "/", pinned());
    CHECK(exchange.outcome == HttpOutcome::protocol_error);
    CHECK(exchange.error == "the answer does not start with an HTTP status line");
}

TEST_CASE("http client: header lines without end are a response too large, not a protocol error") {
    std::string endless = "HTTP/1.1 200 OK\r\n";
    while (endless.size() < 400 * 1024) endless += "X-Fault: " + std::string(100, 'x') + "\r\n";
    const TestEdgeServer server(mra::test::Routes{{"/", endless}});
    const auto exchange = get(server, "/", pinned());
    CHECK(exchange.outcome == HttpOutcome::too_large);
    CHECK(exchange.error == "the header section exceeds libcurl's bound of 300 KiB");
}

TEST_CASE("http client: nothing listening is a connection failure") {
    http::HttpClient client({"expe.example.com", mra::test::closed_port(), {"127.0.0.1"}}, pinned(), credentials);
    mra::facts::HttpExchange exchange{.path = "/"};
    client.get(exchange, Deadline(5s));
    CHECK(exchange.outcome == HttpOutcome::connect_failed);
}
