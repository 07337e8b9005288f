#pragma once
// A misbehaving Expressway-E for the HTTP probe tests: the Botan TLS test server answering each
// HTTP request with whatever raw bytes the test gives for its path (a hostile status line, a
// stalled body, a redirect…), and recording every request it received, headers included, so that
// a test can prove what was and was not sent.

#include <botan/base64.h>
#include <botan/hash.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/probe/tls/test_tls_server.hpp"

namespace mra::test {

// "HTTP/1.1 200 OK" with the headers an Expressway sends and `body`.
inline std::string http_response(const std::string& status, const std::string& body,
                                 const std::string& content_type = "application/xml",
                                 const std::string& extra_headers = "") {
    return "HTTP/1.1 " + status + "\r\nDate: " + "Fri, 15 Jan 2027 00:00:00 GMT\r\nContent-Type: " + content_type +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body;
}

// Request path (with query) → raw response.
using Routes = std::map<std::string, std::string>;

class TestEdgeServer {
public:
    // `routes`: request path (with query) → raw response; anything else is a 404. `tls10_only`: a
    // legacy edge that speaks TLS 1.0 and nothing newer.
    explicit TestEdgeServer(Routes routes, const std::string& scenario = "healthy", bool tls10_only = false)
        : m_state(std::make_shared<State>()) {
        m_state->routes = std::move(routes);
        TlsServerSettings settings{.scenario = scenario, .tls10_only = tls10_only};
        settings.respond =
            [state = m_state](std::span<const std::uint8_t> data) -> std::optional<std::vector<std::uint8_t>> {
            std::lock_guard lock(state->mutex);
            state->pending.append(data.begin(), data.end());
            const auto end = state->pending.find("\r\n\r\n");
            if (end == std::string::npos) return std::vector<std::uint8_t>{};
            const std::string request = state->pending.substr(0, end + 4);
            state->pending.erase(0, end + 4);
            state->requests.push_back(request);
            const auto space = request.find(' ');
            const std::string path = request.substr(space + 1, request.find(' ', space + 1) - space - 1);
            const auto route = state->routes.find(path);
            const std::string reply = route != state->routes.end() ? route->second : http_response("404 Not Found", "");
            return std::vector<std::uint8_t>(reply.begin(), reply.end());
        };
        m_server = std::make_unique<TestTlsServer>(std::move(settings));
    }

    std::uint16_t port() const { return m_server->port(); }
    std::vector<std::string> requests() const {
        std::lock_guard lock(m_state->mutex);
        return m_state->requests;
    }

    // The pin of the scenario's leaf key: base64 SHA-256 of its SubjectPublicKeyInfo.
    static std::string pin(const std::string& scenario = "healthy") {
        const auto identity = ServerIdentity::from_fixture(scenario);
        const auto digest =
            Botan::HashFunction::create_or_throw("SHA-256")->process(identity.chain.front().subject_public_key_info());
        return Botan::base64_encode(digest);
    }

private:
    struct State {
        std::mutex mutex;
        std::map<std::string, std::string> routes;
        std::string pending;
        std::vector<std::string> requests;
    };
    std::shared_ptr<State> m_state;
    std::unique_ptr<TestTlsServer> m_server;
};

}  // namespace mra::test
