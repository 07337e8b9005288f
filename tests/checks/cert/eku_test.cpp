// cert.eku by role and Expressway version (Cisco TAC 225482; Field Notice FN74362; TAC 225693).

#include <doctest/doctest.h>

#include "support/check_runner.hpp"

namespace {

using mra::Status;

constexpr const char* server_auth = "1.3.6.1.5.5.7.3.1";
constexpr const char* client_auth = "1.3.6.1.5.5.7.3.2";

// The `cert` command's facts: one chain, its leaf with this EKU, judged for this role.
mra::facts::Facts offline(std::vector<std::string> eku, mra::facts::Role role = mra::facts::Role::expressway_e,
                          std::string declared = "") {
    mra::facts::Facts facts;
    facts.target = "leaf.pem";
    facts.expressway_version = std::move(declared);
    mra::facts::Chain chain;
    chain.presented.resize(1);
    chain.presented[0].extended_key_usage = std::move(eku);
    chain.path = {0};
    facts.certificates.chains.push_back({"", {role, {"expe1.example.com"}, {"example.com"}}, chain, ""});
    return facts;
}

mra::facts::SipEndpoint sip_answering(const std::string& host, const std::string& server) {
    mra::facts::SipEndpoint endpoint;
    endpoint.tls.host = host;
    endpoint.tls.port = 5061;
    mra::facts::SipExchange options;
    options.method = "OPTIONS";
    options.outcome = mra::facts::SipOutcome::response;
    options.status = 200;
    options.server = server;
    endpoint.exchanges.push_back(options);
    return endpoint;
}

}  // namespace

TEST_CASE("cert.eku: an Expressway-E certificate with serverAuth and clientAuth passes whatever the version") {
    const auto result = mra::test::only_result("cert.eku", offline({server_auth, client_auth}));
    CHECK(result.status == Status::pass);
    CHECK(result.evidence["expressway_version"] == "unknown");
}

TEST_CASE("cert.eku: serverAuth only on an Expressway-E — fail before X15.4, pass from X15.4, warn unknown") {
    const auto x14 =
        mra::test::only_result("cert.eku", offline({server_auth}, mra::facts::Role::expressway_e, "X14.3.0"));
    CHECK(x14.status == Status::fail);
    CHECK(x14.message.find("before X15.4") != std::string::npos);
    CHECK(x14.message.find("SIP SERVICE") != std::string::npos);
    CHECK(x14.message.find("X14.3.0 from --expressway-version") != std::string::npos);
    CHECK(x14.evidence["version_source"] == "--expressway-version");

    const auto x15 =
        mra::test::only_result("cert.eku", offline({server_auth}, mra::facts::Role::expressway_e, "X15.4.0"));
    CHECK(x15.status == Status::pass);
    CHECK(x15.message.find("EnableServerEkuUpload: On") != std::string::npos);
    CHECK(
        mra::test::only_result("cert.eku", offline({server_auth}, mra::facts::Role::expressway_e, "X15.5.1")).status ==
        Status::pass);

    const auto unknown = mra::test::only_result("cert.eku", offline({server_auth}));
    CHECK(unknown.status == Status::warn);
    for (const char* words : {"version is unknown", "2026", "FN74362", "X15.4", "EnableServerEkuUpload: On", "X15.5",
                              "separate client certificate", "--expressway-version"}) {
        CAPTURE(words);
        CHECK(unknown.message.find(words) != std::string::npos);
    }
}

TEST_CASE("cert.eku: without serverAuth an Expressway-E certificate fails, whatever the version") {
    CHECK(
        mra::test::only_result("cert.eku", offline({client_auth}, mra::facts::Role::expressway_e, "X15.5.0")).status ==
        Status::fail);
    CHECK(mra::test::only_result("cert.eku", offline({}, mra::facts::Role::expressway_e, "X15.5.0")).status ==
          Status::fail);
}

TEST_CASE("cert.eku: an Expressway-C needs clientAuth and serverAuth, from X15.4 too") {
    using mra::facts::Role;
    const auto c = mra::test::only_result("cert.eku", offline({server_auth}, Role::expressway_c, "X15.4.0"));
    CHECK(c.status == Status::fail);
    CHECK(c.message.find("lacks clientAuth") != std::string::npos);
    CHECK(c.message.find("traversal") != std::string::npos);
    CHECK(mra::test::only_result("cert.eku", offline({client_auth}, Role::expressway_c)).status == Status::fail);
    CHECK(mra::test::only_result("cert.eku", offline({server_auth, client_auth}, Role::expressway_c)).status ==
          Status::pass);
}

TEST_CASE("cert.eku: the version from the edge's SIP Server header, the flag wins, the profile option last") {
    auto facts = offline({server_auth});
    facts.sip.push_back(sip_answering("expe2.example.com", "TANDBERG/4352 (X15.4.0)"));
    facts.sip.push_back(sip_answering("expe1.example.com", "TANDBERG/4352 (X14.0.2)"));
    // The chain's own host answered: its version, named with where it came from.
    const auto own = mra::test::only_result("cert.eku", facts);
    CHECK(own.status == Status::fail);
    CHECK(own.evidence["expressway_version"] == "X14.0.2");
    CHECK(own.evidence["version_source"].get<std::string>().find("expe1.example.com:5061") != std::string::npos);

    // Another host only: the lowest version any SIP edge named.
    facts.sip.pop_back();
    const auto other = mra::test::only_result("cert.eku", facts);
    CHECK(other.status == Status::pass);
    CHECK(other.evidence["version_source"].get<std::string>().find("expe2.example.com:5061") != std::string::npos);

    // The flag wins over the edge.
    facts.expressway_version = "X14.3.0";
    CHECK(mra::test::only_result("cert.eku", facts).status == Status::fail);

    // The profile's option is used when neither tells.
    const auto profile = mra::test::only_result("cert.eku", offline({server_auth}), {{"expressway_version", "X15.4"}});
    CHECK(profile.status == Status::pass);
    CHECK(profile.evidence["version_source"] == "the profile's expressway_version option");
    CHECK_THROWS_AS(mra::test::run_check("cert.eku", offline({server_auth}), {{"expressway_version", "latest"}}),
                    std::invalid_argument);
}

TEST_CASE("cert.csr: the same EKU rule, with the same version") {
    auto facts = offline({server_auth, client_auth});
    facts.certificates.chains.clear();
    mra::facts::CertificateRequest csr;
    csr.signature_valid = true;
    csr.signature_hash = "SHA-256";
    csr.key_algorithm = "RSA";
    csr.key_bits = 2048;
    csr.extended_key_usage = {server_auth};
    csr.san.dns = {"expe1.example.com", "example.com"};
    facts.certificates.csr = csr;
    facts.certificates.csr_required = {mra::facts::Role::expressway_e, {"expe1.example.com"}, {"example.com"}};

    facts.expressway_version = "";
    CHECK(mra::test::only_result("cert.csr", facts).status == Status::warn);
    facts.expressway_version = "X15.4.0";
    CHECK(mra::test::only_result("cert.csr", facts).status == Status::pass);
    facts.expressway_version = "X14.3.0";
    const auto x14 = mra::test::only_result("cert.csr", facts);
    CHECK(x14.status == Status::fail);
    CHECK(x14.message.find("before X15.4") != std::string::npos);
}
