// The fault plays do what the fault tests say they do: relayed bytes arrive both ways, a stall or
// reset comes after exactly the bytes asked for, a drip keeps its pace, an endless source does not
// end, and inside TLS the client reads the reply over an established session.

#include "tests/faults/tcp_fault.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "probe/tls/tls_session.hpp"

namespace net = mra::probe::net;
using mra::Deadline;
using namespace mra::test::faults;
using namespace std::chrono_literals;

namespace {

struct Client {
    net::Connection connection;
    std::string received;
    net::NetStatus ended;  // how the last receive ended: ok with nothing more, timeout, reset …

    // Reads until `bytes` more have arrived or the connection ends or `limit` passes.
    void read(std::size_t bytes, std::chrono::milliseconds limit) {
        const Deadline end(limit);
        const std::size_t want = received.size() + bytes;
        while (received.size() < want) {
            const auto got = connection.receive_some(end, want - received.size());
            ended = got.status;
            if (!got.status.ok() || got.bytes.empty()) return;
            received.append(got.bytes.begin(), got.bytes.end());
        }
    }
};

// Connects to `server` and says something, as every client of a fault peer does first.
Client ask(const mra::test::LoopbackServer& server, const std::string& request = "hello") {
    auto connected = net::connect("127.0.0.1", server.port(), Deadline(2s));
    REQUIRE(connected.status.ok());
    REQUIRE(connected.connection.send_all(request, Deadline(2s)).ok());
    return {std::move(connected.connection), {}, {}};
}

}  // namespace

TEST_CASE("fault plays: a relay passes both ways, a stall or a reset comes after the bytes asked for") {
    const mra::test::LoopbackServer upstream(mra::test::echo());
    SUBCASE("relay") {
        const mra::test::LoopbackServer relaying(play({.source = relay("127.0.0.1", upstream.port())}));
        auto client = ask(relaying, "echo me");
        client.read(7, 2s);
        CHECK(client.received == "echo me");
    }
    SUBCASE("stall after 3 bytes") {
        const mra::test::LoopbackServer stalling(
            play({.source = relay("127.0.0.1", upstream.port()), .delivery = Delivery::stall, .after = 3}));
        auto client = ask(stalling, "echo me");
        client.read(7, 300ms);
        CHECK(client.received == "ech");
        CHECK(client.ended.error == net::NetError::timeout);
    }
    SUBCASE("reset after 3 bytes") {
        const mra::test::LoopbackServer resetting(
            play({.source = reply("garbage"), .delivery = Delivery::reset, .after = 3}));
        auto client = ask(resetting);
        client.read(7, 2s);
        CHECK(client.received == "gar");
        CHECK(client.ended.error == net::NetError::reset);
    }
}

TEST_CASE("fault plays: past a text, the fault strikes only after it, however the text was cut") {
    const mra::test::LoopbackServer upstream(mra::test::echo());
    const mra::test::LoopbackServer stalling(play(
        {.source = relay("127.0.0.1", upstream.port()), .delivery = Delivery::stall, .after = 3, .past = "<go/>"}));
    auto client = ask(stalling, "hello<g");
    client.read(7, 2s);
    CHECK(client.received == "hello<g");  // whole, more than `after`: the text has not been said
    REQUIRE(client.connection.send_all(std::string("o/>world"), Deadline(2s)).ok());
    client.read(8, 300ms);
    CHECK(client.received == "hello<go/>wor");
    CHECK(client.ended.error == net::NetError::timeout);
}

TEST_CASE("fault plays: a drip keeps its pace, an endless source does not end") {
    SUBCASE("drip") {
        const mra::test::LoopbackServer dripping(
            play({.source = reply("SIP/2.0"), .delivery = Delivery::drip, .after = 2, .interval = 100ms}));
        auto client = ask(dripping);
        const auto start = Deadline::Clock::now();
        client.read(4, 2s);
        CHECK(client.received == "SIP/");
        // Two whole, then one at once and one 100 ms later.
        CHECK(Deadline::Clock::now() - start >= 90ms);
        client.read(3, 150ms);
        CHECK(client.received.size() < 7);
    }
    SUBCASE("endless") {
        const mra::test::LoopbackServer endless_server(play({.source = endless("HTTP/1.1 200 OK\r\n", "X: y\r\n")}));
        auto client = ask(endless_server);
        client.read(1024 * 1024, 5s);
        CHECK(client.received.size() == 1024 * 1024);
        CHECK(client.received.starts_with("HTTP/1.1 200 OK\r\nX: y\r\nX: y\r\n"));
    }
}

TEST_CASE("fault plays: inside TLS the reply comes over an established session") {
    const mra::test::LoopbackServer speaking(play({.source = reply("SIP/2.0 400 Bad Request\r\n\r\n"),
                                                   .tls = mra::test::ServerIdentity::from_fixture("healthy")}));
    auto connected = net::connect("127.0.0.1", speaking.port(), Deadline(2s));
    REQUIRE(connected.status.ok());
    mra::probe::tls::TlsSession session(connected.connection);
    REQUIRE(session.handshake("expe.example.com", Deadline(5s)).ok());
    REQUIRE(session.send("GET / HTTP/1.1\r\n\r\n", Deadline(2s)).ok());
    const auto answer = session.receive(Deadline(2s));
    CHECK(std::string(answer.bytes.begin(), answer.bytes.end()) == "SIP/2.0 400 Bad Request\r\n\r\n");
}
