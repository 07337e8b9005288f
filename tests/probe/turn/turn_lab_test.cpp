// The TURN probe against the lab's coturn (tests/lab/README.md): skipped unless MRA_LAB_TURN=1, because the
// lab is one shared instance per machine that needs root. Run it with the lab up, under its lock:
//   flock /tmp/mra-lab.lock bash -c 'tests/lab/lab up healthy &&
//     MRA_LAB_TURN=1 build/tests/unit_tests -tc="*against the lab*" -s; tests/lab/lab down'

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <utility>

#include "probe/turn/turn_probe.hpp"

TEST_CASE("turn probe against the lab's coturn: a Binding request answered with XOR-MAPPED-ADDRESS" *
          doctest::skip(std::getenv("MRA_LAB_TURN") == nullptr)) {
    using namespace std::chrono_literals;
    for (const auto& [host, address] : {std::pair<std::string, std::string>{"expe1.example.com", "127.0.10.1"},
                                        {"expe2.example.com", "127.0.10.2"}}) {
        CAPTURE(host);
        const auto endpoint = mra::probe::turn::probe_turn({host, 3478, address}, mra::Deadline(5s));
        MESSAGE(host, " ", address, ":3478: outcome ", static_cast<int>(endpoint.outcome), " error '", endpoint.error,
                "' mapped '", endpoint.mapped_address, "' software '", endpoint.software, "' attempts ",
                endpoint.attempts, " rtt ", endpoint.rtt_ms, " ms");
        CHECK(endpoint.outcome == mra::facts::TurnOutcome::answered);
        CHECK(endpoint.mapped_address.rfind("127.", 0) == 0);
        CHECK(endpoint.attempts == 1);
    }
}
