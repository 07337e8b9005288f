#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("uds.version: the version resource answered, naming the CUCM version and the server asked") {
    auto facts = sign_in::healthy();
    const auto results = mra::test::run_check("uds.version", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "CUCM 14.0.1 on https://cucm.example.com:8443 (a _cisco-uds server)");
    CHECK(results[0].evidence["status"] == 200);

    // A schema version other than the CUCM version is said; a version the response did not give too.
    sign_in::walked(facts).uds.schema_version = "11.5";
    sign_in::walked(facts).uds.discovery_source = "userUdsServer";
    CHECK(mra::test::run_check("uds.version", facts)[0].message ==
          "CUCM 14.0.1 on https://cucm.example.com:8443 (a userUdsServer server), UDS schema 11.5");
    sign_in::walked(facts).uds.version_number.clear();
    CHECK(mra::test::run_check("uds.version", facts)[0].message.starts_with("CUCM (version not given) on "));
}

TEST_CASE("uds.version: a version request that got no answer fails, naming the status and its cause") {
    auto facts = sign_in::healthy();
    auto& version = sign_in::walked(facts).uds.version;
    version = sign_in::with_status(version, 502);
    const auto results = mra::test::run_check("uds.version", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message.starts_with("cucm-uds/version on https://cucm.example.com:8443: 502 Bad Gateway"));
    CHECK(results[0].message.find("SSH tunnels") != std::string::npos);

    version = sign_in::answered("cucm-uds/version", sign_in::uds_tunnel);
    version.xml_error = "no <versionInformation> element";
    const auto unusable = mra::test::run_check("uds.version", facts);
    CHECK(unusable[0].status == mra::Status::fail);
    CHECK(unusable[0].message ==
          "cucm-uds/version on https://cucm.example.com:8443 answered 200 but the body is unusable: no "
          "<versionInformation> element");
}

TEST_CASE("uds.version: not run without a signed-in session, or when the request was not sent") {
    sign_in::check_not_run_without_session("uds.version");

    auto facts = sign_in::healthy();
    auto& version = sign_in::walked(facts).uds.version;
    version = sign_in::not_sent(version, "no _cisco-uds server and no userUdsServer to ask");
    const auto results = mra::test::run_check("uds.version", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "no _cisco-uds server and no userUdsServer to ask");
}
