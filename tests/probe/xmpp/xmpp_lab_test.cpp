// The XMPP probe against the lab's Prosody (tests/lab/README.md): skipped unless MRA_LAB_XMPP=1, because
// the lab is one shared instance per machine that needs root. Run it with the lab up, under its lock:
//   flock /tmp/mra-lab.lock bash -c 'tests/lab/lab up healthy &&
//     MRA_LAB_XMPP=1 build/tests/unit_tests -tc="*against the lab*" -s; tests/lab/lab down'

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>
#include <utility>

#include "probe/xmpp/xmpp_probe.hpp"
#include "util/text.hpp"

namespace {

std::string environment(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

TEST_CASE("xmpp probe against the lab's Prosody: STARTTLS, TLS and each peer's chain" *
          doctest::skip(std::getenv("MRA_LAB_XMPP") == nullptr)) {
    using namespace std::chrono_literals;
    const std::string domain = environment("DOMAIN", "example.com");
    const auto trust = mra::x509::TrustStore::from_file(environment("CA_BUNDLE", "/run/mra-lab/certs/ca-bundle.pem"));
    const std::int64_t now = std::time(nullptr);  // the lab's certificates are dated from its `up`
    for (const auto& [host, address] : {std::pair<std::string, std::string>{"expe1.example.com", "127.0.10.1"},
                                        {"expe2.example.com", "127.0.10.2"}}) {
        CAPTURE(host);
        const auto endpoint =
            mra::probe::xmpp::probe_xmpp({domain, host, 5222, {address}}, trust, now, mra::Deadline(10s));
        const auto& tls = endpoint.tls;
        MESSAGE(host, " ", address, ": outcome ", static_cast<int>(endpoint.outcome), " error '", endpoint.error,
                "' from '", endpoint.stream_from, "' version '", endpoint.stream_version, "' features [",
                mra::join(endpoint.features), "] required ", endpoint.starttls_required, " after TLS [",
                mra::join(endpoint.features_after_tls), "] SASL [", mra::join(endpoint.sasl_mechanisms), "] ",
                tls.protocol_version, " ", tls.cipher_suite, " connect ", tls.connect_ms, " ms, negotiation ",
                endpoint.negotiation_ms, " ms, handshake ", tls.handshake_ms, " ms");
        CHECK(endpoint.outcome == mra::facts::XmppOutcome::tls_established);
        CHECK(endpoint.error.empty());
        CHECK(endpoint.stream_from == domain);
        CHECK(endpoint.starttls_offered);
        CHECK(endpoint.starttls_required);  // c2s_require_encryption
        CHECK(tls.outcome == mra::facts::TransportOutcome::established);
        REQUIRE(tls.chain.has_value());
        for (const auto& certificate : tls.chain->presented) {
            MESSAGE("  presented: ", certificate.subject, " (issuer ", certificate.issuer, ") SAN DNS [",
                    mra::join(certificate.san.dns), "]");
        }
        MESSAGE("  trust: ", tls.chain->trust.result);
        CHECK(tls.chain->presented.size() == 2);  // leaf + issuing CA in healthy
        CHECK(tls.chain->presented[0].common_name == host);
        CHECK(tls.chain->trust.trusted);
    }
}
