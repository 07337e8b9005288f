#pragma once
// An Expressway-E made of test servers on one loopback address, for the fault-injection tests:
// every port relays to the same port of a real server behind it — one of the lab's peers — except
// the ports given a fault, so that the peer is healthy but for the fault under test. It can also
// die in the middle of a run, as a server killed would, or have something else happen then (a lab
// server killed): at the n-th connection to one of its ports.
//
//   FaultPeer peer("127.0.10.3", "127.0.10.2", {.tcp = {{8443, {.delivery = Delivery::stall}}}});

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "tests/faults/tcp_fault.hpp"
#include "tests/faults/udp_fault.hpp"

namespace mra::test::faults {

// An Expressway-E's ports: HTTPS, SIP TLS, XMPP; TURN/STUN over UDP.
inline const std::vector<std::uint16_t> edge_tcp_ports{8443, 5061, 5222};
inline const std::vector<std::uint16_t> edge_udp_ports{3478};

class FaultPeer {
public:
    // Something to do when a connection to a port arrives, before it is served.
    struct Trigger {
        std::uint16_t port = 0;
        int connection = 1;  // 1 for the first connection to the port
        std::function<void()> action;
    };
    struct Faults {
        std::map<std::uint16_t, Play> tcp;
        std::map<std::uint16_t, UdpResponder::Handler> udp;
        // The peer dies when this connection to this port arrives — {8443, 2}: after the TLS probe's
        // connection, at the sign-in's — which is reset; every port stops listening.
        std::optional<std::pair<std::uint16_t, int>> death;
        std::vector<Trigger> triggers;
    };

    FaultPeer(const std::string& address, const std::string& upstream, Faults faults)
        : m_triggers(std::move(faults.triggers)) {
        if (faults.death) m_triggers.push_back({faults.death->first, faults.death->second, [this] { die(); }});
        for (const auto port : edge_tcp_ports) {
            const auto fault = faults.tcp.find(port);
            auto handler = play(fault != faults.tcp.end() ? fault->second : Play{.source = relay(upstream, port)});
            m_tcp.push_back(std::make_unique<LoopbackServer>(triggered(port, std::move(handler)), address, port));
        }
        for (const auto port : edge_udp_ports) {
            const auto fault = faults.udp.find(port);
            m_udp.push_back(std::make_unique<UdpResponder>(
                fault != faults.udp.end() ? fault->second : udp_relay(upstream, port), address, port));
        }
    }
    FaultPeer(const FaultPeer&) = delete;
    FaultPeer& operator=(const FaultPeer&) = delete;

private:
    void die() {
        m_dead = true;
        for (auto& server : m_tcp) server->die();
        for (auto& server : m_udp) server->die();
    }

    LoopbackServer::Handler triggered(std::uint16_t port, LoopbackServer::Handler handler) {
        auto count = std::make_shared<std::atomic<int>>(0);
        return [this, port, count, handler = std::move(handler)](probe::net::Connection& connection,
                                                                 const std::atomic<bool>& stopping) {
            const int index = ++*count;
            for (const auto& trigger : m_triggers)
                if (trigger.port == port && trigger.connection == index) trigger.action();
            if (m_dead) return reset(connection);
            handler(connection, stopping);
        };
    }

    std::vector<Trigger> m_triggers;
    std::atomic<bool> m_dead{false};
    std::vector<std::unique_ptr<LoopbackServer>> m_tcp;  // after what their handlers use
    std::vector<std::unique_ptr<UdpResponder>> m_udp;
};

}  // namespace mra::test::faults
