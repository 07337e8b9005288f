#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

namespace {

const std::string jabber_profile_subject = sign_in::edge_subject + " " + sign_in::jabber_profile_file;

}  // namespace

TEST_CASE("tftp.jabber-config: jabber-config.xml and the Jabber profile the user record names are well-formed") {
    auto facts = sign_in::healthy();
    const auto results = mra::test::run_check("tftp.jabber-config", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "jabber-config.xml is well-formed XML");
    CHECK(results[1].subject.name() == jabber_profile_subject);
    CHECK(results[1].status == mra::Status::pass);
    CHECK(results[1].message ==
          sign_in::jabber_profile_file + " (the Jabber profile the user record names) is well-formed XML");

    // A record before CUCM 12.5 names no Jabber profile: nothing to say about one.
    sign_in::walked(facts).uds.record.jabber_profile_uri.clear();
    CHECK(mra::test::run_check("tftp.jabber-config", facts).size() == 1);
}

TEST_CASE("tftp.jabber-config: an absent jabber-config.xml (404) is info, the file is optional") {
    auto facts = sign_in::healthy();
    auto& file = sign_in::walked(facts).tftp.jabber_config;
    file = sign_in::with_status(file, 404);
    const auto results = mra::test::run_check("tftp.jabber-config", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == mra::Status::info);
    CHECK(results[0].message ==
          "no jabber-config.xml on http://cucm.example.com:6970 (404): the file is optional, Jabber uses defaults");
    CHECK(results[1].status == mra::Status::pass);
}

TEST_CASE("tftp.jabber-config: a 403, a malformed file or a Jabber profile that did not answer fails") {
    auto facts = sign_in::healthy();
    auto& file = sign_in::walked(facts).tftp.jabber_config;
    file = sign_in::with_status(file, 403);
    const auto forbidden = mra::test::run_check("tftp.jabber-config", facts);
    CHECK(forbidden[0].status == mra::Status::fail);
    CHECK(forbidden[0].message.starts_with(
        "jabber-config.xml answered 403, not the 404 of an absent file: the file may exist, but Jabber cannot read "
        "it (jabber-config.xml on http://cucm.example.com:6970: 403 Forbidden"));

    file = sign_in::answered("jabber-config.xml", sign_in::tftp_tunnel);
    file.xml_error = "not well-formed XML: unclosed token at line 7";
    const auto malformed = mra::test::run_check("tftp.jabber-config", facts);
    CHECK(malformed[0].status == mra::Status::fail);
    CHECK(malformed[0].message ==
          "jabber-config.xml on http://cucm.example.com:6970 answered 200 but the body is "
          "unusable: not well-formed XML: unclosed token at line 7");

    facts = sign_in::healthy();
    auto& profile = sign_in::walked(facts).tftp.jabber_profile;
    profile = sign_in::with_status(profile, 404);
    const auto no_profile = mra::test::run_check("tftp.jabber-config", facts);
    REQUIRE(no_profile.size() == 2);
    CHECK(no_profile[0].status == mra::Status::pass);
    CHECK(no_profile[1].subject.name() == jabber_profile_subject);
    CHECK(no_profile[1].status == mra::Status::fail);
    CHECK(no_profile[1].message.starts_with(sign_in::jabber_profile_file +
                                            " on https://cucm.example.com:6972: 404 Not Found"));
}

TEST_CASE("tftp.jabber-config: not run without a signed-in session, or when the request was not sent") {
    sign_in::check_not_run_without_session("tftp.jabber-config");

    auto facts = sign_in::healthy();
    auto& session = sign_in::walked(facts);
    session.tftp.jabber_config = sign_in::not_sent(session.tftp.jabber_config, "no TFTP server to ask");
    session.tftp.jabber_profile = sign_in::not_sent(session.tftp.jabber_profile, "no TFTP server to ask");
    const auto results = mra::test::run_check("tftp.jabber-config", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "no TFTP server to ask");
    CHECK(results[1].status == mra::Status::not_run);
}
