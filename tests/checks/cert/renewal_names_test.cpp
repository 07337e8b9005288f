// cert.renewal-names: a renewal keeps every SAN and SRVName (Expressway Certificate Creation and Use Guide
// X15.5, Managing Expressway Certificates).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

namespace {

// The `cert` command's facts for a renewed leaf with these SAN dNSNames, replacing the healthy leaf.
mra::facts::Facts renewal(std::vector<std::string> dns, mra::facts::Certificate previous = leaf()) {
    auto renewed = leaf();
    renewed.san.dns = std::move(dns);
    auto facts = offline(leaf_chain(renewed));
    facts.certificates.previous = std::move(previous);
    return facts;
}

}  // namespace

TEST_CASE("cert.renewal-names: the same names pass, whatever their case") {
    const auto result = only_result("cert.renewal-names", renewal({"expe1.example.com", "example.com"}));
    CHECK(result.subject.name() == "leaf");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "names exactly what the previous certificate named");
    CHECK(only_result("cert.renewal-names", renewal({"EXPE1.example.com", "Example.com"})).status == Status::pass);
}

TEST_CASE("cert.renewal-names: a name dropped fails, naming it") {
    const auto result = only_result("cert.renewal-names", renewal({"expe1.example.com"}));
    CHECK(result.status == Status::fail);
    CHECK(result.message == "the new certificate drops DNS:example.com");

    auto previous = leaf();
    previous.san.other_names = {other_name(srvname_oid, "_collab-edge._tls.example.com")};
    const auto srvname = only_result("cert.renewal-names", renewal({"expe1.example.com", "example.com"}, previous));
    CHECK(srvname.status == Status::fail);
    CHECK(srvname.message == "the new certificate drops otherName 1.3.6.1.5.5.7.8.7:_collab-edge._tls.example.com");
}

TEST_CASE("cert.renewal-names: names added beside every old one are information") {
    const auto result =
        only_result("cert.renewal-names", renewal({"expe1.example.com", "example.com", "expe2.example.com"}));
    CHECK(result.status == Status::info);
    CHECK(result.message == "keeps every name of the previous certificate and adds DNS:expe2.example.com");
}

TEST_CASE("cert.renewal-names: not_run when the previous certificate did not decode or the new one is missing") {
    CHECK(mra::test::run_check("cert.renewal-names", offline(healthy_chain())).empty());  // no previous given

    auto undecoded = offline(healthy_chain());
    undecoded.certificates.failures.push_back({"previous", "old.pem", "no PEM block"});
    const auto previous = only_result("cert.renewal-names", undecoded);
    CHECK(previous.status == Status::not_run);
    CHECK(previous.message == "the previous certificate could not be decoded (see cert.parse)");

    auto no_chain = unavailable();
    no_chain.certificates.previous = leaf();
    const auto result = only_result("cert.renewal-names", no_chain);
    CHECK(result.status == Status::not_run);
    CHECK(mentions(result.message, no_chain_reason));
}
