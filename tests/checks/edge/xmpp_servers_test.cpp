#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

namespace {

// get_edge_config without xmppEdgeServer, for a user whose record says this of IM and Presence.
mra::facts::Facts without_xmpp(std::optional<bool> im_and_presence) {
    auto facts = sign_in::healthy();
    sign_in::walked(facts).config->xmpp_edge_servers.clear();
    sign_in::walked(facts).uds.record.im_and_presence = im_and_presence;
    return facts;
}

}  // namespace

TEST_CASE("edge.xmpp-servers: the XMPP edge servers are listed") {
    const auto results = mra::test::run_check("edge.xmpp-servers", sign_in::healthy());
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "xmppEdgeServer expe1.example.com:5222");
    CHECK(results[0].evidence["servers"] == std::vector<std::string>{"expe1.example.com:5222"});
}

TEST_CASE("edge.xmpp-servers: none listed fails for a user enabled for IM and Presence") {
    const auto results = mra::test::run_check("edge.xmpp-servers", without_xmpp(true));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message ==
          "get_edge_config lists no xmppEdgeServer, but the user record enables the user for IM and Presence: Jabber "
          "has no IM and presence over MRA");
}

TEST_CASE("edge.xmpp-servers: none listed is info for a user without IM and Presence, warn when unknown") {
    const auto phone_only = mra::test::run_check("edge.xmpp-servers", without_xmpp(false));
    REQUIRE(phone_only.size() == 1);
    CHECK(phone_only[0].status == mra::Status::info);
    CHECK(phone_only[0].message.find("does not enable the user for IM and Presence, so Jabber needs none") !=
          std::string::npos);

    const auto unknown = mra::test::run_check("edge.xmpp-servers", without_xmpp(std::nullopt));
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].status == mra::Status::warn);
    CHECK(unknown[0].message ==
          "get_edge_config lists no xmppEdgeServer: no IM and presence (the user record did "
          "not say whether the user is enabled for it)");
}

TEST_CASE("edge.xmpp-servers: not run without a getEdgeConfigResponse") {
    sign_in::check_not_run_without_session("edge.xmpp-servers");
}
